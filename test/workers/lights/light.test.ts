import { expect } from 'chai';
import { BusinessCalendar } from '../../../workers/calendar';
import { caseLightOf, DEFAULT_WARN_RULE, lightOf, pauseDeadline, startDeadline, worstColour } from '../../../workers/lights';

const calendar = new BusinessCalendar();
const WD = 420;
// 5 working days from Monday 29 September 2025: yellow from 10 October 17:30, red from 11 October 17:30
const stage1 = startDeadline({ name: 'stage1', limitWorkingMinutes: 5 * WD, startedAt: '2025-09-29T09:00:00+08:00' }, calendar, DEFAULT_WARN_RULE);

describe('lights', () => {
  const moments: Array<[string, string, number]> = [
    ['2025-09-29T09:00:00+08:00', 'green', 2100],
    ['2025-10-05T10:00:00+08:00', 'green', 1260],
    ['2025-10-10T17:29:00+08:00', 'green', 421],
    ['2025-10-10T17:30:00+08:00', 'yellow', 420],
    ['2025-10-11T15:30:00+08:00', 'yellow', 120],
    ['2025-10-11T17:30:00+08:00', 'red', 0],
    ['2025-10-13T10:00:00+08:00', 'red', -60],
  ];
  for (const [now, colour, remaining] of moments) {
    it(`shows a 5-day deadline started before National Day as ${colour} with ${remaining} minutes left at ${now}`, () => {
      expect(lightOf(stage1, calendar, now)).to.deep.equal({
        name: 'stage1',
        colour,
        dueAt: '2025-10-11T17:30:00+08:00',
        warnAt: '2025-10-10T17:30:00+08:00',
        remainingWorkingMinutes: remaining,
        provisional: false,
        provisionalYear: null,
      });
    });
  }

  it('shows a paused deadline as paused with its remaining time frozen', () => {
    const paused = pauseDeadline(stage1, '2025-09-30T09:00:00+08:00', calendar);
    expect(lightOf(paused, calendar, '2025-10-20T09:00:00+08:00')).to.include({ colour: 'paused', remainingWorkingMinutes: 1680 });
  });

  it('rolls a case up to its worst deadline and ignores variables that are not deadlines', () => {
    // given a case with a red stage, a green whole-case deadline and unrelated variables
    const caseDeadline = startDeadline({ name: 'case', limitWorkingMinutes: 45 * WD, startedAt: '2025-09-29T09:00:00+08:00' }, calendar, DEFAULT_WARN_RULE);
    const variables = { deadline_stage1: stage1, deadline_case: caseDeadline, deadline_note: 'not an object', caseId: 'C-1' };
    // when the case's light is read after the stage's due instant
    const light = caseLightOf(variables, calendar, '2025-10-13T10:00:00+08:00');
    // then it is red, listing both deadlines
    expect(light.colour).to.equal('red');
    expect(light.deadlines.map((entry) => [entry.name, entry.colour])).to.deep.equal([
      ['case', 'green'],
      ['stage1', 'red'],
    ]);
  });

  it('orders colours red, yellow, green, paused, and has none for no deadlines', () => {
    expect(worstColour(['paused', 'green'])).to.equal('green');
    expect(worstColour(['green', 'yellow', 'paused'])).to.equal('yellow');
    expect(worstColour(['yellow', 'red', 'green'])).to.equal('red');
    expect(worstColour(['paused'])).to.equal('paused');
    expect(worstColour([])).to.equal(null);
    expect(caseLightOf({ caseId: 'C-1' }, calendar, '2025-10-13T10:00:00+08:00')).to.deep.equal({ colour: null, deadlines: [], provisional: false, provisionalYear: null });
  });

  it('carries a provisional deadline into the light and the case', () => {
    // given a 15-working-day deadline started on Sunday 20 December 2026, which runs into 2027 (no data yet)
    const provisional = startDeadline({ name: 'case', limitWorkingMinutes: 15 * WD, startedAt: '2026-12-20T10:00:00+08:00' }, calendar, DEFAULT_WARN_RULE);
    // when the case's light is read
    const light = caseLightOf({ deadline_case: provisional, deadline_stage1: stage1 }, calendar, '2026-12-21T10:00:00+08:00');
    // then the case and that deadline say 期限暂定 for 2027
    expect(light).to.include({ provisional: true, provisionalYear: 2027 });
    expect(light.deadlines.find((entry) => entry.name === 'case')).to.include({ provisional: true, provisionalYear: 2027 });
  });
});
