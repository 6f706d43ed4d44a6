import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runJob } from '../../../workers/run-job';
import deadlineRecompute from '../../../workers/jobs/deadline-recompute';
import { calendarFromEnv, importCalendarYear } from '../../../workers/calendar';
import { DEFAULT_WARN_RULE, pauseDeadline, startDeadline } from '../../../workers/lights';
import { jobContext } from './job-context';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../calendar/fixtures');

describe('the deadline-recompute worker', () => {
  let folder: string;
  let env: Record<string, string>;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'onego-recompute-'));
    env = { ONEGO_CALENDAR_DIRS: folder };
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const start = (startedAt: string, days: number) => startDeadline({ name: 'case', limitWorkingMinutes: days * 420, startedAt }, calendarFromEnv(env), DEFAULT_WARN_RULE);

  it('moves a provisional deadline once its year is on file, and says why', async () => {
    // given a 15-working-day deadline from 20 December 2026, provisional for 2027
    const deadline = start('2026-12-20T10:00:00+08:00', 15);
    expect(deadline.provisional).to.equal(true);
    // when the FICTIONAL 2027 test notice is imported and the job runs with the signal's variable
    importCalendarYear({ year: 2027, text: readFileSync(path.join(fixtures, 'FICTIONAL-notice-2027.txt'), 'utf8'), folder });
    const outcome = await runJob(deadlineRecompute, { deadline, calendarUpdate: { year: 2027, importedBy: 'guan.li' } }, jobContext('deadline-recompute', env));
    // then it moved past the fictional 1–3 January holiday and is no longer provisional
    expect(outcome.kind).to.equal('complete');
    if (outcome.kind !== 'complete') return;
    expect(outcome.variables.deadlineMoved).to.equal(true);
    expect(outcome.variables.deadline).to.include({ dueAt: '2027-01-11T17:30:00+08:00', provisional: false, recomputedBecause: '2027年节假日安排由guan.li导入后重算' });
  });

  it('leaves a deadline the new year does not touch as it was', async () => {
    const deadline = start('2026-11-02T09:00:00+08:00', 5);
    const outcome = await runJob(deadlineRecompute, { deadline, calendarUpdate: null }, jobContext('deadline-recompute', env));
    expect(outcome).to.deep.equal({ kind: 'complete', variables: { deadline, deadlineMoved: false } });
  });

  it('leaves a paused deadline for its resume to recompute', async () => {
    const paused = pauseDeadline(start('2026-12-20T10:00:00+08:00', 15), '2026-12-22T10:00:00+08:00', calendarFromEnv(env));
    const outcome = await runJob(deadlineRecompute, { deadline: paused }, jobContext('deadline-recompute', env));
    expect(outcome).to.deep.equal({ kind: 'complete', variables: { deadline: paused, deadlineMoved: false } });
  });
});
