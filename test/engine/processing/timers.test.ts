import { expect } from 'chai';
import { TestEngine, bpmn } from '../../support';

const { process, start, end, serviceTask, chain, boundary, catchEvent, timerDuration, timerDate, timerCycle } = bpmn;

const HOUR = 3_600_000;

describe('timer events', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('fires an intermediate timeDuration catch event only once the engine clock reached its due date', async () => {
    await engine.deployment().withXml(process('p', start('s'), catchEvent('wait', timerDuration('PT1H')), end('e'), chain('s', 'wait', 'e'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    const timer = engine.records().timer().withIntent('CREATED').first();
    expect(timer.value.dueDate).to.equal(engine.clock.now() + HOUR);
    await engine.clock.advance(HOUR - 1);
    expect(engine.isCompleted(key)).to.equal(false);
    await engine.clock.advance(1);
    expect(engine.records().timer().withIntent('TRIGGERED').exists()).to.equal(true);
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('re-arms a missed cycle one interval after now, so a late non-interrupting timer fires once, not once per missed cycle (Zeebe: repeating interval next occurrence)', async () => {
    const xml = process('p', start('s'), serviceTask('t', 'work'), end('e'), boundary('remind', 't', timerCycle('R5/PT1H'), { interrupting: false }), end('reminded'), chain('s', 't', 'e'), chain('remind', 'reminded'));
    await engine.deployment().withXml(xml).deploy();
    await engine.processInstance().ofBpmnProcessId('p').create();
    // when the clock jumps 3.5 hours at once
    await engine.clock.advance(3.5 * HOUR);
    // then the timer fired once and the next one is due an hour after now
    expect(engine.records().timer().withIntent('TRIGGERED').count()).to.equal(1);
    const rearmed = engine.records().timer().withIntent('CREATED').last();
    expect(rearmed.value.dueDate).to.equal(engine.clock.now() + HOUR);
    expect(rearmed.value.repetitions).to.equal(4);
  });

  it('fires a cycle whose start date already passed at once (Zeebe: first due date of a repeating interval with a past start)', async () => {
    const pastStart = new Date(engine.clock.now() - 2 * HOUR).toISOString();
    const xml = process('p', start('s'), serviceTask('t', 'work'), end('e'), boundary('remind', 't', timerCycle(`R2/${pastStart}/PT1H`), { interrupting: false }), end('reminded'), chain('s', 't', 'e'), chain('remind', 'reminded'));
    await engine.deployment().withXml(xml).deploy();
    await engine.processInstance().ofBpmnProcessId('p').create();
    expect(engine.records().timer().withIntent('CREATED').first().value.dueDate).to.equal(engine.clock.now());
  });

  it('evaluates a FEEL timeDate expression', async () => {
    await engine.deployment().withXml(process('p', start('s'), catchEvent('wait', timerDate('=dueAt')), end('e'), chain('s', 'wait', 'e'))).deploy();
    const due = new Date(engine.clock.now() + 2 * HOUR).toISOString();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ dueAt: due }).create();
    expect(engine.records().timer().withIntent('CREATED').first().value.dueDate).to.equal(Date.parse(due));
    await engine.clock.advance(2 * HOUR);
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('interrupts a task with a timer boundary event: the job is canceled and the boundary path taken', async () => {
    const xml = process('p', start('s'), serviceTask('t', 'work'), end('e'), boundary('late', 't', timerDuration('PT15M')), end('escalated'), chain('s', 't', 'e'), chain('late', 'escalated'));
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    await engine.clock.advance(15 * 60_000);
    expect(engine.records().job().withIntent('CANCELED').exists()).to.equal(true);
    expect(engine.records().processInstance().withIntent('ELEMENT_COMPLETED').withElementId('escalated').exists()).to.equal(true);
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('keeps the task with a non-interrupting cycle boundary timer that fires R3 times', async () => {
    const xml = process('p', start('s'), serviceTask('t', 'work'), end('e'), boundary('remind', 't', timerCycle('R3/PT1H'), { interrupting: false }), end('reminded'), chain('s', 't', 'e'), chain('remind', 'reminded'));
    await engine.deployment().withXml(xml).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').create();
    for (let i = 0; i < 5; i++) await engine.clock.advance(HOUR);
    expect(engine.records().processInstance().withIntent('ELEMENT_COMPLETED').withElementId('reminded').count()).to.equal(3);
    await engine.job().ofType('work').complete();
    expect(engine.isCompleted(key)).to.equal(true);
  });

  it('cancels the boundary timer when the task completes first', async () => {
    const xml = process('p', start('s'), serviceTask('t', 'work'), end('e'), boundary('late', 't', timerDuration('PT15M')), end('escalated'), chain('s', 't', 'e'), chain('late', 'escalated'));
    await engine.deployment().withXml(xml).deploy();
    await engine.processInstance().ofBpmnProcessId('p').create();
    await engine.job().ofType('work').complete();
    expect(engine.records().timer().withIntent('CANCELED').exists()).to.equal(true);
    await engine.clock.advance(HOUR);
    expect(engine.records().timer().withIntent('TRIGGERED').exists()).to.equal(false);
  });

  it('starts a new instance from a timer start event each cycle', async () => {
    await engine.deployment().withXml(process('tick', start('s', timerCycle('R2/PT1M')), end('e'), chain('s', 'e'))).deploy();
    await engine.clock.advance(60_000);
    await engine.clock.advance(60_000);
    await engine.clock.advance(60_000);
    expect(engine.records().processInstance().withElementType('PROCESS').withIntent('ELEMENT_COMPLETED').count()).to.equal(2);
  });

  it('raises an incident for a timer expression that does not evaluate to a duration', async () => {
    await engine.deployment().withXml(process('p', start('s'), catchEvent('wait', timerDuration('=wait')), end('e'), chain('s', 'wait', 'e'))).deploy();
    const key = await engine.processInstance().ofBpmnProcessId('p').withVariables({ wait: 'soon' }).create();
    const [incident] = engine.incident().open(key);
    expect(incident.value.errorType).to.equal('EXTRACT_VALUE_ERROR');
  });
});
