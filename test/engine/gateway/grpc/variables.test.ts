import { expect } from 'chai';
import { serviceTaskProcess } from '../support/bpmn';
import { startGatewayTestBed, type GatewayTestBed } from '../support/test-bed';

type GrpcFailure = { code: number; details: string };
const failure = (e: GrpcFailure) => e;

describe('the gRPC gateway: SetVariables', () => {
  let bed: GatewayTestBed;
  before(async () => {
    bed = await startGatewayTestBed();
    await bed.sdk().deployResource({ process: Buffer.from(serviceTaskProcess('holds-vars', 'idle')), name: 'v.bpmn' });
  });
  after(async () => {
    await bed?.close();
  });

  it('sets variables on the process instance scope and a worker then sees them', async () => {
    // given
    const sdk = bed.sdk();
    const { processInstanceKey } = await sdk.createProcessInstance({ bpmnProcessId: 'holds-vars', variables: { status: 'new' } });
    // when
    const answer = (await sdk.setVariables({ elementInstanceKey: processInstanceKey, variables: { status: 'checked', score: 9 }, local: false })) as unknown as { key: string };
    // then
    expect(answer.key).to.match(/^\d+$/);
    const jobs = await sdk.activateJobs({ type: 'idle', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 10_000 });
    expect(jobs[0].variables).to.deep.equal({ status: 'checked', score: 9 });
  });

  it('answers INVALID_ARGUMENT when the document is not a JSON object', async () => {
    const sdk = bed.sdk();
    const { processInstanceKey } = await sdk.createProcessInstance({ bpmnProcessId: 'holds-vars', variables: {} });
    const error = await bed
      .zeebeNode()
      .setVariables({ elementInstanceKey: processInstanceKey, variables: [1] as never, local: true })
      .then(() => undefined, failure);
    expect(error?.code).to.equal(3);
    expect(error?.details).to.equal("Property 'variables' is invalid: Expected document to be a root level object, but was 'ARRAY'");
  });

  it('answers NOT_FOUND for a scope that does not exist', async () => {
    const error = await bed
      .sdk()
      .setVariables({ elementInstanceKey: '2251799813999999', variables: { a: 1 }, local: true })
      .then(() => undefined, failure);
    expect(error?.code).to.equal(5);
  });
});
