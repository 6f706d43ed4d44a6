import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, catchEvent, serviceTask, message, messageRef, signal, signalRef, timerCycle, timerDate, chain } = bpmn;

const HOUR = 3_600_000;

/** Instances of a process created so far (their PROCESS element activated). */
function instancesOf(bed: ConformanceBed, bpmnProcessId: string): string[] {
  return bed.records
    .processInstance()
    .events()
    .withIntent('ELEMENT_ACTIVATED')
    .withElementType('PROCESS')
    .withBpmnProcessId(bpmnProcessId)
    .asList()
    .map((r) => r.key);
}

describe('conformance: start events', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed({ clock: 'controlled' });
    await bed.deploy(
      process('se-none', start('s'), end('e'), chain('s', 'e')),
      process(
        'se-message',
        message('apply', 'talent-card-applied'),
        start('s', messageRef('apply')),
        serviceTask('issue', 'se-issue'),
        end('e'),
        chain('s', 'issue', 'e'),
      ),
      process('se-signal', signal('policy', 'policy-changed'), start('s', signalRef('policy')), end('e'), chain('s', 'e')),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('a none start event starts the instance with the creation variables in the root scope (Zeebe: none start events)', async () => {
    // when
    const key = await bed.start('se-none', { applicant: '张伟', age: 41 });
    await bed.waitForCompletion(key);
    // then
    expect(bed.variablesOf(key)).to.deep.equal({ applicant: '张伟', age: 41 });
    expect(bed.elements(key).withElementType('START_EVENT').values().map((v) => v.elementId)).to.include('s');
    expect(bed.records.processInstanceCreation().withValue('processInstanceKey', key).intents()).to.include('CREATED');
  });

  it('a message start event starts an instance per published message with its variables (Zeebe: message start events)', async () => {
    // given
    const before = instancesOf(bed, 'se-message').length;
    bed.work('se-issue', (job) => job.complete({ issued: true }));
    // when
    await bed.sdk.publishMessage({ name: 'talent-card-applied', correlationKey: 'talent-1', timeToLive: 0, variables: { talent: '李娜' } });
    await bed.waitFor('an se-message instance', (r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && r.value.bpmnElementType === 'PROCESS' && r.value.bpmnProcessId === 'se-message');
    // then
    const created = instancesOf(bed, 'se-message');
    expect(created).to.have.length(before + 1);
    const key = created[created.length - 1];
    expect(bed.variablesOf(key)).to.deep.equal({ talent: '李娜', issued: true });
    expect(bed.elements(key).withElementId('s').intents()).to.include('ELEMENT_COMPLETED');
  });

  it('does not start a second instance for a message with the correlation key of a still active one; the buffered message starts it after (Zeebe: message start events, correlation key)', async () => {
    // given an instance started by key "talent-2" that waits in its service task (no worker for a new type)
    await bed.deploy(
      process(
        'se-message-once',
        message('apply', 'residence-applied'),
        start('s', messageRef('apply')),
        serviceTask('issue', 'se-issue-once'),
        end('e'),
        chain('s', 'issue', 'e'),
      ),
    );
    await bed.sdk.publishMessage({ name: 'residence-applied', correlationKey: 'talent-2', timeToLive: 0, variables: { n: 1 } });
    await bed.waitFor('the first job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.bpmnProcessId === 'se-message-once');
    // when a second message with the same key arrives, buffered
    await bed.sdk.publishMessage({ name: 'residence-applied', correlationKey: 'talent-2', timeToLive: 3_600_000, variables: { n: 2 } });
    await bed.settle();
    // then
    expect(instancesOf(bed, 'se-message-once')).to.have.length(1);
    // when the first instance ends
    bed.work('se-issue-once', (job) => job.complete());
    const first = instancesOf(bed, 'se-message-once')[0];
    await bed.waitForCompletion(first);
    // then the buffered message starts the next one
    await bed.waitFor('the second instance', (r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATED' && r.value.bpmnElementType === 'PROCESS' && r.value.bpmnProcessId === 'se-message-once' && r.key !== first);
    const second = instancesOf(bed, 'se-message-once')[1];
    expect(bed.variablesOf(second)).to.deep.include({ n: 2 });
    // as part of the first instance's end, with no command of its own (Zeebe has none for it)
    expect(bed.records.ofValueType('MESSAGE_START_EVENT_SUBSCRIPTION').commands().count()).to.equal(0);
  });

  it('a timer start event with a cycle starts one instance per elapsed interval, up to its repetitions (Zeebe: timer start events)', async () => {
    // given
    await bed.deploy(process('se-timer-cycle', start('s', timerCycle('R2/PT1H')), end('e'), chain('s', 'e')));
    await bed.waitFor('the start timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.targetElementId === 's' && r.value.processInstanceKey === '-1');
    // when three hours pass
    for (let hour = 0; hour < 3; hour++) {
      await bed.advanceClock(HOUR + 1_000);
      await bed.settle();
    }
    // then
    const keys = instancesOf(bed, 'se-timer-cycle');
    expect(keys).to.have.length(2);
    for (const key of keys) await bed.waitForCompletion(key);
  });

  it('a timer start event with a date starts one instance at that date (Zeebe: timer start events, timeDate)', async () => {
    // given
    const at = new Date(bed.gateway.server.engine.clock.now() + 2 * HOUR).toISOString();
    await bed.deploy(process('se-timer-date', start('s', timerDate(at)), end('e'), chain('s', 'e')));
    await bed.waitFor('the start timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.targetElementId === 's' && r.value.dueDate === Date.parse(at));
    await bed.settle();
    expect(instancesOf(bed, 'se-timer-date')).to.have.length(0);
    // when
    await bed.advanceClock(2 * HOUR + 1_000);
    await bed.waitFor('an instance', (r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && r.value.bpmnProcessId === 'se-timer-date' && r.value.bpmnElementType === 'PROCESS');
    await bed.advanceClock(24 * HOUR);
    await bed.settle();
    // then
    expect(instancesOf(bed, 'se-timer-date')).to.have.length(1);
  });

  it('a signal start event starts an instance with the signal variables when the signal is broadcast (Zeebe: signal start events)', async () => {
    // when
    await bed.sdk.broadcastSignal({ signalName: 'policy-changed', variables: { policy: '2025-12' } });
    await bed.waitFor('an se-signal instance', (r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && r.value.bpmnProcessId === 'se-signal' && r.value.bpmnElementType === 'PROCESS');
    // then
    const [key] = instancesOf(bed, 'se-signal');
    expect(bed.variablesOf(key)).to.deep.equal({ policy: '2025-12' });
  });

  it('deploying a new version without the timer start event cancels the old version\'s timer (Zeebe: timer start events, versions)', async () => {
    // given
    await bed.deploy(process('se-timer-replaced', start('s', timerCycle('R/PT1H')), end('e'), chain('s', 'e')));
    const timer = await bed.waitFor('the start timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.targetElementId === 's' && r.value.processInstanceKey === '-1' && bed.records.process().withValue('processDefinitionKey', r.value.processDefinitionKey).withBpmnProcessId('se-timer-replaced').exists());
    // when
    await bed.deploy(process('se-timer-replaced', start('manual'), end('e'), chain('manual', 'e')));
    await bed.advanceClock(HOUR + 1_000);
    await bed.settle();
    // then
    expect(bed.records.timer().withKey(timer.key).events().intents()).to.deep.equal(['CREATED', 'CANCELED']);
    expect(instancesOf(bed, 'se-timer-replaced')).to.have.length(0);
  });

  it('a message start event starts the latest version only; the old version\'s subscription is closed (Zeebe: message start events, versions)', async () => {
    // given two versions with the same message start event
    await bed.deploy(process('se-message-versions', message('m', 'branch-opened'), start('s', messageRef('m')), end('e'), chain('s', 'e')));
    await bed.deploy(process('se-message-versions', message('m', 'branch-opened'), start('s', messageRef('m')), end('e2'), chain('s', 'e2')));
    // when
    await bed.sdk.publishMessage({ name: 'branch-opened', correlationKey: 'b-1', timeToLive: 0, variables: {} });
    await bed.waitFor('an instance', (r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && r.value.bpmnElementType === 'PROCESS' && r.value.bpmnProcessId === 'se-message-versions');
    await bed.settle();
    // then
    const versions = bed.records.processInstance().events().withIntent('ELEMENT_ACTIVATED').withElementType('PROCESS').withBpmnProcessId('se-message-versions').values().map((v) => v.version);
    expect(versions).to.deep.equal([2]);
    expect(bed.records.ofValueType('MESSAGE_START_EVENT_SUBSCRIPTION').withBpmnProcessId('se-message-versions').intents()).to.include('DELETED');
  });

  it('a message reaches the waiting instance of a process rather than starting another one by its message start event (Zeebe: message correlation, subscriptions before start events)', async () => {
    // given an instance started by the message that now waits for the same message with its own key
    await bed.deploy(
      process('se-message-loop', message('m', 'loop-step'), message('w', 'loop-step', '=next'), start('s', messageRef('m')), catchEvent('again', messageRef('w')), end('e'), chain('s', 'again', 'e')),
    );
    await bed.sdk.publishMessage({ name: 'loop-step', correlationKey: 'first', timeToLive: 0, variables: { next: 'second' } });
    const [key] = instancesOf(bed, 'se-message-loop');
    await bed.waitFor('the subscription', (r) => r.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    await bed.sdk.publishMessage({ name: 'loop-step', correlationKey: 'second', timeToLive: 0, variables: {} });
    await bed.waitForCompletion(key);
    await bed.settle();
    // then
    expect(instancesOf(bed, 'se-message-loop')).to.deep.equal([key]);
  });

  it('writes every record of a message start event subscription under the subscription\'s key: CREATED, CORRELATED, DELETED (Zeebe: message start event subscription records)', async () => {
    // given
    await bed.deploy(process('se-message-keys', message('m', 'desk-opened'), start('s', messageRef('m')), end('e'), chain('s', 'e')));
    // when a message starts an instance and a new version replaces the subscription
    const published = await bed.sdk.publishMessage({ name: 'desk-opened', correlationKey: 'd-1', timeToLive: 0, variables: { desk: 7 } });
    await bed.waitFor('an instance', (r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && r.value.bpmnElementType === 'PROCESS' && r.value.bpmnProcessId === 'se-message-keys');
    await bed.deploy(process('se-message-keys', message('m', 'desk-opened'), start('s', messageRef('m')), end('e2'), chain('s', 'e2')));
    // then
    const first = bed.records.ofValueType('MESSAGE_START_EVENT_SUBSCRIPTION').withBpmnProcessId('se-message-keys').withIntent('CREATED').first();
    const ofFirst = bed.records.ofValueType('MESSAGE_START_EVENT_SUBSCRIPTION').withKey(first.key);
    expect(ofFirst.intents()).to.deep.equal(['CREATED', 'CORRELATED', 'DELETED']);
    const instanceKey = instancesOf(bed, 'se-message-keys')[0];
    expect(ofFirst.withIntent('CORRELATED').first().value).to.deep.include({
      messageName: 'desk-opened',
      startEventId: 's',
      messageKey: String(published.key),
      correlationKey: 'd-1',
      processInstanceKey: instanceKey,
      variables: { desk: 7 },
    });
  });

  it('deploying a new version without the signal start event stops the signal from starting instances (Zeebe: signal start events, versions)', async () => {
    // given
    await bed.deploy(process('se-signal-replaced', signal('g', 'old-policy'), start('s', signalRef('g')), end('e'), chain('s', 'e')));
    await bed.deploy(process('se-signal-replaced', start('s'), end('e'), chain('s', 'e')));
    // when
    await bed.sdk.broadcastSignal({ signalName: 'old-policy', variables: {} });
    await bed.settle();
    // then
    expect(instancesOf(bed, 'se-signal-replaced')).to.have.length(0);
  });

  it('a timer start event with a cron cycle is due at the next matching instant of the engine clock (Zeebe: timer start events, cron)', async () => {
    // given the engine clock on Sunday 2031-06-01 08:00 UTC
    await bed.gateway.server.engine.clock.pin(Date.UTC(2031, 5, 1, 8, 0, 0));
    // when a process starts at 09:00 on working days
    await bed.deploy(process('se-timer-cron', start('s', timerCycle('0 0 9 * * MON-FRI')), end('e'), chain('s', 'e')));
    const monday = Date.UTC(2031, 5, 2, 9, 0, 0);
    const tuesday = Date.UTC(2031, 5, 3, 9, 0, 0);
    // then the first instance is due on Monday 09:00
    await bed.waitFor('the cron timer due Monday 09:00', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.dueDate === monday);
    expect(instancesOf(bed, 'se-timer-cron')).to.have.length(0);
    // when the clock gets there
    await bed.advanceClock(25 * HOUR + 1_000);
    await bed.waitFor('an instance', (r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && r.value.bpmnProcessId === 'se-timer-cron' && r.value.bpmnElementType === 'PROCESS');
    // then the next one is due on Tuesday 09:00
    await bed.waitFor('the cron timer due Tuesday 09:00', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.dueDate === tuesday);
    expect(instancesOf(bed, 'se-timer-cron')).to.have.length(1);
  });

  it('does not start an instance from a message buffered before the process was deployed (Zeebe: message start events)', async () => {
    // given a buffered message nobody subscribes to yet
    await bed.sdk.publishMessage({ name: 'early-bird', correlationKey: 'e-1', timeToLive: 3_600_000, variables: {} });
    // when the process with that message start event is deployed afterwards
    await bed.deploy(process('se-message-late-deploy', message('m', 'early-bird'), start('s', messageRef('m')), end('e'), chain('s', 'e')));
    await bed.settle();
    // then
    expect(instancesOf(bed, 'se-message-late-deploy')).to.have.length(0);
    // when a new message arrives
    await bed.sdk.publishMessage({ name: 'early-bird', correlationKey: 'e-2', timeToLive: 0, variables: {} });
    await bed.waitFor('an instance', (r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && r.value.bpmnProcessId === 'se-message-late-deploy' && r.value.bpmnElementType === 'PROCESS');
    // then only that one started an instance
    expect(instancesOf(bed, 'se-message-late-deploy')).to.have.length(1);
  });
});
