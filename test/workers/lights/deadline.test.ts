import { expect } from 'chai';
import { BusinessCalendar } from '../../../workers/calendar';
import { DEFAULT_WARN_RULE, deadlineSchema, pauseDeadline, resumeDeadline, startDeadline } from '../../../workers/lights';

const calendar = new BusinessCalendar();
const WD = 420;

describe('deadlines', () => {
  it('start with dueAt and warnAt counted in office time across National Day 2025', () => {
    // given a 5-working-day stage accepted on Monday 29 September at 09:00
    // when its clock starts
    const deadline = startDeadline({ name: 'stage1', limitWorkingMinutes: 5 * WD, startedAt: '2025-09-29T09:00:00+08:00' }, calendar, DEFAULT_WARN_RULE);
    // then the days counted are 29 and 30 September, 9, 10 and the make-up Saturday 11 October
    expect(deadline).to.deep.equal({
      name: 'stage1',
      limitWorkingMinutes: 2100,
      consumedWorkingMinutes: 0,
      startedAt: '2025-09-29T09:00:00+08:00',
      warnAt: '2025-10-10T17:30:00+08:00',
      dueAt: '2025-10-11T17:30:00+08:00',
      pausedAt: null,
      provisional: false,
      provisionalYear: null,
    });
    expect(deadlineSchema.isValidSync(deadline, { strict: true })).to.equal(true);
  });

  it('start across Spring Festival 2026', () => {
    const deadline = startDeadline({ name: 'case', limitWorkingMinutes: 3 * WD, startedAt: '2026-02-13T09:00:00+08:00' }, calendar, DEFAULT_WARN_RULE);
    // 13 February and the make-up Saturday 14 February count; 15–23 February are off
    expect(deadline.warnAt).to.equal('2026-02-14T17:30:00+08:00');
    expect(deadline.dueAt).to.equal('2026-02-24T17:30:00+08:00');
  });

  it('subtract office time already consumed', () => {
    const deadline = startDeadline(
      { name: 'stage2', limitWorkingMinutes: 2 * WD, startedAt: '2025-09-30T09:00:00+08:00', consumedWorkingMinutes: WD },
      calendar,
      DEFAULT_WARN_RULE,
    );
    expect(deadline.warnAt).to.equal('2025-09-30T09:00:00+08:00');
    expect(deadline.dueAt).to.equal('2025-09-30T17:30:00+08:00');
  });

  it('pause with the office time used so far and resume with the remaining time', () => {
    // given a 3-day deadline started on 30 September at 09:00
    const started = startDeadline({ name: 'stage1', limitWorkingMinutes: 3 * WD, startedAt: '2025-09-30T09:00:00+08:00' }, calendar, DEFAULT_WARN_RULE);
    // when it pauses for 补正 at 14:30 (180 + 60 office minutes used)
    const paused = pauseDeadline(started, '2025-09-30T14:30:00+08:00', calendar);
    expect(paused).to.include({ consumedWorkingMinutes: 240, pausedAt: '2025-09-30T14:30:00+08:00', dueAt: started.dueAt });
    // and resumes after the holiday, on Friday 10 October at 09:00
    const resumed = resumeDeadline(paused, '2025-10-10T09:00:00+08:00', calendar, DEFAULT_WARN_RULE);
    // then 1020 minutes remain: 10 October, the make-up Saturday 11 October, and 180 minutes on Monday 13 October
    expect(resumed).to.deep.equal({
      name: 'stage1',
      limitWorkingMinutes: 1260,
      consumedWorkingMinutes: 240,
      startedAt: '2025-10-10T09:00:00+08:00',
      warnAt: '2025-10-11T12:00:00+08:00',
      dueAt: '2025-10-13T12:00:00+08:00',
      pausedAt: null,
      provisional: false,
      provisionalYear: null,
    });
  });

  it('resume an overdue deadline as due at once', () => {
    const started = startDeadline({ name: 's', limitWorkingMinutes: 60, startedAt: '2025-09-30T09:00:00+08:00' }, calendar, DEFAULT_WARN_RULE);
    const paused = pauseDeadline(started, '2025-09-30T11:00:00+08:00', calendar);
    expect(paused.consumedWorkingMinutes).to.equal(120);
    const resumed = resumeDeadline(paused, '2025-10-09T08:00:00+08:00', calendar, DEFAULT_WARN_RULE);
    expect(resumed.dueAt).to.equal('2025-10-09T09:00:00+08:00');
    expect(resumed.warnAt).to.equal('2025-10-09T09:00:00+08:00');
  });

  it('refuse to pause twice, to resume a running clock, or to go back in time', () => {
    const started = startDeadline({ name: 's', limitWorkingMinutes: WD, startedAt: '2025-09-30T09:00:00+08:00' }, calendar, DEFAULT_WARN_RULE);
    const paused = pauseDeadline(started, '2025-09-30T10:00:00+08:00', calendar);
    expect(() => pauseDeadline(paused, '2025-09-30T11:00:00+08:00', calendar)).to.throw(/Expected deadline 's' to be running, but it is paused since 2025-09-30T10:00:00\+08:00/);
    expect(() => resumeDeadline(started, '2025-09-30T11:00:00+08:00', calendar, DEFAULT_WARN_RULE)).to.throw(/to be paused, but its clock is running/);
    expect(() => pauseDeadline(started, '2025-09-29T11:00:00+08:00', calendar)).to.throw(/paused after it started/);
    expect(() => resumeDeadline(paused, '2025-09-30T09:30:00+08:00', calendar, DEFAULT_WARN_RULE)).to.throw(/resume after it paused/);
  });

  it('are refused by the schema when a field is missing or not an instant', () => {
    const deadline = startDeadline({ name: 's', limitWorkingMinutes: WD, startedAt: '2025-09-30T09:00:00+08:00' }, calendar, DEFAULT_WARN_RULE);
    expect(deadlineSchema.isValidSync({ ...deadline, dueAt: 'tomorrow' })).to.equal(false);
    expect(deadlineSchema.isValidSync({ ...deadline, pausedAt: undefined })).to.equal(false);
    expect(deadlineSchema.isValidSync({ ...deadline, name: 'stage 1' })).to.equal(false);
  });
});
