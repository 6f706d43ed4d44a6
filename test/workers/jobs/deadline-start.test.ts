import { expect } from 'chai';
import deadlineStart from '../../../workers/jobs/deadline-start';
import { runJob } from '../../../workers/run-job';
import { jobContext } from './job-context';

describe('the deadline-start worker', () => {
  it('answers the deadline object for a limit in working days, across National Day', async () => {
    // given the model's input mapping for a 0.5-day link started on 30 September at 16:00
    const variables = { deadlineName: 'linkA', limitWorkingDays: 0.5, startedAt: '2025-09-30T16:00:00+08:00', caseId: 'ignored' };
    // when the job runs
    const outcome = await runJob(deadlineStart, variables, jobContext('deadline-start'));
    // then 90 minutes count on 30 September and the rest on 9 October; yellow at half the limit
    expect(outcome).to.deep.equal({
      kind: 'complete',
      variables: {
        deadline: {
          name: 'linkA',
          limitWorkingMinutes: 210,
          consumedWorkingMinutes: 0,
          startedAt: '2025-09-30T16:00:00+08:00',
          warnAt: '2025-10-09T09:15:00+08:00',
          dueAt: '2025-10-09T11:00:00+08:00',
          pausedAt: null,
          provisional: false,
          provisionalYear: null,
        },
      },
    });
  });

  it('counts a limit in hours as office hours', async () => {
    const outcome = await runJob(deadlineStart, { deadlineName: 'seal', limitWorkingHours: 2, startedAt: '2026-02-13T16:30:00+08:00', limitWorkingDays: null }, jobContext('deadline-start'));
    expect(outcome.kind).to.equal('complete');
    if (outcome.kind !== 'complete') return;
    expect(outcome.variables.deadline).to.include({ limitWorkingMinutes: 120, dueAt: '2026-02-14T10:00:00+08:00', warnAt: '2026-02-13T17:30:00+08:00' });
  });

  it('uses the engine clock instant it is given, in any offset, and the configured thresholds', async () => {
    const context = jobContext('deadline-start', { ONEGO_WARN_ELAPSED_PERCENT: '50', ONEGO_OFFICE_HOURS: '09:00-17:00' });
    const outcome = await runJob(deadlineStart, { deadlineName: 'case', limitWorkingDays: 10, startedAt: '2025-09-29T01:00:00Z' }, context);
    if (outcome.kind !== 'complete') throw new Error(JSON.stringify(outcome));
    expect(outcome.variables.deadline).to.include({ limitWorkingMinutes: 4800, startedAt: '2025-09-29T09:00:00+08:00' });
    // 5 working days: 29, 30 Sep, 9, 10, 11 Oct; 10: then 13–17 Oct
    expect(outcome.variables.deadline).to.include({ warnAt: '2025-10-11T17:00:00+08:00', dueAt: '2025-10-17T17:00:00+08:00' });
  });

  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ['no limit', { deadlineName: 'x', startedAt: '2025-09-30T16:00:00+08:00' }, /exactly one of limitWorkingDays and limitWorkingHours/],
    ['two limits', { deadlineName: 'x', limitWorkingDays: 1, limitWorkingHours: 2, startedAt: '2025-09-30T16:00:00+08:00' }, /exactly one of/],
    ['a zero limit', { deadlineName: 'x', limitWorkingDays: 0, startedAt: '2025-09-30T16:00:00+08:00' }, /limitWorkingDays must be a positive number/],
    ['a start without offset', { deadlineName: 'x', limitWorkingDays: 1, startedAt: '2025-09-30T16:00:00' }, /startedAt must be an ISO-8601 date-time with an offset/],
    ['a name that is no variable name', { deadlineName: 'stage 1', limitWorkingDays: 1, startedAt: '2025-09-30T16:00:00+08:00' }, /deadlineName must start with a letter/],
  ];
  for (const [what, variables, message] of bad) {
    it(`fails without retries and says why when given ${what}`, async () => {
      const outcome = await runJob(deadlineStart, variables, jobContext('deadline-start'));
      expect(outcome.kind).to.equal('fail');
      if (outcome.kind !== 'fail') return;
      expect(outcome.retries).to.equal(0);
      expect(outcome.errorMessage).to.match(message);
    });
  }

  it('completes with a provisional deadline when the limit reaches into a year without holiday data', async () => {
    // given the bundled calendar (ends with 2026) and a 45-working-day limit started in late November 2026
    const context = jobContext('deadline-start');
    // when the deadline starts
    const outcome = await runJob(deadlineStart, { deadlineName: 'case', limitWorkingDays: 45, startedAt: '2026-11-23T09:00:00+08:00' }, context);
    // then the case goes on: the deadline is counted Monday–Friday in 2027, less the holidays the law fixes, and marked provisional
    expect(outcome.kind).to.equal('complete');
    if (outcome.kind !== 'complete') return;
    expect(outcome.variables.deadline).to.include({ provisional: true, provisionalYear: 2027 });
  });

  it('marks a deadline inside covered years as not provisional', async () => {
    const outcome = await runJob(deadlineStart, { deadlineName: 'case', limitWorkingDays: 5, startedAt: '2026-11-23T09:00:00+08:00' }, jobContext('deadline-start'));
    expect(outcome.kind === 'complete' && outcome.variables.deadline).to.include({ provisional: false, provisionalYear: null });
  });
});
