import { expect } from 'chai';
import deadlinePause from '../../../workers/jobs/deadline-pause';
import deadlineStart from '../../../workers/jobs/deadline-start';
import { runJob, type JobOutcome } from '../../../workers/run-job';
import { jobContext } from './job-context';

function completed(outcome: JobOutcome): Record<string, unknown> {
  if (outcome.kind !== 'complete') throw new Error(`expected the job to complete, but: ${JSON.stringify(outcome)}`);
  return outcome.variables;
}

async function started(): Promise<unknown> {
  const { deadline } = completed(
    await runJob(deadlineStart, { deadlineName: 'stage1', limitWorkingDays: 3, startedAt: '2026-02-12T09:00:00+08:00' }, jobContext('deadline-start')),
  );
  return deadline;
}

describe('the deadline-pause worker', () => {
  it('adds the office time used so far and marks the deadline paused', async () => {
    // given a 3-day stage started on Thursday 12 February 2026 at 09:00
    const deadline = await started();
    // when the case goes to the applicant on Friday 13 February at 10:00
    const { deadline: paused } = completed(await runJob(deadlinePause, { deadline, pausedAt: '2026-02-13T02:00:00Z' }, jobContext('deadline-pause')));
    // then a full day and 60 minutes are used, and the pause is stamped in Shanghai time
    expect(paused).to.include({ consumedWorkingMinutes: 480, pausedAt: '2026-02-13T10:00:00+08:00', startedAt: '2026-02-12T09:00:00+08:00' });
  });

  it('refuses to pause a paused deadline, without retries', async () => {
    const deadline = await started();
    const { deadline: paused } = completed(await runJob(deadlinePause, { deadline, pausedAt: '2026-02-13T10:00:00+08:00' }, jobContext('deadline-pause')));
    const twice = await runJob(deadlinePause, { deadline: paused, pausedAt: '2026-02-13T11:00:00+08:00' }, jobContext('deadline-pause'));
    expect(twice).to.include({ kind: 'fail', retries: 0 });
    if (twice.kind === 'fail') expect(twice.errorMessage).to.match(/deadline must be running to be paused, but it is already paused/);
  });

  it('refuses a deadline that is not a deadline object, naming the missing fields', async () => {
    const outcome = await runJob(deadlinePause, { deadline: { name: 'stage1' }, pausedAt: '2026-02-13T11:00:00+08:00' }, jobContext('deadline-pause'));
    expect(outcome).to.include({ kind: 'fail', retries: 0 });
    if (outcome.kind === 'fail') expect(outcome.errorMessage).to.match(/deadline\.limitWorkingMinutes is a required field/);
  });

  it('refuses a pause before the clock started', async () => {
    const deadline = await started();
    const outcome = await runJob(deadlinePause, { deadline, pausedAt: '2026-02-11T10:00:00+08:00' }, jobContext('deadline-pause'));
    expect(outcome.kind).to.equal('fail');
    if (outcome.kind === 'fail') expect(outcome.errorMessage).to.match(/to be paused after it started/);
  });
});
