import { expect } from 'chai';
import { bpmn } from '../../support';
import { migrationSteps, startConformanceBed, type ConformanceBed, type MigrationSteps } from './support';

const { process, start, end, serviceTask, userTask, chain, boundary, timerDuration, message, messageRef, signal, signalRef } = bpmn;

const HOUR = 3_600_000;

describe('conformance: migrating boundary events (MigrateProcessInstance, Zeebe 8.8 catch event rules)', () => {
  let bed: ConformanceBed;
  let steps: MigrationSteps;
  before(async () => {
    bed = await startConformanceBed({ clock: 'controlled' });
    steps = migrationSteps(bed);
  });
  after(async () => {
    await bed?.close();
  });

  const jobOf = (key: string) => bed.waitFor('the job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
  const timerOf = (key: string) => bed.waitFor('the timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
  const messageSideOf = (key: string) =>
    bed.waitFor('the message side', (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);

  it("keeps a mapped timer boundary event's due date and key, and it fires on the target's path (Zeebe: migrating boundary events)", async () => {
    // given a Camunda user task with a non-interrupting yellow-light timer, 24 hours
    const yellow = (id: string, boundaryId: string, duration: string, warnType: string) =>
      process(
        id,
        start('s'),
        userTask('review', {}),
        boundary(boundaryId, 'review', timerDuration(duration), { interrupting: false }),
        serviceTask('warn', warnType),
        end('e'),
        end('we'),
        chain('s', 'review', 'e'),
        chain(boundaryId, 'warn', 'we'),
      );
    await steps.deploy(yellow('mig-yellow', 'yellow', 'PT24H', 'mig-warn-v1'), 'mig-yellow.bpmn');
    const key = await bed.start('mig-yellow');
    const timer = await timerOf(key);
    await bed.advanceClock(HOUR);
    // and v2, whose yellow light has another id, another duration and another warning
    const v2 = await steps.deploy(yellow('mig-yellow', 'yellow-light', 'PT48H', 'mig-warn-v2'), 'mig-yellow.bpmn');
    // when
    await steps.migrate(key, v2, [
      ['review', 'review'],
      ['yellow', 'yellow-light'],
    ]);
    // then the same timer, with the same due date, now belongs to v2's boundary event
    const migrated = bed.records.timer().withKey(timer.key).withIntent('MIGRATED').first();
    expect(migrated.value).to.deep.include({ targetElementId: 'yellow-light', processDefinitionKey: v2, dueDate: timer.value.dueDate, repetitions: 1 });
    expect(bed.records.timer().withProcessInstanceKey(key).intents()).to.deep.equal(['CREATED', 'MIGRATED']);
    // and it fires at its original due date (24 h after the start, not 48 h), on v2's path
    await bed.advanceClock(23 * HOUR + 1_000);
    await bed.waitForElement(key, 'yellow-light', 'ELEMENT_ACTIVATED');
    expect(bed.records.timer().withKey(timer.key).events().intents()).to.deep.equal(['CREATED', 'MIGRATED', 'TRIGGERED']);
    const warning = await bed.waitFor('the v2 warning job', (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    expect(warning.value).to.include({ type: 'mig-warn-v2', processDefinitionKey: v2 });
    expect(bed.elements(key).withElementId('review').intents()).to.not.include('ELEMENT_TERMINATED');
  });

  it("cancels the timer of a boundary event the target does not have; it never fires (Zeebe: unmapped catch events are unsubscribed)", async () => {
    // given a task with an interrupting deadline
    await steps.deploy(
      process('mig-no-deadline', start('s'), serviceTask('a', 'mig-nd'), boundary('deadline', 'a', timerDuration('PT1H')), end('e'), end('late'), chain('s', 'a', 'e'), chain('deadline', 'late')),
      'mig-no-deadline.bpmn',
    );
    const key = await bed.start('mig-no-deadline');
    const timer = await timerOf(key);
    const v2 = await steps.deploy(process('mig-no-deadline', start('s'), serviceTask('a', 'mig-nd'), end('e'), chain('s', 'a', 'e')), 'mig-no-deadline.bpmn');
    // when
    await steps.migrate(key, v2, [['a', 'a']]);
    // then the timer is canceled
    expect(bed.records.timer().withKey(timer.key).intents()).to.deep.equal(['CREATED', 'CANCELED']);
    // and the deadline passing changes nothing
    await bed.advanceClock(2 * HOUR);
    await bed.settle();
    expect(bed.records.timer().withKey(timer.key).withIntent('TRIGGERED').exists()).to.equal(false);
    expect(bed.elements(key).withElementId('a').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_MIGRATED']);
    // and the task still completes the normal way
    bed.work('mig-nd', (job) => job.complete());
    await bed.waitForCompletion(key);
    expect(bed.trail(key)).to.not.include('late:ELEMENT_ACTIVATING');
  });

  it('opens a timer for a boundary event only the target has, due from the migration on, and it fires (Zeebe: new catch events are subscribed)', async () => {
    // given a task without deadline, waiting for an hour already
    await steps.deploy(process('mig-red', start('s'), serviceTask('a', 'mig-red'), end('e'), chain('s', 'a', 'e')), 'mig-red.bpmn');
    const key = await bed.start('mig-red');
    const job = await jobOf(key);
    await bed.advanceClock(HOUR);
    const v2 = await steps.deploy(
      process('mig-red', start('s'), serviceTask('a', 'mig-red'), boundary('red', 'a', timerDuration('PT2H')), end('e'), end('escalated'), chain('s', 'a', 'e'), chain('red', 'escalated')),
      'mig-red.bpmn',
    );
    // when
    await steps.migrate(key, v2, [['a', 'a']]);
    // then a timer is created for the migrated task, two hours after the migration
    const done = bed.records.ofValueType('PROCESS_INSTANCE_MIGRATION').withIntent('MIGRATED').withKey(key).first();
    const created = bed.records.timer().withProcessInstanceKey(key).withIntent('CREATED').first();
    expect(created.value).to.deep.include({ elementInstanceKey: job.value.elementInstanceKey, targetElementId: 'red', processDefinitionKey: v2, dueDate: done.timestamp + 2 * HOUR });
    // and it fires: the task is interrupted and the instance leaves through the new boundary event
    await bed.advanceClock(2 * HOUR + 1_000);
    await bed.waitForCompletion(key);
    expect(bed.trail(key)).to.include.members(['a:ELEMENT_TERMINATED', 'red:ELEMENT_COMPLETED', 'escalated:ELEMENT_COMPLETED']);
    expect(bed.records.job().withKey(job.key).intents()).to.deep.equal(['CREATED', 'MIGRATED', 'CANCELED']);
  });

  it('moves a mapped message subscription on both sides, keeping its key, message name and correlation key; a message then triggers the target boundary (Zeebe: migrating message subscriptions)', async () => {
    // given a task waiting for a correction, interrupting, correlated by case number
    await steps.deploy(
      process(
        'mig-correction',
        message('m', 'correction-requested', '=caseNo'),
        start('s'),
        serviceTask('examine', 'mig-examine'),
        boundary('correction', 'examine', messageRef('m')),
        end('e'),
        end('ce'),
        chain('s', 'examine', 'e'),
        chain('correction', 'ce'),
      ),
      'mig-correction.bpmn',
    );
    const key = await bed.start('mig-correction', { caseNo: 'C-1', otherNo: 'O-9' });
    const messageSide = await messageSideOf(key);
    const processSide = bed.records.ofValueType('PROCESS_MESSAGE_SUBSCRIPTION').withProcessInstanceKey(key).first();
    // and v2, whose boundary has another id, another message, another correlation key and does not interrupt
    const v2 = await steps.deploy(
      process(
        'mig-correction-v2',
        message('m', 'amendment-requested', '=otherNo'),
        start('s'),
        serviceTask('examine', 'mig-examine'),
        boundary('amend', 'examine', messageRef('m'), { interrupting: false }),
        end('e'),
        end('ae'),
        chain('s', 'examine', 'e'),
        chain('amend', 'ae'),
      ),
      'mig-correction-v2.bpmn',
    );
    // when
    await steps.migrate(key, v2, [
      ['examine', 'examine'],
      ['correction', 'amend'],
    ]);
    // then the element's side is migrated under its key: new element and process, same message
    const pms = bed.records.ofValueType('PROCESS_MESSAGE_SUBSCRIPTION').withKey(processSide.key).withIntent('MIGRATED').first();
    expect(pms.value).to.deep.include({ elementId: 'amend', bpmnProcessId: 'mig-correction-v2', processDefinitionKey: v2, messageName: 'correction-requested', correlationKey: 'C-1', interrupting: false });
    // and the message side follows on its MIGRATE command
    const ms = await bed.waitFor('the message side migrated', (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.intent === 'MIGRATED' && r.value.processInstanceKey === key);
    expect(ms.value).to.deep.include({ bpmnProcessId: 'mig-correction-v2', messageName: 'correction-requested', correlationKey: 'C-1', interrupting: false });
    expect(bed.records.ofValueType('MESSAGE_SUBSCRIPTION').withIntent('MIGRATE').withKey(processSide.key).exists()).to.equal(true);
    expect(bed.records.ofValueType('MESSAGE_SUBSCRIPTION').withIntent('CREATED').withProcessInstanceKey(key).count()).to.equal(1);
    // and the old message correlates to the migrated subscription, now non-interrupting: the task stays
    await bed.sdk.publishMessage({ name: 'correction-requested', correlationKey: 'C-1', timeToLive: 0, variables: { note: '补正' } });
    await bed.waitForElement(key, 'ae', 'ELEMENT_COMPLETED');
    const correlated = bed.records.ofValueType('MESSAGE_SUBSCRIPTION').withIntent('CORRELATED').withProcessInstanceKey(key).first();
    expect(correlated.key).to.equal(messageSide.key);
    expect(bed.elements(key).withElementId('examine').intents()).to.not.include('ELEMENT_TERMINATING');
    bed.work('mig-examine', (job) => job.complete());
    await bed.waitForCompletion(key);
  });

  it('deletes both sides of the subscription of an unmapped message boundary event; the message no longer correlates (Zeebe: unmapped catch events are unsubscribed)', async () => {
    await steps.deploy(
      process('mig-drop-msg', message('m', 'withdrawn', '=caseNo'), start('s'), serviceTask('a', 'mig-drop'), boundary('w', 'a', messageRef('m')), end('e'), end('we'), chain('s', 'a', 'e'), chain('w', 'we')),
      'mig-drop-msg.bpmn',
    );
    const key = await bed.start('mig-drop-msg', { caseNo: 'D-1' });
    await messageSideOf(key);
    const v2 = await steps.deploy(process('mig-drop-msg', start('s'), serviceTask('a', 'mig-drop'), end('e'), chain('s', 'a', 'e')), 'mig-drop-msg.bpmn');
    // when
    await steps.migrate(key, v2, [['a', 'a']]);
    // then
    await bed.waitFor('the message side deleted', (r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.intent === 'DELETED' && r.value.processInstanceKey === key);
    await bed.waitFor('the element side deleted', (r) => r.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && r.intent === 'DELETED' && r.value.processInstanceKey === key);
    await bed.sdk.publishMessage({ name: 'withdrawn', correlationKey: 'D-1', timeToLive: 0, variables: {} });
    await bed.settle();
    expect(bed.records.ofValueType('MESSAGE_SUBSCRIPTION').withIntent('CORRELATING').withProcessInstanceKey(key).exists()).to.equal(false);
    expect(bed.trail(key)).to.not.include('w:ELEMENT_ACTIVATING');
  });

  it('opens a message subscription for a boundary event only the target has, evaluated at migration, and a message triggers it (Zeebe: new catch events are subscribed)', async () => {
    await steps.deploy(process('mig-new-msg', start('s'), serviceTask('a', 'mig-new-msg'), end('e'), chain('s', 'a', 'e')), 'mig-new-msg.bpmn');
    const key = await bed.start('mig-new-msg', { caseNo: 'N-1' });
    await jobOf(key);
    const v2 = await steps.deploy(
      process('mig-new-msg', message('m', 'withdrawn', '=caseNo'), start('s'), serviceTask('a', 'mig-new-msg'), boundary('w', 'a', messageRef('m')), end('e'), end('we'), chain('s', 'a', 'e'), chain('w', 'we')),
      'mig-new-msg.bpmn',
    );
    // when
    await steps.migrate(key, v2, [['a', 'a']]);
    // then both sides are opened as on activation
    const opened = await bed.waitFor('the subscription', (r) => r.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    expect(opened.value).to.deep.include({ elementId: 'w', messageName: 'withdrawn', correlationKey: 'N-1', processDefinitionKey: v2 });
    // and the message interrupts the task
    await bed.sdk.publishMessage({ name: 'withdrawn', correlationKey: 'N-1', timeToLive: 0, variables: {} });
    await bed.waitForCompletion(key);
    expect(bed.trail(key)).to.include.members(['a:ELEMENT_TERMINATED', 'we:ELEMENT_COMPLETED']);
  });

  it('migrates a mapped signal subscription (name kept), deletes an unmapped one and opens a new one (Zeebe: migrating signal subscriptions)', async () => {
    // given a task listening for a halt and a pause
    await steps.deploy(
      process(
        'mig-signals',
        signal('halt', 'service-halted'),
        signal('pause', 'service-paused'),
        start('s'),
        serviceTask('a', 'mig-signals'),
        boundary('halted', 'a', signalRef('halt')),
        boundary('paused', 'a', signalRef('pause'), { interrupting: false }),
        end('e'),
        end('he'),
        end('pe'),
        chain('s', 'a', 'e'),
        chain('halted', 'he'),
        chain('paused', 'pe'),
      ),
      'mig-signals.bpmn',
    );
    const key = await bed.start('mig-signals');
    // (the subscriptions are opened in the batch that activates the task)
    await bed.waitForElement(key, 'a', 'ELEMENT_ACTIVATED');
    const subscriptions = bed.records.ofValueType('SIGNAL_SUBSCRIPTION').withIntent('CREATED').withValue('bpmnProcessId', 'mig-signals').asList();
    const halt = subscriptions.find((r) => r.value.catchEventId === 'halted')!;
    const pause = subscriptions.find((r) => r.value.catchEventId === 'paused')!;
    // and v2: the halt becomes a stop, the pause is gone, an audit request is new
    const v2 = await steps.deploy(
      process(
        'mig-signals',
        signal('halt', 'service-stopped'),
        signal('audit', 'audit-requested'),
        start('s'),
        serviceTask('a', 'mig-signals'),
        boundary('stopped', 'a', signalRef('halt')),
        boundary('audited', 'a', signalRef('audit'), { interrupting: false }),
        end('e'),
        end('se'),
        end('ae'),
        chain('s', 'a', 'e'),
        chain('stopped', 'se'),
        chain('audited', 'ae'),
      ),
      'mig-signals.bpmn',
    );
    // when
    await steps.migrate(key, v2, [
      ['a', 'a'],
      ['halted', 'stopped'],
    ]);
    // then
    const signalRecords = bed.records.ofValueType('SIGNAL_SUBSCRIPTION').filter((r) => r.value.catchEventInstanceKey === halt.value.catchEventInstanceKey);
    expect(signalRecords.withKey(halt.key).withIntent('MIGRATED').first().value).to.deep.include({ catchEventId: 'stopped', signalName: 'service-halted', processDefinitionKey: v2 });
    expect(signalRecords.withKey(pause.key).intents()).to.deep.equal(['CREATED', 'DELETED']);
    const audit = signalRecords.withIntent('CREATED').asList().find((r) => r.value.catchEventId === 'audited');
    expect(audit?.value).to.deep.include({ signalName: 'audit-requested', processDefinitionKey: v2 });
    // and the pause no longer reaches the task, the audit request does, and the old halt signal stops it
    await bed.sdk.broadcastSignal({ signalName: 'service-paused', variables: {} });
    await bed.sdk.broadcastSignal({ signalName: 'audit-requested', variables: {} });
    await bed.waitForElement(key, 'ae');
    await bed.sdk.broadcastSignal({ signalName: 'service-halted', variables: {} });
    await bed.waitForCompletion(key);
    expect(bed.trail(key)).to.include.members(['stopped:ELEMENT_COMPLETED', 'se:ELEMENT_COMPLETED']);
    expect(bed.trail(key)).to.not.include('paused:ELEMENT_ACTIVATING');
  });

  describe("refusals: Zeebe's preconditions for catch events (nothing changes)", () => {
    let key: string;
    let v2: string;
    before(async () => {
      await steps.deploy(
        process(
          'mig-refuse-ce',
          message('m', 'withdrawn', '=caseNo'),
          start('s'),
          serviceTask('a', 'mig-refuse-ce'),
          boundary('t1', 'a', timerDuration('PT1H'), { interrupting: false }),
          boundary('t2', 'a', timerDuration('PT2H'), { interrupting: false }),
          boundary('w', 'a', messageRef('m')),
          end('e'),
          end('e1'),
          end('e2'),
          end('we'),
          chain('s', 'a', 'e'),
          chain('t1', 'e1'),
          chain('t2', 'e2'),
          chain('w', 'we'),
        ),
        'mig-refuse-ce.bpmn',
      );
      key = await bed.start('mig-refuse-ce', { caseNo: 'R-1' });
      await messageSideOf(key);
      v2 = await steps.deploy(
        process(
          'mig-refuse-ce',
          message('m', 'withdrawn', '=caseNo'),
          start('s'),
          serviceTask('a', 'mig-refuse-ce'),
          serviceTask('b', 'mig-refuse-ce'),
          boundary('ta', 'a', timerDuration('PT1H')),
          boundary('ma', 'a', messageRef('m')),
          boundary('tb', 'b', timerDuration('PT1H')),
          end('e'),
          end('e1'),
          end('e2'),
          end('e3'),
          chain('s', 'a', 'b', 'e'),
          chain('ta', 'e1'),
          chain('ma', 'e2'),
          chain('tb', 'e3'),
        ),
        'mig-refuse-ce.bpmn',
      );
    });

    const expectRefused = async (mappings: [string, string][], reason: string) => {
      const error = await steps.refusal(steps.migrate(key, v2, mappings));
      expect(error?.code).to.equal(9);
      expect(error?.details).to.contain(`Expected to migrate process instance '${key}' but active element with id 'a'`);
      expect(error?.details).to.contain(reason);
    };

    it('refuses mapping a catch event to one of another event type', () =>
      expectRefused(
        [
          ['a', 'a'],
          ['t1', 'ma'],
          ['w', 'ta'],
        ],
        "has a catch event with id 't1' that is mapped to a catch event with id 'ma'. These catch events have different event types: 'TIMER' and 'MESSAGE'.",
      ));

    it('refuses mapping a boundary event to a boundary event of another element', () =>
      expectRefused(
        [
          ['a', 'a'],
          ['t1', 'tb'],
          ['w', 'ma'],
        ],
        "is mapped to an element with id 'a' and has a catch event with id 't1' that is mapped to a catch event with id 'tb'. These mappings detach the catch event from the element in the target process.",
      ));

    it('refuses merging two boundary events into one', () =>
      expectRefused(
        [
          ['a', 'a'],
          ['t1', 'ta'],
          ['t2', 'ta'],
          ['w', 'ma'],
        ],
        "has a catch event attached that is mapped to a catch event with id 'ta'. There are multiple mapping instructions that target this catch event: 't1', 't2'. Catch events cannot be merged by process instance migration.",
      ));

    it('refuses opening a message subscription the element already holds under an unmapped catch event', () =>
      expectRefused(
        [
          ['a', 'a'],
          ['t1', 'ta'],
        ],
        "attempts to subscribe to a message it is already subscribed to with name 'withdrawn'. Migrating active elements that subscribe to a message they are already subscribed to is not possible yet. Please provide a mapping instruction to message catch event with id 'ma' to migrate the respective message subscription.",
      ));

    it('leaves the refused instance with its subscriptions on its old version', async () => {
      expect(bed.records.processInstance().withProcessInstanceKey(key).withIntent('ELEMENT_MIGRATED').exists()).to.equal(false);
      expect(bed.records.timer().withProcessInstanceKey(key).intents()).to.deep.equal(['CREATED', 'CREATED']);
      await bed.sdk.publishMessage({ name: 'withdrawn', correlationKey: 'R-1', timeToLive: 0, variables: {} });
      await bed.waitForCompletion(key);
      expect(bed.trail(key)).to.include('we:ELEMENT_COMPLETED');
    });
  });

  it('refuses a new timer boundary event whose definition cannot be evaluated at migration (Zeebe: subscribing fails)', async () => {
    await steps.deploy(process('mig-bad-timer', start('s'), serviceTask('a', 'mig-bad-timer'), end('e'), chain('s', 'a', 'e')), 'mig-bad-timer.bpmn');
    const key = await bed.start('mig-bad-timer');
    await jobOf(key);
    const v2 = await steps.deploy(
      process('mig-bad-timer', start('s'), serviceTask('a', 'mig-bad-timer'), boundary('sla', 'a', timerDuration('=slaDuration')), end('e'), end('late'), chain('s', 'a', 'e'), chain('sla', 'late')),
      'mig-bad-timer.bpmn',
    );
    const error = await steps.refusal(steps.migrate(key, v2, [['a', 'a']]));
    expect(error?.code).to.equal(9);
    expect(error?.details).to.contain(`Expected to migrate process instance '${key}' but active element with id 'a' is mapped to element with id 'a' that must be subscribed to a catch event.`);
    expect(bed.records.timer().withProcessInstanceKey(key).exists()).to.equal(false);
  });
});
