import { expect } from 'chai';
import { messageCatchProcess, signalCatchProcess } from '../support/bpmn';
import { elementActivated, processInstanceCompleted, startGatewayTestBed, type GatewayTestBed } from '../support/test-bed';

type GrpcFailure = { code: number; details: string };
const failure = (e: GrpcFailure) => e;

describe('the gRPC gateway: PublishMessage and BroadcastSignal', () => {
  let bed: GatewayTestBed;
  before(async () => {
    bed = await startGatewayTestBed();
    const sdk = bed.sdk();
    await sdk.deployResource({ process: Buffer.from(messageCatchProcess('awaits-payment', 'payment-received', 'orderId')), name: 'm.bpmn' });
    await sdk.deployResource({ process: Buffer.from(signalCatchProcess('awaits-signal', 'policy-changed')), name: 's.bpmn' });
  });
  after(async () => {
    await bed?.close();
  });

  it('correlates a published message to the waiting instance by its correlation key', async () => {
    // given
    const sdk = bed.sdk();
    const { processInstanceKey } = await sdk.createProcessInstance({ bpmnProcessId: 'awaits-payment', variables: { orderId: 'A-1' } });
    await bed.record(elementActivated(processInstanceKey, 'wait'));
    // when
    const published = await sdk.publishMessage({ name: 'payment-received', correlationKey: 'A-1', variables: { amount: 12 }, timeToLive: 0 });
    // then
    expect(published.key).to.match(/^\d+$/);
    await bed.record(processInstanceCompleted(processInstanceKey));
    const amount = bed.records((r) => r.valueType === 'VARIABLE' && r.value.name === 'amount' && r.value.processInstanceKey === processInstanceKey);
    expect(amount).to.have.length(1);
  });

  it('buffers a message for its time to live so an instance created later still gets it (zeebe-node)', async () => {
    // given
    const zbc = bed.zeebeNode();
    await zbc.publishMessage({ name: 'payment-received', correlationKey: 'B-2', variables: {}, timeToLive: 60_000 });
    // when
    const { processInstanceKey } = await zbc.createProcessInstance({ bpmnProcessId: 'awaits-payment', variables: { orderId: 'B-2' } });
    // then
    await bed.record(processInstanceCompleted(processInstanceKey));
  });

  it('answers ALREADY_EXISTS for a second message with the same id while the first is alive', async () => {
    // given
    const sdk = bed.sdk();
    const message = { name: 'payment-received', correlationKey: 'C-3', messageId: 'pay-C-3', timeToLive: 60_000, variables: {} };
    await sdk.publishMessage(message);
    // when
    const error = await sdk.publishMessage(message).then(() => undefined, failure);
    // then
    expect(error?.code).to.equal(6);
    expect(error?.details).to.match(/^Command 'PUBLISH' rejected with code 'ALREADY_EXISTS': Expected .*but/);
  });

  it('triggers every instance waiting on a broadcast signal', async () => {
    // given
    const sdk = bed.sdk();
    const waiting = await Promise.all([1, 2].map(() => sdk.createProcessInstance({ bpmnProcessId: 'awaits-signal', variables: {} })));
    await Promise.all(
      waiting.map((w) =>
        bed.record(elementActivated(w.processInstanceKey, 'wait')),
      ),
    );
    // when
    const broadcast = await sdk.broadcastSignal({ signalName: 'policy-changed', variables: { reason: 'new rules' } });
    // then
    expect(broadcast.key).to.match(/^\d+$/);
    await Promise.all(waiting.map((w) => bed.record(processInstanceCompleted(w.processInstanceKey))));
  });

  it('refuses a signal for another tenant with INVALID_ARGUMENT', async () => {
    const error = await bed
      .sdk()
      .broadcastSignal({ signalName: 'policy-changed', variables: {}, tenantId: 'acme' })
      .then(() => undefined, failure);
    expect(error?.code).to.equal(3);
  });
});
