import { expect } from 'chai';
import { twoTaskProcess } from '../support/bpmn';
import { elementActivated, startGatewayTestBed, type GatewayTestBed } from '../support/test-bed';

type GrpcFailure = { code: number; details: string };
const failure = (e: GrpcFailure) => e;

describe('the gRPC gateway: ModifyProcessInstance (MigrateProcessInstance: conformance/process-instance-migration)', () => {
  let bed: GatewayTestBed;
  before(async () => {
    bed = await startGatewayTestBed();
    await bed.sdk().deployResource({ process: Buffer.from(twoTaskProcess('two-steps', 'step-one', 'step-two')), name: 'two.bpmn' });
  });
  after(async () => {
    await bed?.close();
  });

  it('terminates the active task and activates a later one, with variables', async () => {
    // given
    const sdk = bed.sdk();
    const { processInstanceKey } = await sdk.createProcessInstance({ bpmnProcessId: 'two-steps', variables: {} });
    const first = await bed.record(elementActivated(processInstanceKey, 'first'));
    // when
    await sdk.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'second', ancestorElementInstanceKey: '-1', variableInstructions: [{ variables: { skipped: true }, scopeId: '' }] }],
      terminateInstructions: [{ elementInstanceKey: first.key }],
    });
    // then
    await bed.record((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_TERMINATED' && r.key === first.key);
    await bed.record(elementActivated(processInstanceKey, 'second'));
    const jobs = await sdk.activateJobs({ type: 'step-two', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 10_000 });
    expect(jobs[0].processInstanceKey).to.equal(processInstanceKey);
    expect(jobs[0].variables).to.deep.include({ skipped: true });
  });

  it('answers NOT_FOUND when modifying an instance that does not exist', async () => {
    const error = await bed
      .sdk()
      .modifyProcessInstance({
        processInstanceKey: '2251799813999999',
        activateInstructions: [{ elementId: 'second', ancestorElementInstanceKey: '-1', variableInstructions: [] }],
        terminateInstructions: [],
      })
      .then(() => undefined, failure);
    expect(error?.code).to.equal(5);
    expect(error?.details).to.match(/^Command 'MODIFY' rejected with code 'NOT_FOUND'/);
  });
});
