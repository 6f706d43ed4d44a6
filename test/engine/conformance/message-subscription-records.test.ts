import { expect } from 'chai';
import { bpmn } from '../../support';
import { recordLabel, startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, receiveTask, catchEvent, boundary, timerDuration, message, messageRef, eventSubProcess, chain } = bpmn;

const SUBSCRIPTION_TYPES = new Set(['MESSAGE_SUBSCRIPTION', 'PROCESS_MESSAGE_SUBSCRIPTION']);

describe('conformance: message subscription records', () => {
  let bed: ConformanceBed;

  /** The subscription records of an instance, and the PROCESS_INSTANCE events of `elementId`, in log order. */
  function trail(processInstanceKey: string, elementId?: string): string[] {
    return bed.records
      .withProcessInstanceKey(processInstanceKey)
      .filter((r) => SUBSCRIPTION_TYPES.has(r.valueType) || (r.valueType === 'PROCESS_INSTANCE' && r.recordType === 'EVENT' && r.value.elementId === elementId))
      .asList()
      .map((r) => (r.valueType === 'PROCESS_INSTANCE' ? `${r.value.elementId} ${r.intent}` : recordLabel(r)));
  }

  const subscribed = (key: string, elementId: string) =>
    bed.waitFor(`the subscription of ${elementId}`, (r) => r.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key && r.value.elementId === elementId);

  before(async () => {
    bed = await startConformanceBed({ clock: 'controlled' });
    await bed.deploy(
      process('msr-catch', message('paid', 'msr-paid', '=orderId'), start('s'), catchEvent('awaitPayment', messageRef('paid')), end('e'), chain('s', 'awaitPayment', 'e')),
      process(
        'msr-receive',
        message('licence', 'msr-licence', '=caseId'),
        start('s'),
        receiveTask('awaitLicence', 'licence'),
        boundary('tooLate', 'awaitLicence', timerDuration('P5D')),
        end('e'),
        end('timedOut'),
        chain('s', 'awaitLicence', 'e'),
        chain('tooLate', 'timedOut'),
      ),
      process(
        'msr-query',
        message('query', 'msr-query', '=caseId'),
        start('s'),
        serviceTask('examine', 'msr-examine'),
        boundary('onQuery', 'examine', messageRef('query'), { interrupting: false }),
        end('done'),
        end('answered'),
        chain('s', 'examine', 'done'),
        chain('onQuery', 'answered'),
      ),
      process(
        'msr-two-ways',
        message('cancel', 'msr-cancel', '=caseId'),
        message('amend', 'msr-amend', '=caseId'),
        start('s'),
        serviceTask('handle', 'msr-handle'),
        boundary('onCancel', 'handle', messageRef('cancel')),
        boundary('onAmend', 'handle', messageRef('amend')),
        end('done'),
        end('canceled'),
        end('amended'),
        chain('s', 'handle', 'done'),
        chain('onCancel', 'canceled'),
        chain('onAmend', 'amended'),
      ),
      process(
        'msr-escalate',
        message('urgent', 'msr-urgent', '=caseId'),
        start('s'),
        serviceTask('work', 'msr-work'),
        end('e'),
        chain('s', 'work', 'e'),
        eventSubProcess('onUrgent', [start('urgentStart', messageRef('urgent'), { interrupting: false }), end('urgentEnd'), chain('urgentStart', 'urgentEnd')]),
      ),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('opens a subscription with PROCESS_MESSAGE_SUBSCRIPTION CREATING, MESSAGE_SUBSCRIPTION CREATED, PROCESS_MESSAGE_SUBSCRIPTION CREATED and their commands (Zeebe: message subscription records)', async () => {
    // when
    const key = await bed.start('msr-catch', { orderId: 'O-1' });
    await subscribed(key, 'awaitPayment');
    // then
    expect(trail(key, 'awaitPayment')).to.deep.equal([
      'awaitPayment ELEMENT_ACTIVATING',
      'PROCESS_MESSAGE_SUBSCRIPTION CREATING',
      'MESSAGE_SUBSCRIPTION CREATE (command)',
      'awaitPayment ELEMENT_ACTIVATED',
      'MESSAGE_SUBSCRIPTION CREATED',
      'PROCESS_MESSAGE_SUBSCRIPTION CREATE (command)',
      'PROCESS_MESSAGE_SUBSCRIPTION CREATED',
    ]);
  });

  it('writes PROCESS_MESSAGE_SUBSCRIPTION CORRELATED before the catch event completes, and MESSAGE_SUBSCRIPTION CORRELATED after (Zeebe: message correlation records)', async () => {
    // given
    const key = await bed.start('msr-catch', { orderId: 'O-2' });
    await subscribed(key, 'awaitPayment');
    const opened = trail(key, 'awaitPayment').length;
    // when
    await bed.sdk.publishMessage({ name: 'msr-paid', correlationKey: 'O-2', timeToLive: 0, variables: { amount: 12 } });
    await bed.waitForCompletion(key);
    // then the acknowledgement is sent with the completion (both follow-up commands of the correlation), and
    // the interrupting subscription closes with its correlation: no DELETING / DELETED follows
    expect(trail(key, 'awaitPayment').slice(opened)).to.deep.equal([
      'MESSAGE_SUBSCRIPTION CORRELATING',
      'PROCESS_MESSAGE_SUBSCRIPTION CORRELATE (command)',
      'PROCESS_MESSAGE_SUBSCRIPTION CORRELATED',
      'MESSAGE_SUBSCRIPTION CORRELATE (command)',
      'awaitPayment ELEMENT_COMPLETING',
      'awaitPayment ELEMENT_COMPLETED',
      'MESSAGE_SUBSCRIPTION CORRELATED',
    ]);
    expect(bed.variablesOf(key)).to.deep.include({ amount: 12 });
  });

  it('writes the record values Zeebe writes: element, message, correlation key, interrupting and the correlated message (Zeebe: message subscription record values)', async () => {
    // given
    const key = await bed.start('msr-catch', { orderId: 'O-3' });
    await subscribed(key, 'awaitPayment');
    // when
    const published = await bed.sdk.publishMessage({ name: 'msr-paid', correlationKey: 'O-3', timeToLive: 0, variables: { amount: 3 } });
    await bed.waitForCompletion(key);
    // then
    const elementInstanceKey = bed.elements(key).withElementId('awaitPayment').first().key;
    const processSide = bed.records.ofValueType('PROCESS_MESSAGE_SUBSCRIPTION').events().withProcessInstanceKey(key);
    const messageSide = bed.records.ofValueType('MESSAGE_SUBSCRIPTION').events().withProcessInstanceKey(key);
    const common = { processInstanceKey: key, elementInstanceKey, bpmnProcessId: 'msr-catch', messageName: 'msr-paid', correlationKey: 'O-3', interrupting: true, tenantId: '<default>' };
    expect(processSide.withIntent('CREATING').first().value).to.deep.include({ ...common, elementId: 'awaitPayment', messageKey: '-1', variables: {} });
    expect(processSide.withIntent('CORRELATED').first().value).to.deep.include({ ...common, elementId: 'awaitPayment', messageKey: String(published.key), variables: { amount: 3 } });
    expect(messageSide.withIntent('CREATED').first().value).to.deep.include({ ...common, messageKey: '-1', variables: {} });
    expect(messageSide.withIntent('CORRELATED').first().value).to.deep.include({ ...common, messageKey: String(published.key), variables: { amount: 3 } });
    // each side keeps one key for all of its events, and the two sides' keys differ
    expect(new Set(processSide.asList().map((r) => r.key)).size).to.equal(1);
    expect(new Set(messageSide.asList().map((r) => r.key)).size).to.equal(1);
    expect(processSide.first().key).to.not.equal(messageSide.first().key);
  });

  it('correlates a buffered message while the process side is still CREATING: no PROCESS_MESSAGE_SUBSCRIPTION CREATE is sent (Zeebe: message buffering)', async () => {
    // given
    await bed.sdk.publishMessage({ name: 'msr-paid', correlationKey: 'O-4', timeToLive: 600_000, variables: { early: true } });
    // when
    const key = await bed.start('msr-catch', { orderId: 'O-4' });
    await bed.waitForCompletion(key);
    // then
    expect(trail(key, 'awaitPayment')).to.deep.equal([
      'awaitPayment ELEMENT_ACTIVATING',
      'PROCESS_MESSAGE_SUBSCRIPTION CREATING',
      'MESSAGE_SUBSCRIPTION CREATE (command)',
      'awaitPayment ELEMENT_ACTIVATED',
      'MESSAGE_SUBSCRIPTION CREATED',
      'MESSAGE_SUBSCRIPTION CORRELATING',
      'PROCESS_MESSAGE_SUBSCRIPTION CORRELATE (command)',
      'PROCESS_MESSAGE_SUBSCRIPTION CORRELATED',
      'MESSAGE_SUBSCRIPTION CORRELATE (command)',
      'awaitPayment ELEMENT_COMPLETING',
      'awaitPayment ELEMENT_COMPLETED',
      'MESSAGE_SUBSCRIPTION CORRELATED',
    ]);
    expect(bed.variablesOf(key)).to.deep.include({ early: true });
  });

  it('closes the subscription of an element left another way with PROCESS_MESSAGE_SUBSCRIPTION DELETING, MESSAGE_SUBSCRIPTION DELETED, PROCESS_MESSAGE_SUBSCRIPTION DELETED (Zeebe: message subscription records)', async () => {
    // given
    const key = await bed.start('msr-receive', { caseId: 'L-1' });
    await subscribed(key, 'awaitLicence');
    const opened = trail(key, 'awaitLicence').length;
    // when the boundary timer interrupts the receive task
    await bed.advanceClock(5 * 24 * 3_600_000);
    await bed.waitForCompletion(key);
    // then
    expect(trail(key, 'awaitLicence').slice(opened)).to.deep.equal([
      'awaitLicence ELEMENT_TERMINATING',
      'PROCESS_MESSAGE_SUBSCRIPTION DELETING',
      'MESSAGE_SUBSCRIPTION DELETE (command)',
      'awaitLicence ELEMENT_TERMINATED',
      'MESSAGE_SUBSCRIPTION DELETED',
      'PROCESS_MESSAGE_SUBSCRIPTION DELETE (command)',
      'PROCESS_MESSAGE_SUBSCRIPTION DELETED',
    ]);
  });

  it('keeps a non-interrupting subscription open after each correlation and hands it the next buffered message (Zeebe: non-interrupting message subscriptions)', async () => {
    // given two queries buffered before the instance starts
    await bed.sdk.publishMessage({ name: 'msr-query', correlationKey: 'Q-1', timeToLive: 600_000, variables: { n: 1 } });
    await bed.sdk.publishMessage({ name: 'msr-query', correlationKey: 'Q-1', timeToLive: 600_000, variables: { n: 2 } });
    // when
    const key = await bed.start('msr-query', { caseId: 'Q-1' });
    await bed.waitFor('the second answer', (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.intent === 'CORRELATED' && r.value.processInstanceKey === key && (r.value.variables as { n?: number }).n === 2);
    // then both messages reached the boundary event, one after the other, and the subscription stays open
    expect(bed.elements(key).withElementId('answered').withIntent('ELEMENT_COMPLETED').count()).to.equal(2);
    expect(bed.records.ofValueType('MESSAGE_SUBSCRIPTION').withProcessInstanceKey(key).events().intents()).to.deep.equal([
      'CREATED',
      'CORRELATING',
      'CORRELATED',
      'CORRELATING',
      'CORRELATED',
    ]);
    expect(bed.records.ofValueType('PROCESS_MESSAGE_SUBSCRIPTION').withProcessInstanceKey(key).events().intents()).to.deep.equal(['CREATING', 'CORRELATED', 'CORRELATED']);
    // when the task completes, the subscription is closed on both sides
    bed.work('msr-examine', (job) => job.complete());
    await bed.waitForCompletion(key);
    expect(bed.records.ofValueType('PROCESS_MESSAGE_SUBSCRIPTION').withProcessInstanceKey(key).events().intents().slice(-2)).to.deep.equal(['DELETING', 'DELETED']);
    expect(bed.records.ofValueType('MESSAGE_SUBSCRIPTION').withProcessInstanceKey(key).events().intents().slice(-1)).to.deep.equal(['DELETED']);
  });

  it('a non-interrupting message event subprocess keeps its subscription on the process instance until the process ends (Zeebe: event subprocess message subscriptions)', async () => {
    // given
    const key = await bed.start('msr-escalate', { caseId: 'U-1' });
    await subscribed(key, 'urgentStart');
    // when
    await bed.sdk.publishMessage({ name: 'msr-urgent', correlationKey: 'U-1', timeToLive: 0, variables: {} });
    await bed.waitForElement(key, 'urgentEnd');
    bed.work('msr-work', (job) => job.complete());
    await bed.waitForCompletion(key);
    // then
    const correlated = bed.records.ofValueType('PROCESS_MESSAGE_SUBSCRIPTION').withProcessInstanceKey(key).withIntent('CORRELATED').first();
    expect(correlated.value).to.deep.include({ elementInstanceKey: key, elementId: 'urgentStart', interrupting: false });
    expect(bed.records.ofValueType('PROCESS_MESSAGE_SUBSCRIPTION').withProcessInstanceKey(key).events().intents()).to.deep.equal(['CREATING', 'CREATED', 'CORRELATED', 'DELETING', 'DELETED']);
  });

  it('rejects a second message for an element an interrupting event already left, and the message waits for the next instance (Zeebe: MESSAGE_SUBSCRIPTION REJECT)', async () => {
    // given both messages are buffered before the first instance opens its two boundary subscriptions
    await bed.sdk.publishMessage({ name: 'msr-cancel', correlationKey: 'C-1', timeToLive: 600_000, variables: {} });
    await bed.sdk.publishMessage({ name: 'msr-amend', correlationKey: 'C-1', timeToLive: 600_000, variables: { amended: true } });
    // when
    const first = await bed.start('msr-two-ways', { caseId: 'C-1' });
    await bed.waitForCompletion(first);
    // then the cancel message interrupted the task; the amend message was refused and released
    expect(bed.elements(first).withElementId('canceled').withIntent('ELEMENT_COMPLETED').count()).to.equal(1);
    expect(bed.elements(first).withElementId('onAmend').exists()).to.equal(false);
    const amend = bed.records.ofValueType('MESSAGE_SUBSCRIPTION').withProcessInstanceKey(first).withValue('messageName', 'msr-amend');
    expect(amend.asList().map(recordLabel)).to.deep.equal([
      'MESSAGE_SUBSCRIPTION CREATE (command)',
      'MESSAGE_SUBSCRIPTION CREATED',
      'MESSAGE_SUBSCRIPTION CORRELATING',
      'MESSAGE_SUBSCRIPTION REJECT (command)',
      'MESSAGE_SUBSCRIPTION DELETE (command)',
      'MESSAGE_SUBSCRIPTION REJECTED',
      'MESSAGE_SUBSCRIPTION DELETE (rejection)',
    ]);
    expect(bed.records.ofValueType('PROCESS_MESSAGE_SUBSCRIPTION').withProcessInstanceKey(first).withValue('messageName', 'msr-amend').rejections().intents()).to.deep.equal(['CORRELATE']);
    // when a second instance with the same case waits
    const second = await bed.start('msr-two-ways', { caseId: 'C-1' });
    await bed.waitForCompletion(second);
    // then the released amend message reaches it (the cancel message already reached this process once)
    expect(bed.elements(second).withElementId('amended').withIntent('ELEMENT_COMPLETED').count()).to.equal(1);
    expect(bed.variablesOf(second)).to.deep.include({ amended: true });
  });
});
