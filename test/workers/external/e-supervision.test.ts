import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BusinessCalendar } from '../../../workers/calendar';
import { RetryableFailure } from '../../../workers/define-worker';
import { resolveESupervision, SimulatedESupervision, simulatedSupervisionRecords } from '../../../workers/external/e-supervision';
import { DEFAULT_WARN_RULE, startDeadline } from '../../../workers/lights';

const deadline = startDeadline({ name: 'stage2', limitWorkingMinutes: 4200, startedAt: '2025-09-29T09:00:00+08:00' }, new BusinessCalendar(), DEFAULT_WARN_RULE);
const settings = { maxDelayMs: 0, failureRate: 0, random: () => 0.25 };

describe('the simulated e-supervision system', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'onego-supervision-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('keeps each overdue record in memory and appends it as a JSON line to the file', async () => {
    // given a system writing to a file
    const file = path.join(folder, 'supervision.jsonl');
    const system = new SimulatedESupervision({ settings, file, now: () => new Date('2025-10-20T01:00:00Z') });
    // when two overdue steps are recorded
    const first = await system.recordOverdue({ caseId: 'GC-1', department: 'natural-resources', deadline });
    await system.recordOverdue({ caseId: 'GC-2', department: 'housing-construction', deadline });
    // then both are kept, in order, and the file holds the same two lines
    expect(first).to.deep.equal({
      recordId: 'DZJC-20251020-22222222',
      kind: 'overdue',
      caseId: 'GC-1',
      department: 'natural-resources',
      deadlineName: 'stage2',
      limitWorkingMinutes: 4200,
      consumedWorkingMinutes: 0,
      startedAt: '2025-09-29T09:00:00+08:00',
      dueAt: deadline.dueAt,
      recordedAt: '2025-10-20T09:00:00+08:00',
    });
    expect(system.records.map((record) => record.caseId)).to.deep.equal(['GC-1', 'GC-2']);
    const lines = (await readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).to.deep.equal(system.records);
  });

  it('fails transiently at the configured rate, recording nothing', async () => {
    const system = new SimulatedESupervision({ settings: { maxDelayMs: 0, failureRate: 0.5, random: () => 0.1 } });
    const failure = await system.recordOverdue({ caseId: 'GC-1', department: 'tax', deadline }).catch((error: unknown) => error);
    expect(failure).to.be.instanceOf(RetryableFailure);
    expect(system.records).to.have.length(0);
  });

  it('is chosen by ONEGO_EXTERNAL_E_SUPERVISION and shares its records in the process', async () => {
    const before = simulatedSupervisionRecords().length;
    const config = { env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '0' }, random: () => 0.5 };
    await resolveESupervision(config).recordOverdue({ caseId: 'GC-3', department: 'tax', deadline });
    await resolveESupervision(config).recordOverdue({ caseId: 'GC-4', department: 'tax', deadline });
    expect(simulatedSupervisionRecords().slice(before).map((record) => record.caseId)).to.deep.equal(['GC-3', 'GC-4']);
    expect(() => resolveESupervision({ ...config, env: { ONEGO_EXTERNAL_E_SUPERVISION: 'provincial' } })).to.throw(
      /Expected ONEGO_EXTERNAL_E_SUPERVISION to name one of simulated, but it is 'provincial'/,
    );
  });
});
