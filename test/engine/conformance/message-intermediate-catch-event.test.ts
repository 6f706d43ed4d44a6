import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, catchEvent, parallelGateway, message, messageRef, chain, flow } = bpmn;

/** start → catch "name" keyed by =applicationId → end. */
function waitingFor(id: string, messageName: string, options: { outputs?: Record<string, string> } = {}): string {
  return process(
    id,
    message('msg', messageName, '=applicationId'),
    start('s'),
    catchEvent('wait', messageRef('msg'), options),
    end('e'),
    chain('s', 'wait', 'e'),
  );
}

describe('conformance: message intermediate catch events', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed({ clock: 'controlled' });
    await bed.deploy(
      waitingFor('msg-catch', 'materials-supplemented'),
      waitingFor('msg-catch-mapped', 'fee-paid', { outputs: { paidAmount: '=amount' } }),
      waitingFor('msg-catch-other', 'materials-supplemented'),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('opens a subscription with the evaluated correlation key and correlates only a message of that name and key, merging its variables (Zeebe: message events, correlation)', async () => {
    // given
    const key = await bed.start('msg-catch', { applicationId: 'A-1' });
    const opened = await bed.waitFor('the subscription', (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    expect(opened.value).to.include({ messageName: 'materials-supplemented', correlationKey: 'A-1', elementId: 'wait' });
    // when a message with another key and one with another name arrive
    await bed.sdk.publishMessage({ name: 'materials-supplemented', correlationKey: 'A-2', timeToLive: 0, variables: { wrong: true } });
    await bed.sdk.publishMessage({ name: 'fee-paid', correlationKey: 'A-1', timeToLive: 0, variables: { wrong: true } });
    await bed.settle();
    // then nothing moved
    expect(bed.elements(key).withElementId('wait').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    // when the right one arrives
    await bed.sdk.publishMessage({ name: 'materials-supplemented', correlationKey: 'A-1', timeToLive: 0, variables: { pages: 12 } });
    await bed.waitForCompletion(key);
    // then
    expect(bed.variablesOf(key)).to.deep.equal({ applicationId: 'A-1', pages: 12 });
    expect(bed.records.ofValueType('MESSAGE_SUBSCRIPTION').withProcessInstanceKey(key).withIntent('CORRELATED').count()).to.equal(1);
  });

  it('correlates a message published before the subscription while its time to live lasts (Zeebe: message buffering)', async () => {
    // given
    await bed.sdk.publishMessage({ name: 'materials-supplemented', correlationKey: 'B-1', timeToLive: 60_000, variables: { early: true } });
    // when
    const key = await bed.start('msg-catch', { applicationId: 'B-1' });
    await bed.waitForCompletion(key);
    // then
    expect(bed.variablesOf(key)).to.deep.include({ early: true });
  });

  it('drops a message with time to live 0 when nobody waits for it (Zeebe: message buffering)', async () => {
    // given
    await bed.sdk.publishMessage({ name: 'materials-supplemented', correlationKey: 'C-1', timeToLive: 0, variables: {} });
    // when
    const key = await bed.start('msg-catch', { applicationId: 'C-1' });
    await bed.waitFor('the subscription', (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    await bed.settle();
    // then
    expect(bed.elements(key).withElementId('wait').withIntent('ELEMENT_COMPLETED').exists()).to.equal(false);
    await bed.sdk.cancelProcessInstance(key);
  });

  it('applies output mappings to the message variables instead of merging them all (Zeebe: message events, output mappings)', async () => {
    // given
    const key = await bed.start('msg-catch-mapped', { applicationId: 'D-1' });
    await bed.waitFor('the subscription', (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when zeebe-node publishes
    await bed.gateway.zeebeNode().publishMessage({ name: 'fee-paid', correlationKey: 'D-1', timeToLive: 0, variables: { amount: 300, receipt: 'R-9' } });
    await bed.waitForCompletion(key);
    // then
    expect(bed.variablesOf(key)).to.deep.equal({ applicationId: 'D-1', paidAmount: 300 });
  });

  it('correlates one message once per process, but to waiting instances of different processes (Zeebe: message cardinality)', async () => {
    // given two instances of one process and one of another, all waiting for the same name and key
    const first = await bed.start('msg-catch', { applicationId: 'E-1' });
    const second = await bed.start('msg-catch', { applicationId: 'E-1' });
    const other = await bed.start('msg-catch-other', { applicationId: 'E-1' });
    for (const key of [first, second, other]) {
      await bed.waitFor('the subscription', (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    }
    // when
    await bed.sdk.publishMessage({ name: 'materials-supplemented', correlationKey: 'E-1', timeToLive: 0, variables: {} });
    await bed.waitForCompletion(other);
    await bed.settle();
    // then exactly one of the two msg-catch instances got it
    const completed = [first, second].filter((key) => bed.elements(key).withElementId('wait').withIntent('ELEMENT_COMPLETED').exists());
    expect(completed).to.have.length(1);
  });

  it('raises an EXTRACT_VALUE_ERROR incident when the correlation key is neither a string nor a number (Zeebe: message events)', async () => {
    // when
    const key = await bed.start('msg-catch', { applicationId: { nested: true } });
    const incident = await bed.waitForIncident(key);
    // then
    expect(incident.value).to.include({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'wait' });
  });

  it('correlates one message to only one of two subscriptions of the same instance (Zeebe: message cardinality)', async () => {
    // given one instance waiting for the same message on two parallel paths
    await bed.deploy(
      process(
        'msg-two-paths',
        message('m', 'permit-approved', '=applicationId'),
        start('s'),
        parallelGateway('fork'),
        catchEvent('a', messageRef('m')),
        catchEvent('b', messageRef('m')),
        end('ea'),
        end('eb'),
        chain('s', 'fork'),
        flow('fork', 'a'),
        flow('fork', 'b'),
        chain('a', 'ea'),
        chain('b', 'eb'),
      ),
    );
    const key = await bed.start('msg-two-paths', { applicationId: 'F-1' });
    await bed.waitForElement(key, 'a', 'ELEMENT_ACTIVATED');
    await bed.waitForElement(key, 'b', 'ELEMENT_ACTIVATED');
    // when
    await bed.sdk.publishMessage({ name: 'permit-approved', correlationKey: 'F-1', timeToLive: 0, variables: {} });
    await bed.settle();
    // then
    const completed = ['a', 'b'].filter((id) => bed.elements(key).withElementId(id).withIntent('ELEMENT_COMPLETED').exists());
    expect(completed).to.have.length(1);
    await bed.sdk.cancelProcessInstance(key);
  });

  it('does not correlate a buffered message after its time to live ran out on the engine clock (Zeebe: message buffering, expiry)', async () => {
    // given a message buffered for one hour
    const published = await bed.sdk.publishMessage({ name: 'materials-supplemented', correlationKey: 'G-1', timeToLive: 3_600_000, variables: { stale: true } });
    // when two hours pass before anyone subscribes
    await bed.advanceClock(2 * 3_600_000);
    await bed.waitFor('the expiry', (r) => r.valueType === 'MESSAGE' && r.intent === 'EXPIRED' && r.key === published.key);
    const key = await bed.start('msg-catch', { applicationId: 'G-1' });
    await bed.waitFor('the subscription', (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    await bed.settle();
    // then
    expect(bed.elements(key).withElementId('wait').withIntent('ELEMENT_COMPLETED').exists()).to.equal(false);
    await bed.sdk.cancelProcessInstance(key);
  });

  it("refuses a second message with the same messageId while the first is buffered, with ALREADY_EXISTS and Zeebe's wording (Zeebe: message uniqueness)", async () => {
    // given
    await bed.sdk.publishMessage({ name: 'fee-paid', correlationKey: 'H-1', timeToLive: 3_600_000, messageId: 'receipt-77', variables: {} });
    // when
    const error = await bed.sdk
      .publishMessage({ name: 'fee-paid', correlationKey: 'H-1', timeToLive: 3_600_000, messageId: 'receipt-77', variables: {} })
      .then(() => undefined, (e: { code: number; details: string }) => e);
    // then
    expect(error?.code).to.equal(6);
    expect(error?.details).to.contain("Expected to publish a new message with id 'receipt-77', but a message with that id was already published");
  });

  it('evaluates a FEEL message name when the catch event activates (Zeebe: message events, name expression)', async () => {
    // given
    await bed.deploy(
      process('msg-dynamic-name', message('m', '="reply-" + office', '=applicationId'), start('s'), catchEvent('wait', messageRef('m')), end('e'), chain('s', 'wait', 'e')),
    );
    const key = await bed.start('msg-dynamic-name', { office: 'qingdao', applicationId: 'N-1' });
    const opened = await bed.waitFor('the subscription', (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    expect(opened.value.messageName).to.equal('reply-qingdao');
    // when
    await bed.sdk.publishMessage({ name: 'reply-qingdao', correlationKey: 'N-1', timeToLive: 0, variables: {} });
    // then
    await bed.waitForCompletion(key);
  });

  it('turns a number correlation key into its text (Zeebe: message correlation keys)', async () => {
    // given
    const key = await bed.start('msg-catch', { applicationId: 20251124 });
    const opened = await bed.waitFor('the subscription', (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    expect(opened.value.correlationKey).to.equal('20251124');
    // when
    await bed.sdk.publishMessage({ name: 'materials-supplemented', correlationKey: '20251124', timeToLive: 0, variables: {} });
    // then
    await bed.waitForCompletion(key);
  });

  it('opens the subscription once a bad correlation key is fixed with setVariables and the incident resolved (Zeebe: incidents on message events)', async () => {
    // given
    const key = await bed.start('msg-catch', { applicationId: null });
    const incident = await bed.waitForIncident(key);
    // when
    await bed.sdk.setVariables({ elementInstanceKey: key, variables: { applicationId: 'J-1' }, local: false });
    await bed.sdk.resolveIncident({ incidentKey: incident.key });
    await bed.waitFor('the subscription', (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    await bed.sdk.publishMessage({ name: 'materials-supplemented', correlationKey: 'J-1', timeToLive: 0, variables: {} });
    // then
    await bed.waitForCompletion(key);
    expect(bed.records.incident().withKey(incident.key).events().intents()).to.deep.equal(['CREATED', 'RESOLVED']);
  });
});
