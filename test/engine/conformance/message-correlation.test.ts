import { expect } from 'chai';
import { bpmn } from '../../support';
import { recordLabel, startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, catchEvent, message, messageRef, chain } = bpmn;

describe('conformance: correlating a message (Camunda 8.6+ correlate-message, REST POST /v2/messages/correlation)', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      process('mc-wait', message('reply', 'mc-reply', '=caseId'), start('s'), catchEvent('awaitReply', messageRef('reply')), end('e'), chain('s', 'awaitReply', 'e')),
      process('mc-open', message('apply', 'mc-apply'), start('applied', messageRef('apply')), end('e'), chain('applied', 'e')),
    );
  });
  after(async () => {
    await bed?.close();
  });

  /** The MESSAGE and MESSAGE_CORRELATION records of one message key, in log order. */
  const messageTrail = (messageKey: string) =>
    bed.records
      .withKey(messageKey)
      .filter((r) => r.valueType === 'MESSAGE' || r.valueType === 'MESSAGE_CORRELATION')
      .asList()
      .map(recordLabel);

  it('answers with the waiting instance once its process side took the message, and never buffers it (Zeebe: MESSAGE_CORRELATION CORRELATING → CORRELATED)', async () => {
    // given an instance waiting for the reply of case MC-1
    const key = await bed.start('mc-wait', { caseId: 'MC-1' });
    await bed.waitFor('the subscription', (r) => r.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    const correlated = await bed.rest().correlateMessage({ name: 'mc-reply', correlationKey: 'MC-1', variables: { answer: '同意' } });
    // then the answer names the instance, which completes with the message's variables
    expect(String(correlated.processInstanceKey)).to.equal(key);
    await bed.waitForCompletion(key);
    expect(bed.variablesOf(key)).to.deep.include({ answer: '同意' });
    // and the message was published without a time to live, correlated, and expired in the same batch
    const messageKey = String(correlated.messageKey);
    expect(messageTrail(messageKey)).to.deep.equal([
      'MESSAGE PUBLISHED',
      'MESSAGE_CORRELATION CORRELATING',
      'MESSAGE EXPIRED',
      'MESSAGE_CORRELATION CORRELATED',
    ]);
    expect(bed.records.message().withKey(messageKey).withIntent('PUBLISHED').first().value.timeToLive).to.equal(-1);
    expect(bed.records.ofValueType('MESSAGE_CORRELATION').withKey(messageKey).withIntent('CORRELATED').first().value).to.include({ processInstanceKey: key, name: 'mc-reply', correlationKey: 'MC-1' });
    // and a second instance of the same case keeps waiting: nothing was buffered for it
    const second = await bed.start('mc-wait', { caseId: 'MC-1' });
    await bed.waitFor('the second subscription', (r) => r.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === second);
    expect(bed.records.processInstance().withProcessInstanceKey(second).withElementId('awaitReply').intents()).to.not.include('ELEMENT_COMPLETED');
  });

  it('answers at once with the instance a message start event started (Zeebe: correlating to a message start event)', async () => {
    const correlated = await bed.rest().correlateMessage({ name: 'mc-apply', correlationKey: '', variables: { applicant: '李四' } });
    const key = String(correlated.processInstanceKey);
    await bed.waitForCompletion(key);
    expect(bed.records.processInstance().withProcessInstanceKey(key).first().value.bpmnProcessId).to.equal('mc-open');
    expect(messageTrail(String(correlated.messageKey))).to.deep.equal([
      'MESSAGE PUBLISHED',
      'MESSAGE_CORRELATION CORRELATING',
      'MESSAGE_CORRELATION CORRELATED',
      'MESSAGE EXPIRED',
    ]);
  });

  it('rejects with NOT_FOUND when nothing waits, and leaves no message behind (Zeebe: SUBSCRIPTION_NOT_FOUND)', async () => {
    // when
    const refusal = await bed.rest().correlateMessage({ name: 'mc-reply', correlationKey: 'MC-NOBODY' }).then(
      () => undefined,
      (error: Error) => error.message,
    );
    // then the caller hears Zeebe's reason
    expect(refusal).to.contain("Expected to find subscription for message with name 'mc-reply' and correlation key 'MC-NOBODY', but none was found.");
    const rejection = bed.records.ofValueType('MESSAGE_CORRELATION').rejections().filter((r) => r.value.correlationKey === 'MC-NOBODY').first();
    expect(rejection).to.include({ intent: 'CORRELATE', rejectionType: 'NOT_FOUND' });
    // and an instance subscribing afterwards does not get it
    const key = await bed.start('mc-wait', { caseId: 'MC-NOBODY' });
    await bed.waitFor('the subscription', (r) => r.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    expect(bed.records.messageSubscription().withProcessInstanceKey(key).withIntent('CORRELATED').count()).to.equal(0);
  });
});
