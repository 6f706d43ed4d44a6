import { expect } from 'chai';
import { bpmn } from '../../support';
import { migrationSteps, startConformanceBed, type ConformanceBed, type MigrationSteps } from './support';

const { process, start, end, serviceTask, chain, catchEvent, receiveTask, eventSubProcess, timerDuration, timerCycle, message, messageRef, signal, signalRef } = bpmn;

const HOUR = 3_600_000;

describe('conformance: migrating intermediate catch events, receive tasks and event subprocess starts (Zeebe 8.8 catch event rules)', () => {
  let bed: ConformanceBed;
  let steps: MigrationSteps;
  before(async () => {
    bed = await startConformanceBed({ clock: 'controlled' });
    steps = migrationSteps(bed);
  });
  after(async () => {
    await bed?.close();
  });

  it('keeps the timer of an active timer catch event (key and due date) and continues on the target flow when it fires (Zeebe: migrating intermediate catch events)', async () => {
    // given an instance waiting 3 days for objections
    const waiting = (duration: string, after: string) =>
      process('mig-ice-timer', start('s'), catchEvent('objection-period', timerDuration(duration)), serviceTask(after, `mig-${after}`), end('e'), chain('s', 'objection-period', after, 'e'));
    await steps.deploy(waiting('P3D', 'publish'), 'mig-ice-timer.bpmn');
    const key = await bed.start('mig-ice-timer');
    const timer = await bed.waitFor('the timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    const v2 = await steps.deploy(waiting('P10D', 'announce'), 'mig-ice-timer.bpmn');
    // when
    await steps.migrate(key, v2, [['objection-period', 'objection-period']]);
    // then
    expect(bed.records.timer().withKey(timer.key).withIntent('MIGRATED').first().value).to.deep.include({ dueDate: timer.value.dueDate, processDefinitionKey: v2, targetElementId: 'objection-period' });
    await bed.advanceClock(72 * HOUR + 1_000);
    const job = await bed.waitFor('the v2 job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    expect(job.value).to.include({ type: 'mig-announce', elementId: 'announce' });
  });

  it('refuses mapping a timer catch event to a message catch event (Zeebe: the event type of a catch event cannot change)', async () => {
    await steps.deploy(process('mig-ice-retype', start('s'), catchEvent('wait', timerDuration('PT1H')), end('e'), chain('s', 'wait', 'e')), 'mig-ice-retype.bpmn');
    const key = await bed.start('mig-ice-retype', { caseNo: 'T-1' });
    await bed.waitForElement(key, 'wait', 'ELEMENT_ACTIVATED');
    const v2 = await steps.deploy(
      process('mig-ice-retype', message('m', 'documents-received', '=caseNo'), start('s'), catchEvent('wait', messageRef('m')), end('e'), chain('s', 'wait', 'e')),
      'mig-ice-retype.bpmn',
    );
    const error = await steps.refusal(steps.migrate(key, v2, [['wait', 'wait']]));
    expect(error?.code).to.equal(9);
    expect(error?.details).to.contain(
      `Expected to migrate process instance '${key}' but active element with id 'wait' has a catch event with id 'wait' that is mapped to a catch event with id 'wait'. These catch events have different event types: 'TIMER' and 'MESSAGE'.`,
    );
  });

  it('moves the subscription of an active message catch event; the message correlates and the instance continues on the target flow (Zeebe: migrating intermediate catch events)', async () => {
    // given an instance waiting for a correction
    await steps.deploy(
      process('mig-ice-msg', message('m', 'correction-submitted', '=caseNo'), start('s'), catchEvent('await-correction', messageRef('m')), end('e'), chain('s', 'await-correction', 'e')),
      'mig-ice-msg.bpmn',
    );
    const key = await bed.start('mig-ice-msg', { caseNo: 'M-7' });
    await bed.waitFor('the message side', (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    const v2 = await steps.deploy(
      process(
        'mig-ice-msg',
        message('m', 'correction-submitted', '=caseNo'),
        start('s'),
        catchEvent('wait-for-correction', messageRef('m')),
        serviceTask('recheck', 'mig-recheck'),
        end('e'),
        chain('s', 'wait-for-correction', 'recheck', 'e'),
      ),
      'mig-ice-msg.bpmn',
    );
    // when
    await steps.migrate(key, v2, [['await-correction', 'wait-for-correction']]);
    // then
    const migrated = bed.records.ofValueType('PROCESS_MESSAGE_SUBSCRIPTION').withProcessInstanceKey(key).withIntent('MIGRATED').first();
    expect(migrated.value).to.deep.include({ elementId: 'wait-for-correction', processDefinitionKey: v2, messageName: 'correction-submitted', correlationKey: 'M-7' });
    await bed.waitFor('the message side migrated', (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.intent === 'MIGRATED' && r.value.processInstanceKey === key);
    await bed.sdk.publishMessage({ name: 'correction-submitted', correlationKey: 'M-7', timeToLive: 0, variables: { corrected: true } });
    await bed.waitForElement(key, 'wait-for-correction');
    bed.work('mig-recheck', (job) => job.complete());
    await bed.waitForCompletion(key);
    expect(bed.variablesOf(key)).to.deep.include({ corrected: true });
  });

  it('moves the subscription of an active signal catch event; the signal still reaches it (Zeebe: migrating intermediate catch events)', async () => {
    const model = (catchId: string) =>
      process('mig-ice-signal', signal('sig', 'policy-published'), start('s'), catchEvent(catchId, signalRef('sig')), end('e'), chain('s', catchId, 'e'));
    await steps.deploy(model('await-policy'), 'mig-ice-signal.bpmn');
    const key = await bed.start('mig-ice-signal');
    await bed.waitForElement(key, 'await-policy', 'ELEMENT_ACTIVATED');
    const v2 = await steps.deploy(model('policy'), 'mig-ice-signal.bpmn');
    // when
    await steps.migrate(key, v2, [['await-policy', 'policy']]);
    // then
    const migrated = bed.records.ofValueType('SIGNAL_SUBSCRIPTION').withIntent('MIGRATED').filter((r) => r.value.processDefinitionKey === v2).first();
    expect(migrated.value).to.deep.include({ catchEventId: 'policy', signalName: 'policy-published', bpmnProcessId: 'mig-ice-signal' });
    await bed.sdk.broadcastSignal({ signalName: 'policy-published', variables: {} });
    await bed.waitForCompletion(key);
    expect(bed.trail(key)).to.include('policy:ELEMENT_COMPLETED');
  });

  it('moves the subscription of an active receive task through REST (Zeebe: migrating receive tasks)', async () => {
    const model = (taskId: string, end2: string) =>
      process('mig-receive', message('m', 'payment-confirmed', '=orderNo'), start('s'), receiveTask(taskId, 'm'), end(end2), chain('s', taskId, end2));
    await steps.deploy(model('await-payment', 'e'), 'mig-receive.bpmn');
    const key = await bed.start('mig-receive', { orderNo: 'P-3' });
    await bed.waitFor('the message side', (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    const v2 = await steps.deploy(model('payment', 'paid'), 'mig-receive.bpmn');
    // when
    await bed.rest().migrateProcessInstance({
      processInstanceKey: key,
      targetProcessDefinitionKey: v2,
      mappingInstructions: [{ sourceElementId: 'await-payment', targetElementId: 'payment' }],
    });
    // then
    await bed.waitFor('the message side migrated', (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.intent === 'MIGRATED' && r.value.processInstanceKey === key);
    await bed.sdk.publishMessage({ name: 'payment-confirmed', correlationKey: 'P-3', timeToLive: 0, variables: {} });
    await bed.waitForCompletion(key);
    expect(bed.trail(key)).to.include.members(['payment:ELEMENT_COMPLETED', 'paid:ELEMENT_COMPLETED']);
  });

  it('migrates a mapped event subprocess timer start and subscribes a new message start of the target (Zeebe: migrating event subprocess start events)', async () => {
    // given an instance with a reminder event subprocess (cycle timer, non-interrupting)
    await steps.deploy(
      process(
        'mig-esp',
        start('s'),
        serviceTask('a', 'mig-esp'),
        end('e'),
        chain('s', 'a', 'e'),
        eventSubProcess('reminders', [start('remind', timerCycle('R/PT1H'), { interrupting: false }), end('reminded'), chain('remind', 'reminded')]),
      ),
      'mig-esp.bpmn',
    );
    const key = await bed.start('mig-esp', { caseNo: 'E-1' });
    const timer = await bed.waitFor('the reminder timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // and v2, which renames the reminder and adds a withdrawal that cancels the case
    const v2 = await steps.deploy(
      process(
        'mig-esp',
        message('m', 'case-withdrawn', '=caseNo'),
        start('s'),
        serviceTask('a', 'mig-esp'),
        end('e'),
        chain('s', 'a', 'e'),
        eventSubProcess('reminders', [start('hourly', timerCycle('R/PT1H'), { interrupting: false }), end('reminded'), chain('hourly', 'reminded')]),
        eventSubProcess('withdrawal', [start('withdrawn', messageRef('m')), end('closed'), chain('withdrawn', 'closed')]),
      ),
      'mig-esp.bpmn',
    );
    // when
    await steps.migrate(key, v2, [
      ['a', 'a'],
      ['remind', 'hourly'],
    ]);
    // then the reminder timer moved, and the withdrawal is subscribed on the process instance
    expect(bed.records.timer().withKey(timer.key).withIntent('MIGRATED').first().value).to.deep.include({ targetElementId: 'hourly', elementInstanceKey: key, dueDate: timer.value.dueDate });
    const subscription = await bed.waitFor('the withdrawal subscription', (r) => r.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    expect(subscription.value).to.deep.include({ elementId: 'withdrawn', elementInstanceKey: key, correlationKey: 'E-1' });
    // and the reminder fires as v2's event subprocess, then the withdrawal ends the case
    await bed.advanceClock(HOUR + 1_000);
    await bed.waitForElement(key, 'hourly');
    await bed.sdk.publishMessage({ name: 'case-withdrawn', correlationKey: 'E-1', timeToLive: 0, variables: {} });
    await bed.waitForCompletion(key);
    expect(bed.trail(key)).to.include.members(['withdrawal:ELEMENT_COMPLETED', 'a:ELEMENT_TERMINATED']);
  });
});
