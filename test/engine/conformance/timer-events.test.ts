import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, catchEvent, timerDuration, timerDate, chain } = bpmn;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('conformance: timer intermediate catch events', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed({ clock: 'controlled' });
    await bed.deploy(
      process('timer-duration', start('s'), catchEvent('wait', timerDuration('PT1H')), end('e'), chain('s', 'wait', 'e')),
      process('timer-feel-duration', start('s'), catchEvent('wait', timerDuration('=waitFor')), end('e'), chain('s', 'wait', 'e')),
      process('timer-date', start('s'), catchEvent('wait', timerDate('=date and time(deadline)')), end('e'), chain('s', 'wait', 'e')),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('creates a timer due after the duration and fires it only once the engine clock reaches the due date (Zeebe: timer events, timeDuration)', async () => {
    // given
    const startedAt = bed.gateway.server.engine.clock.now();
    const key = await bed.start('timer-duration');
    const created = await bed.waitFor('the timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    expect(created.value.targetElementId).to.equal('wait');
    expect(Number(created.value.dueDate) - startedAt).to.be.within(HOUR, HOUR + 5_000);
    // when 59 minutes pass
    await bed.advanceClock(59 * MINUTE);
    await bed.settle();
    // then
    expect(bed.records.timer().withKey(created.key).intents()).to.deep.equal(['CREATED']);
    expect(bed.elements(key).withElementId('wait').intents()).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    // when the hour is full
    await bed.advanceClock(2 * MINUTE);
    await bed.waitForCompletion(key);
    // then
    expect(bed.records.timer().withKey(created.key).events().intents()).to.deep.equal(['CREATED', 'TRIGGERED']);
    expect(bed.elements(key).withElementId('wait').intents()).to.deep.equal([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ]);
  });

  it('evaluates a FEEL timeDuration expression from the instance variables (Zeebe: timer events, expressions)', async () => {
    // given
    const key = await bed.start('timer-feel-duration', { waitFor: 'P2D' });
    await bed.waitFor('the timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // when
    await bed.advanceClock(47 * HOUR);
    await bed.settle();
    // then
    expect(bed.elements(key).withElementId('wait').withIntent('ELEMENT_COMPLETED').exists()).to.equal(false);
    // when
    await bed.advanceClock(2 * HOUR);
    // then
    await bed.waitForCompletion(key);
  });

  it('fires a FEEL timeDate at that instant (Zeebe: timer events, timeDate)', async () => {
    // given a deadline three hours ahead of the engine clock
    const deadline = new Date(bed.gateway.server.engine.clock.now() + 3 * HOUR).toISOString();
    const key = await bed.start('timer-date', { deadline });
    const created = await bed.waitFor('the timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // then
    expect(created.value.dueDate).to.equal(Date.parse(deadline));
    // when
    await bed.advanceClock(3 * HOUR + 1_000);
    // then
    await bed.waitForCompletion(key);
  });

  it('raises an EXTRACT_VALUE_ERROR incident when the duration expression is not a duration (Zeebe: timer events)', async () => {
    // when
    const key = await bed.start('timer-feel-duration', { waitFor: 'soon' });
    const incident = await bed.waitForIncident(key);
    // then
    expect(incident.value).to.include({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'wait' });
  });

  it('fires a literal timeDate with a UTC offset at that instant (Zeebe: timer events, ISO 8601 date-time)', async () => {
    // given 10:00 in Jinan (+08:00) on a day after the engine clock
    const now = bed.gateway.server.engine.clock.now();
    const day = new Date(now + 2 * 24 * HOUR).toISOString().slice(0, 10);
    const due = Date.parse(`${day}T02:00:00Z`);
    await bed.deploy(process('timer-literal-date', start('s'), catchEvent('wait', timerDate(`${day}T10:00:00+08:00`)), end('e'), chain('s', 'wait', 'e')));
    // when
    const key = await bed.start('timer-literal-date');
    const created = await bed.waitFor('the timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    // then
    expect(created.value.dueDate).to.equal(due);
    await bed.advanceClock(due - bed.gateway.server.engine.clock.now() + 1_000);
    await bed.waitForCompletion(key);
  });

  it('accepts a FEEL duration value and fires a timeDate already in the past at once (Zeebe: timer events)', async () => {
    // given
    await bed.deploy(process('timer-feel-value', start('s'), catchEvent('wait', timerDuration('=duration("PT5M") + duration("PT5M")')), end('e'), chain('s', 'wait', 'e')));
    await bed.deploy(process('timer-past', start('s'), catchEvent('wait', timerDate('=date and time("2020-01-01T00:00:00Z")')), end('e'), chain('s', 'wait', 'e')));
    // when
    const past = await bed.start('timer-past');
    const tenMinutes = await bed.start('timer-feel-value');
    const created = await bed.waitFor('the timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === tenMinutes);
    // then
    await bed.waitForCompletion(past);
    expect(Number(created.value.dueDate) - created.timestamp).to.equal(10 * MINUTE);
    await bed.advanceClock(10 * MINUTE + 1_000);
    await bed.waitForCompletion(tenMinutes);
  });

  it('creates the timer once a bad duration is fixed with setVariables and the incident resolved (Zeebe: incidents on timer events)', async () => {
    // given
    const key = await bed.start('timer-feel-duration', { waitFor: 'later' });
    const incident = await bed.waitForIncident(key);
    // when
    await bed.sdk.setVariables({ elementInstanceKey: key, variables: { waitFor: 'PT30M' }, local: false });
    await bed.sdk.resolveIncident({ incidentKey: incident.key });
    await bed.waitFor('the timer', (r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.value.processInstanceKey === key);
    await bed.advanceClock(31 * MINUTE);
    // then
    await bed.waitForCompletion(key);
  });
});
