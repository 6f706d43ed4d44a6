import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, serviceTask, boundary, timerDuration, timerCycle, chain } = bpmn;

const HOUR = 3_600_000;

describe('conformance: timer boundary events', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed({ clock: 'controlled' });
    await bed.deploy(
      process(
        'tb-interrupting',
        start('s'),
        serviceTask('review', 'tb-review'),
        boundary('overdue', 'review', timerDuration('PT24H')),
        end('done'),
        end('escalated'),
        chain('s', 'review', 'done'),
        chain('overdue', 'escalated'),
      ),
      process(
        'tb-reminder',
        start('s'),
        serviceTask('review', 'tb-slow-review'),
        boundary('remind', 'review', timerCycle('R2/PT1H'), { interrupting: false }),
        end('done'),
        end('reminded'),
        chain('s', 'review', 'done'),
        chain('remind', 'reminded'),
      ),
      process(
        'tb-in-time',
        start('s'),
        serviceTask('review', 'tb-quick-review'),
        boundary('overdue', 'review', timerDuration('PT24H')),
        end('done'),
        end('escalated'),
        chain('s', 'review', 'done'),
        chain('overdue', 'escalated'),
      ),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('an interrupting timer boundary event terminates the task, cancels its job and takes its outgoing flow (Zeebe: timer boundary events)', async () => {
    // given a task nobody works on
    const key = await bed.start('tb-interrupting');
    await bed.waitFor('the boundary timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    await bed.advanceClock(24 * HOUR + 1_000);
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('review').intents()).to.deep.equal([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_TERMINATING',
      'ELEMENT_TERMINATED',
    ]);
    expect(bed.elements(key).withElementId('overdue').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('escalated').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('done').exists()).to.equal(false);
    expect(bed.records.job().withProcessInstanceKey(key).intents()).to.deep.equal(['CREATED', 'CANCELED']);
    // the boundary event is activated only after the task was terminated
    const trail = bed.trail(key);
    expect(trail.indexOf('overdue:ELEMENT_ACTIVATING')).to.be.greaterThan(trail.indexOf('review:ELEMENT_TERMINATED'));
  });

  it('a non-interrupting cycle timer boundary event fires each cycle up to its repetitions while the task stays active (Zeebe: timer boundary events, timeCycle)', async () => {
    // given
    const key = await bed.start('tb-reminder');
    await bed.waitFor('the cycle timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when three hours pass, one at a time
    for (let hour = 1; hour <= 3; hour++) {
      await bed.advanceClock(HOUR + 1_000);
      await bed.settle();
    }
    // then it fired R2 = twice, and the task is still waiting for its worker
    expect(bed.elements(key).withElementId('reminded').withIntent('ELEMENT_COMPLETED').count()).to.equal(2);
    expect(bed.records.timer().withProcessInstanceKey(key).withIntent('TRIGGERED').count()).to.equal(2);
    expect(bed.elements(key).withElementId('review').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    // when the work is done
    bed.work('tb-slow-review', (job) => job.complete());
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('done').intents()).to.include('ELEMENT_COMPLETED');
  });

  it('cancels the boundary timer when the task completes first (Zeebe: timer boundary events)', async () => {
    // given
    bed.work('tb-quick-review', (job) => job.complete());
    // when
    const key = await bed.start('tb-in-time');
    await bed.waitForCompletion(key);
    // then
    expect(bed.records.timer().withProcessInstanceKey(key).events().intents()).to.deep.equal(['CREATED', 'CANCELED']);
    expect(bed.elements(key).withElementId('overdue').exists()).to.equal(false);
  });

  it('a non-interrupting duration timer boundary event fires once only (Zeebe: timer boundary events, timeDuration)', async () => {
    // given
    await bed.deploy(
      process(
        'tb-once',
        start('s'),
        serviceTask('review', 'tb-once-review'),
        boundary('nudge', 'review', timerDuration('PT1H'), { interrupting: false }),
        end('done'),
        end('nudged'),
        chain('s', 'review', 'done'),
        chain('nudge', 'nudged'),
      ),
    );
    const key = await bed.start('tb-once');
    await bed.waitFor('the timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when three hours pass
    for (let hour = 0; hour < 3; hour++) {
      await bed.advanceClock(HOUR + 1_000);
      await bed.settle();
    }
    // then
    expect(bed.elements(key).withElementId('nudged').withIntent('ELEMENT_COMPLETED').count()).to.equal(1);
    expect(bed.elements(key).withElementId('review').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    await bed.sdk.cancelProcessInstance(key);
  });

  it('an interrupting timer boundary event on a multi-instance activity terminates every inner instance and its job (Zeebe: boundary events on multi-instance)', async () => {
    // given
    await bed.deploy(
      process(
        'tb-multi',
        start('s'),
        serviceTask('sign', 'tb-sign', { multiInstance: { inputCollection: '=["a", "b", "c"]', inputElement: 'office' } }),
        boundary('late', 'sign', timerDuration('PT1H')),
        end('done'),
        end('timedOut'),
        chain('s', 'sign', 'done'),
        chain('late', 'timedOut'),
      ),
    );
    const key = await bed.start('tb-multi');
    await bed.waitFor('the timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    await bed.advanceClock(HOUR + 1_000);
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('sign').withElementType('SERVICE_TASK').withIntent('ELEMENT_TERMINATED').count()).to.equal(3);
    expect(bed.elements(key).withElementId('sign').withElementType('MULTI_INSTANCE_BODY').intents()).to.include('ELEMENT_TERMINATED');
    expect(bed.records.job().withProcessInstanceKey(key).withIntent('CANCELED').count()).to.equal(3);
    expect(bed.elements(key).withElementId('timedOut').intents()).to.include('ELEMENT_COMPLETED');
  });
});
