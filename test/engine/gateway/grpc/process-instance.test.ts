import { expect } from 'chai';
import { serviceTaskProcess, straightThroughProcess } from '../support/bpmn';
import { processInstanceCompleted, startGatewayTestBed, type GatewayTestBed } from '../support/test-bed';

type GrpcFailure = { code: number; details: string };
const failure = (e: GrpcFailure) => e;

describe('the gRPC gateway: CreateProcessInstance, CreateProcessInstanceWithResult and CancelProcessInstance', () => {
  let bed: GatewayTestBed;
  before(async () => {
    bed = await startGatewayTestBed();
    const sdk = bed.sdk();
    await sdk.deployResource({ process: Buffer.from(serviceTaskProcess('waits', 'never-worked')), name: 'waits.bpmn' });
    await sdk.deployResource({ process: Buffer.from(straightThroughProcess('straight')), name: 'straight.bpmn' });
  });
  after(async () => {
    await bed?.close();
  });

  it('creates an instance of the latest version when the SDK sends version -1', async () => {
    // when
    const created = await bed.sdk().createProcessInstance({ bpmnProcessId: 'waits', variables: { orderId: 'o-1' } });
    // then
    expect(created).to.include({ bpmnProcessId: 'waits', version: 1, tenantId: '<default>' });
    expect(created.processInstanceKey).to.match(/^\d+$/);
    const variable = await bed.record(
      (r) => r.valueType === 'VARIABLE' && r.value.name === 'orderId' && r.value.processInstanceKey === created.processInstanceKey,
    );
    expect(variable.value.value).to.equal('"o-1"');
  });

  it('creates an instance for zeebe-node, which sends an empty tenant', async () => {
    const created = await bed.zeebeNode().createProcessInstance({ bpmnProcessId: 'waits', variables: {} });
    expect(created.bpmnProcessId).to.equal('waits');
    expect(created.processInstanceKey).to.match(/^\d+$/);
  });

  it('answers with the result variables once the instance completed', async () => {
    // when
    const result = await bed.sdk().createProcessInstanceWithResult({ bpmnProcessId: 'straight', variables: { a: 1, b: 'two' } });
    // then
    expect(result.variables).to.deep.equal({ a: 1, b: 'two' });
    expect(bed.records(processInstanceCompleted(result.processInstanceKey))).to.have.length(1);
  });

  it('restricts the result to fetchVariables', async () => {
    const result = await bed
      .sdk()
      .createProcessInstanceWithResult({ bpmnProcessId: 'straight', variables: { a: 1, b: 2 }, fetchVariables: ['b'] });
    expect(result.variables).to.deep.equal({ b: 2 });
  });

  it('answers DEADLINE_EXCEEDED when the instance does not complete within requestTimeout, and the instance lives on', async () => {
    // given a client that does not retry, so the timeout surfaces
    const sdk = bed.sdk({ zeebeGrpcSettings: { ZEEBE_GRPC_CLIENT_RETRY: false } });
    // when
    const error = await sdk
      .createProcessInstanceWithResult({ bpmnProcessId: 'waits', variables: { tag: 'timed-out' }, requestTimeout: 300 })
      .then(() => undefined, failure);
    // then
    expect(error?.code).to.equal(4);
    const created = bed.records((r) => r.valueType === 'VARIABLE' && r.value.name === 'tag' && r.value.value === '"timed-out"');
    expect(created).to.have.length(1);
  });

  it('answers NOT_FOUND for a process id that was never deployed', async () => {
    const error = await bed.sdk().createProcessInstance({ bpmnProcessId: 'no-such-process', variables: {} }).then(() => undefined, failure);
    expect(error?.code).to.equal(5);
    expect(error?.details).to.match(/^Command 'CREATE' rejected with code 'NOT_FOUND': Expected .*but/);
  });

  it('answers INVALID_ARGUMENT when the variables are not a JSON object', async () => {
    // zeebe-node sends any document as it is (the SDK refuses an array before sending)
    const error = await bed
      .zeebeNode()
      .createProcessInstance({ bpmnProcessId: 'waits', variables: [1, 2] as never })
      .then(() => undefined, failure);
    expect(error?.code).to.equal(3);
    expect(error?.details).to.equal("Property 'variables' is invalid: Expected document to be a root level object, but was 'ARRAY'");
  });

  it('cancels a running instance', async () => {
    // given
    const sdk = bed.sdk();
    const { processInstanceKey } = await sdk.createProcessInstance({ bpmnProcessId: 'waits', variables: {} });
    // when
    await sdk.cancelProcessInstance(processInstanceKey);
    // then
    const terminated = await bed.record(
      (r) =>
        r.valueType === 'PROCESS_INSTANCE' &&
        r.intent === 'ELEMENT_TERMINATED' &&
        r.key === processInstanceKey &&
        r.value.bpmnElementType === 'PROCESS',
    );
    expect(terminated.recordType).to.equal('EVENT');
  });

  it('answers NOT_FOUND when cancelling an instance that does not exist', async () => {
    const error = await bed.zeebeNode().cancelProcessInstance('2251799813999999').then(() => undefined, failure);
    expect(error?.code).to.equal(5);
  });
});
