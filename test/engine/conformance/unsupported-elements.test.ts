import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, chain } = bpmn;

describe('conformance: elements outside what the engine runs', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
  });
  after(async () => {
    await bed?.close();
  });

  it('refuses at deploy time a model with an element it does not support, naming the element, with INVALID_ARGUMENT (Zeebe: deployment validation)', async () => {
    // given a complex gateway, which Camunda 8 does not execute
    const model = process('unsupported-complex', start('s'), '<bpmn:complexGateway id="weird"/>', end('e'), chain('s', 'weird', 'e'));
    // when
    const error = await bed.sdk
      .deployResource({ process: Buffer.from(model), name: 'unsupported-complex.bpmn' })
      .then(() => undefined, (e: { code: number; details: string }) => e);
    // then
    expect(error?.code).to.equal(3);
    expect(error?.details).to.contain('weird');
    // and nothing was deployed: the process id is unknown
    const start2 = await bed.sdk.createProcessInstance({ bpmnProcessId: 'unsupported-complex', variables: {} }).then(() => undefined, (e: { code: number }) => e);
    expect(start2?.code).to.equal(5);
  });
});
