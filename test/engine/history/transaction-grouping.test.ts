import { expect } from 'chai';
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../../engine';
import type { EngineRecord } from '../../../engine/api';
import { openHistoryDatabase } from '../../../engine/history';
import { HistoryWriter } from '../../../engine/history/history-writer';
import { RecordSelection } from '../../../engine/history/record-selection';
import { serviceTaskProcess } from '../gateway/support/bpmn';
import { bpmn } from '../../support';

/** Every row of every history table (the exported position's timestamp aside), in a fixed order. */
function everyRow(db: Database.Database): Record<string, unknown[]> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'exporter_position' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
  return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM ${table}`).all().map((row) => JSON.stringify(row, (_, value) => (typeof value === 'bigint' ? String(value) : value))).sort()]));
}

/** Writes `records` into a fresh history file, `perTransaction` records per writer transaction. */
async function exported(dir: string, name: string, records: EngineRecord[], perTransaction: number): Promise<Database.Database> {
  const db = openHistoryDatabase(join(dir, name));
  db.defaultSafeIntegers(true);
  const writer = new HistoryWriter(db);
  const selected = new RecordSelection().select(records, 0);
  for (let start = 0; start < selected.length; start += perTransaction) {
    const slice = selected.slice(start, start + perTransaction);
    await writer.prepare(slice);
    writer.write(slice, slice[slice.length - 1].position);
  }
  return db;
}

/*
 * The exporter holds rows started in its current transaction (elements, instances, jobs) and writes each
 * once in its final state; rows of work that spans transactions are inserted and then updated. Either way
 * history must come out the same: here the same log is exported in one transaction and one record at a time.
 */
describe('history is the same however the exporter groups records into transactions', function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'onego-history-grouping-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('jobs that fail, are retried and complete, and instances cancelled or finished, give the same rows in every table', async () => {
    // given a log with a job that fails once (with a message) before it completes, one completed at once, and a cancelled instance
    const engine = await createEngine({ dataDir: join(dir, 'engine') });
    await engine.deployResources([{ name: 'work.bpmn', content: Buffer.from(serviceTaskProcess('work', 'check')) }]);
    const retried = await engine.createProcessInstance({ bpmnProcessId: 'work', variables: { applicant: '张三' } }, { actor: 'clerk-zhang' });
    const [first] = await engine.activateJobs({ type: 'check', worker: 'worker-a', timeoutMs: 60_000, maxJobsToActivate: 1 });
    await engine.failJob({ jobKey: first.key, retries: 2, errorMessage: '证照库不可用' });
    const [again] = await engine.activateJobs({ type: 'check', worker: 'worker-b', timeoutMs: 60_000, maxJobsToActivate: 1 });
    await engine.completeJob(again.key, { checked: true }, { actor: 'clerk-li' });
    await engine.createProcessInstance({ bpmnProcessId: 'work' });
    const [direct] = await engine.activateJobs({ type: 'check', worker: 'worker-a', timeoutMs: 60_000, maxJobsToActivate: 1 });
    await engine.completeJob(direct.key, {});
    const cancelled = await engine.createProcessInstance({ bpmnProcessId: 'work' });
    await engine.cancelProcessInstance(cancelled.processInstanceKey, { actor: 'clerk-wang' });
    // and an instance migrated to another element while its job waits, then finished with its result awaited
    const moved = await engine.createProcessInstance({ bpmnProcessId: 'work' });
    const target = bpmn.process('work', bpmn.start('start'), bpmn.serviceTask('checked', 'check'), bpmn.end('end'), bpmn.chain('start', 'checked', 'end'));
    await engine.deployResources([{ name: 'work-2.bpmn', content: Buffer.from(target) }]);
    const v2 = engine.readRecords(1).filter((r) => r.valueType === 'PROCESS' && r.intent === 'CREATED').at(-1)!.key;
    await engine.migrateProcessInstance({ processInstanceKey: moved.processInstanceKey, targetProcessDefinitionKey: v2, mappingInstructions: [{ sourceElementId: 'task', targetElementId: 'checked' }] });
    const [movedJob] = await engine.activateJobs({ type: 'check', worker: 'worker-a', timeoutMs: 60_000, maxJobsToActivate: 1 });
    await engine.completeJob(movedJob.key, {}, { actor: 'clerk-li' });
    const awaited = engine.createProcessInstanceWithResult({ bpmnProcessId: 'work' }, 10_000, { actor: 'clerk-zhang' });
    await engine.whenIdle();
    const [awaitedJob] = await engine.activateJobs({ type: 'check', worker: 'worker-a', timeoutMs: 60_000, maxJobsToActivate: 1 });
    await engine.completeJob(awaitedJob.key, {});
    await awaited;
    const records = engine.readRecords(1);
    await engine.close();

    // when the same records are exported in one transaction, and one record per transaction
    const together = await exported(dir, 'together.sqlite', records, Number.MAX_SAFE_INTEGER);
    const apart = await exported(dir, 'apart.sqlite', records, 1);

    // then every table holds the same rows
    const rows = everyRow(together);
    expect(rows).to.deep.equal(everyRow(apart));
    const jobs = together.prepare('SELECT CAST(process_instance_key AS TEXT) AS instance, worker, state, retries, error_message AS message FROM jobs ORDER BY job_key').all();
    expect(jobs).to.deep.include({ instance: retried.processInstanceKey, worker: 'worker-b', state: 'COMPLETED', retries: 2n, message: '证照库不可用' });
    expect(jobs.map((job) => (job as { state: string }).state)).to.have.members(['COMPLETED', 'COMPLETED', 'CANCELED', 'COMPLETED', 'COMPLETED']);
    // the moved job's creation kept its own row under the element it was created at; the result is on its instance's row
    expect(rows.instance_events.filter((row) => (row as string).includes('"value_type":"JOB","intent":"CREATED"'))).to.have.length(1);
    expect(together.prepare('SELECT COUNT(*) AS n FROM process_instances WHERE result_position IS NOT NULL').get()).to.deep.equal({ n: 1n });
    together.close();
    apart.close();
  });
});
