import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BusinessCalendar } from '../../../workers/calendar';
import supervisionRecord from '../../../workers/jobs/supervision-record';
import { DEFAULT_WARN_RULE, startDeadline } from '../../../workers/lights';
import { runJob } from '../../../workers/run-job';
import { jobContext } from './job-context';

const deadline = startDeadline({ name: 'stage1', limitWorkingMinutes: 420, startedAt: '2025-09-30T09:00:00+08:00' }, new BusinessCalendar(), DEFAULT_WARN_RULE);

describe('the supervision-record worker', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'onego-supervision-job-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('records the overdue step and answers the record id', async () => {
    // given the simulated system writing to a file, without delays or failures
    const file = path.join(folder, 'records.jsonl');
    const env = { ONEGO_SUPERVISION_FILE: file, ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '0' };
    // when a red light's job runs
    const outcome = await runJob(supervisionRecord, { deadline, caseId: 'GC-2025-7', department: 'natural-resources' }, jobContext('supervision-record', env));
    // then the record is on file under the id the job answers
    expect(outcome.kind).to.equal('complete');
    if (outcome.kind !== 'complete') return;
    const id = outcome.variables.supervisionRecordId as string;
    expect(id).to.match(/^DZJC-\d{8}-\d{8}$/);
    const [line] = (await readFile(file, 'utf8')).trim().split('\n').map((text) => JSON.parse(text));
    expect(line).to.include({ recordId: id, caseId: 'GC-2025-7', department: 'natural-resources', deadlineName: 'stage1', dueAt: '2025-09-30T17:30:00+08:00' });
  });

  it('fails with a retry left when the system is unavailable', async () => {
    const env = { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '1' };
    const outcome = await runJob(supervisionRecord, { deadline, caseId: 'GC-2025-7', department: 'natural-resources' }, jobContext('supervision-record', env, 3));
    expect(outcome).to.include({ kind: 'fail', retries: 2 });
  });

  it('refuses a job without a department', async () => {
    const outcome = await runJob(supervisionRecord, { deadline, caseId: 'GC-2025-7' }, jobContext('supervision-record'));
    expect(outcome).to.include({ kind: 'fail', retries: 0 });
    if (outcome.kind === 'fail') expect(outcome.errorMessage).to.match(/department is a required field/);
  });
});
