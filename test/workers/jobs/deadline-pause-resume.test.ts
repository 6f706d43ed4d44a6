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

describe('the deadline-pause and deadline-resume workers', () => {
  it('stop the clock for 补正 across Spring Festival 2026 and resume with the remaining time', async () => {
    // given a 3-day stage started on Thursday 12 February 2026 at 09:00
    const { deadline: started } = completed(
      await runJob(deadlineStart, { deadlineName: 'stage1', limitWorkingDays: 3, startedAt: '2026-02-12T09:00:00+08:00' }, jobContext('deadline-start')),
    );
    // when the case goes to the applicant on 13 February at 10:00 (1 day + 60 minutes used)
    const { deadline: paused } = completed(await runJob(deadlinePause, { deadline: started, pausedAt: '2026-02-13T10:00:00+08:00' }, jobContext('deadline-pause')));
    expect(paused).to.include({ consumedWorkingMinutes: 480, pausedAt: '2026-02-13T10:00:00+08:00' });
    // and the corrected application comes back on Wednesday 25 February at 15:00
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
    });
  });

  it('refuse to pause a paused deadline or resume a running one, without retries', async () => {
    const { deadline: started } = completed(
      await runJob(deadlineStart, { deadlineName: 'stage1', limitWorkingDays: 3, startedAt: '2026-02-12T09:00:00+08:00' }, jobContext('deadline-start')),
    );
    const { deadline: paused } = completed(await runJob(deadlinePause, { deadline: started, pausedAt: '2026-02-13T10:00:00+08:00' }, jobContext('deadline-pause')));
    const twice = await runJob(deadlinePause, { deadline: paused, pausedAt: '2026-02-13T11:00:00+08:00' }, jobContext('deadline-pause'));
    expect(twice).to.include({ kind: 'fail', retries: 0 });
    if (twice.kind === 'fail') expect(twice.errorMessage).to.match(/deadline must be running to be paused/);
    const running = await runJob(deadlineResume, { deadline: started, resumedAt: '2026-02-13T11:00:00+08:00' }, jobContext('deadline-resume'));
    expect(running).to.include({ kind: 'fail', retries: 0 });
    if (running.kind === 'fail') expect(running.errorMessage).to.match(/deadline must be paused to be resumed/);
  });

  it('refuse a deadline that is not a deadline object', async () => {
    const outcome = await runJob(deadlinePause, { deadline: { name: 'stage1' }, pausedAt: '2026-02-13T11:00:00+08:00' }, jobContext('deadline-pause'));
    expect(outcome).to.include({ kind: 'fail', retries: 0 });
    if (outcome.kind === 'fail') expect(outcome.errorMessage).to.match(/deadline\.limitWorkingMinutes is a required field/);
    const missing = await runJob(deadlineResume, { resumedAt: '2026-02-13T11:00:00+08:00' }, jobContext('deadline-resume'));
    expect(missing).to.include({ kind: 'fail', retries: 0 });
    if (missing.kind === 'fail') expect(missing.errorMessage).to.match(/deadline is a required field/);
  });
});
