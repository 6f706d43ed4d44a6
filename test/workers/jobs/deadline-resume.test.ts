import { expect } from 'chai';
import deadlinePause from '../../../workers/jobs/deadline-pause';
import deadlineResume from '../../../workers/jobs/deadline-resume';
import deadlineStart from '../../../workers/jobs/deadline-start';
import { runJob, type JobOutcome } from '../../../workers/run-job';
import { jobContext } from './job-context';

function completed(outcome: JobOutcome): Record<string, unknown> {
  if (outcome.kind !== 'complete') throw new Error(`expected the job to complete, but: ${JSON.stringify(outcome)}`);
  return outcome.variables;
}

describe('the deadline-resume worker', () => {
  it('resumes a clock paused for 补正 across Spring Festival 2026 with the remaining time', async () => {
    // given a 3-day stage started on Thursday 12 February 2026 at 09:00
    const { deadline: started } = completed(
      await runJob(deadlineStart, { deadlineName: 'stage1', limitWorkingDays: 3, startedAt: '2026-02-12T09:00:00+08:00' }, jobContext('deadline-start')),
    );
    // and paused on 13 February at 10:00 (1 day + 60 minutes used)
    const { deadline: paused } = completed(await runJob(deadlinePause, { deadline: started, pausedAt: '2026-02-13T10:00:00+08:00' }, jobContext('deadline-pause')));
    // when the corrected application comes back on Wednesday 25 February at 15:00
    const { deadline: resumed } = completed(await runJob(deadlineResume, { deadline: paused, resumedAt: '2026-02-25T15:00:00+08:00' }, jobContext('deadline-resume')));
    // then 780 minutes remain: 150 on 25 Feb, 420 on 26 Feb, 210 on 27 Feb; yellow when 1 day is left
    expect(resumed).to.deep.equal({
      name: 'stage1',
      limitWorkingMinutes: 1260,
      consumedWorkingMinutes: 480,
      startedAt: '2026-02-25T15:00:00+08:00',
      warnAt: '2026-02-26T14:00:00+08:00',
      dueAt: '2026-02-27T14:00:00+08:00',
      pausedAt: null,
      provisional: false,
      provisionalYear: null,
    });
  });

  it('refuses to resume a running deadline, without retries', async () => {
    const { deadline } = completed(
      await runJob(deadlineStart, { deadlineName: 'stage1', limitWorkingDays: 3, startedAt: '2026-02-12T09:00:00+08:00' }, jobContext('deadline-start')),
    );
    const outcome = await runJob(deadlineResume, { deadline, resumedAt: '2026-02-13T11:00:00+08:00' }, jobContext('deadline-resume'));
    expect(outcome).to.include({ kind: 'fail', retries: 0 });
    if (outcome.kind === 'fail') expect(outcome.errorMessage).to.match(/deadline must be paused to be resumed, but its clock is running/);
  });

  it('refuses a job without a deadline', async () => {
    const outcome = await runJob(deadlineResume, { resumedAt: '2026-02-13T11:00:00+08:00' }, jobContext('deadline-resume'));
    expect(outcome).to.include({ kind: 'fail', retries: 0 });
    if (outcome.kind === 'fail') expect(outcome.errorMessage).to.match(/deadline is a required field/);
  });
});
