import { expect } from 'chai';
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../../engine';
import { History } from '../../../engine/history';
import { serviceTaskProcess, straightThroughProcess } from '../gateway/support/bpmn';
import { bpmn } from '../../support';
import { spawnEngine } from '../../scripts/commands/engine-process';

/** Counts in a finished history file, read over a connection of the test's own. */
function historyCounts(dataDir: string) {
  const db = new Database(join(dataDir, 'history.sqlite'), { readonly: true });
  try {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      position: count('SELECT position AS n FROM exporter_position'),
      instances: count('SELECT COUNT(*) AS n FROM process_instances'),
      completed: count("SELECT COUNT(*) AS n FROM process_instances WHERE state = 'COMPLETED'"),
      elements: count('SELECT COUNT(*) AS n FROM element_instances'),
      events: count('SELECT COUNT(*) AS n FROM instance_event_log'),
      audit: count('SELECT COUNT(*) AS n FROM audit_log'),
    };
  } finally {
    db.close();
  }
}

/** What the log says history must hold. */
function logCounts(engine: Engine) {
  const records = engine.readRecords(1);
  const events = records.filter((record) => record.recordType !== 'COMMAND');
  return {
    position: records.length === 0 ? 0 : records[records.length - 1].position,
    instances: events.filter((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATING' && r.value.bpmnElementType === 'PROCESS').length,
    completed: events.filter((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && r.value.bpmnElementType === 'PROCESS').length,
    elements: events.filter((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATING').length,
    // the per-instance history leaves out elements' transitional steps and taken flows
    events: events.filter(
      (r) =>
        typeof r.value.processInstanceKey === 'string' &&
        r.value.processInstanceKey !== '-1' &&
        !(r.valueType === 'PROCESS_INSTANCE' && ['ELEMENT_ACTIVATING', 'ELEMENT_COMPLETING', 'ELEMENT_TERMINATING', 'SEQUENCE_FLOW_TAKEN'].includes(r.intent)),
    ).length,
  };
}

describe('the history exporter', function () {
  this.timeout(60_000);
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-history-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  async function runInstances(engine: Engine, count: number): Promise<void> {
    for (let index = 0; index < count; index += 1) await engine.createProcessInstance({ bpmnProcessId: 'straight' });
  }

  it('writes committed records to history.sqlite off the engine thread and reports how far it got', async () => {
    // given
    const engine = await createEngine({ dataDir });
    const history = await History.start({ dataDir, engine });
    await engine.deployResources([{ name: 'straight.bpmn', content: Buffer.from(straightThroughProcess('straight')) }], undefined, { actor: 'guan.li' });
    await runInstances(engine, 5);
    // when
    await history.caughtUp();
    const status = history.status();
    await history.close();
    // then
    const expected = logCounts(engine);
    expect(status.exporter).to.deep.include({ position: expected.position, lagRecords: 0 });
    expect(status.log.position).to.equal(expected.position);
    expect(status.log.bytes).to.be.greaterThan(0);
    expect(historyCounts(dataDir)).to.deep.include({ ...expected, audit: 6 });
    await engine.close();
  });

  it("keeps each variable's creation on its row until it changes, each change once in variable_changes, while an instance's event list still shows them in log order", async () => {
    // given an instance started with variables, one of them then changed
    const engine = await createEngine({ dataDir });
    const history = await History.start({ dataDir, engine });
    await engine.deployResources([{ name: 'work.bpmn', content: Buffer.from(serviceTaskProcess('work', 'check')) }]);
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'work', variables: { applicant: '张三', fee: 10 } });
    await engine.setVariables({ elementInstanceKey: processInstanceKey, variables: { fee: 20 }, local: false });
    // when
    await history.caughtUp();
    await history.close();
    // then instance_events holds no variable event, and the merged list equals the log's events of the instance
    const db = new Database(join(dataDir, 'history.sqlite'), { readonly: true });
    const doubled = (db.prepare("SELECT COUNT(*) AS n FROM instance_events WHERE value_type = 'VARIABLE'").get() as { n: number }).n;
    const listed = db
      .prepare('SELECT position, value_type AS valueType, intent, detail FROM instance_event_log WHERE process_instance_key = ? ORDER BY position')
      .all(processInstanceKey) as { position: number; valueType: string; intent: string; detail: string | null }[];
    const changes = db.prepare('SELECT intent, name, value FROM variable_changes WHERE process_instance_key = ? ORDER BY position').all(processInstanceKey) as { intent: string; name: string; value: string }[];
    const rows = (db.prepare('SELECT name, value, created_position AS position FROM variables WHERE process_instance_key = ? ORDER BY name').all(processInstanceKey) as { name: string; value: string; position: number | null }[]).map(
      (row) => ({ name: row.name, value: row.value, created: row.position !== null }),
    );
    const logged = db.prepare('SELECT intent, name, value FROM variable_change_log WHERE process_instance_key = ? ORDER BY position').all(processInstanceKey) as { intent: string; name: string; value: string }[];
    db.close();
    const expected = engine
      .readRecords(1)
      .filter((r) => r.recordType !== 'COMMAND' && r.value.processInstanceKey === processInstanceKey)
      .filter((r) => !(r.valueType === 'PROCESS_INSTANCE' && ['ELEMENT_ACTIVATING', 'ELEMENT_COMPLETING', 'ELEMENT_TERMINATING', 'SEQUENCE_FLOW_TAKEN'].includes(r.intent)));
    expect(doubled).to.equal(0);
    expect(listed.map((row) => `${row.position} ${row.valueType} ${row.intent}`)).to.deep.equal(expected.map((r) => `${r.position} ${r.valueType} ${r.intent}`));
    expect(listed.filter((row) => row.valueType === 'VARIABLE').map((row) => `${row.intent} ${row.detail}`)).to.deep.equal(['CREATED applicant', 'CREATED fee', 'UPDATED fee']);
    // and the unchanged variable's creation is on its row alone, the changed one's moved out with the value it set
    expect(changes.map((row) => `${row.intent} ${row.name} ${row.value}`)).to.deep.equal(['CREATED fee 10', 'UPDATED fee 20']);
    expect(rows).to.deep.equal([
      { name: 'applicant', value: '"张三"', created: true },
      { name: 'fee', value: '20', created: false },
    ]);
    expect(logged.map((row) => `${row.intent} ${row.name} ${row.value}`)).to.deep.equal(['CREATED applicant "张三"', 'CREATED fee 10', 'UPDATED fee 20']);
    await engine.close();
  });

  it("lists elements' activations and ends from their rows as the log has them, whether they end in the transaction that started them or a later one", async () => {
    // given one instance whose service task ends in a later history transaction (completed by a person) and one cancelled
    const engine = await createEngine({ dataDir });
    const history = await History.start({ dataDir, engine });
    await engine.deployResources([{ name: 'work.bpmn', content: Buffer.from(serviceTaskProcess('work', 'check')) }]);
    const completed = await engine.createProcessInstance({ bpmnProcessId: 'work', variables: { applicant: '张三' } }, { actor: 'clerk-zhang' });
    const cancelled = await engine.createProcessInstance({ bpmnProcessId: 'work' });
    await history.caughtUp();
    const [job] = await engine.activateJobs({ type: 'check', worker: 'test', timeoutMs: 60_000, maxJobsToActivate: 1 });
    await engine.completeJob(job.key, { checked: true }, { actor: 'clerk-li' });
    await engine.cancelProcessInstance(cancelled.processInstanceKey, { actor: 'clerk-wang' });
    // when
    await history.caughtUp();
    await history.close();
    // then each instance's list equals the log's events of it, field by field, and no activation or end has a row of its own
    const db = new Database(join(dataDir, 'history.sqlite'), { readonly: true });
    const ownRows = (db.prepare("SELECT COUNT(*) AS n FROM instance_events WHERE value_type = 'PROCESS_INSTANCE' AND intent IN ('ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED', 'ELEMENT_TERMINATED')").get() as { n: number }).n;
    for (const key of [completed.processInstanceKey, cancelled.processInstanceKey]) {
      const listed = db
        .prepare(
          `SELECT position, at, actor, record_type AS recordType, value_type AS valueType, intent, CAST(record_key AS TEXT) AS recordKey, element_id AS elementId
           FROM instance_event_log WHERE process_instance_key = ? ORDER BY position`,
        )
        .all(key) as Record<string, unknown>[];
      const expected = engine
        .readRecords(1)
        .filter((r) => r.recordType !== 'COMMAND' && r.value.processInstanceKey === key)
        .filter((r) => !(r.valueType === 'PROCESS_INSTANCE' && ['ELEMENT_ACTIVATING', 'ELEMENT_COMPLETING', 'ELEMENT_TERMINATING', 'SEQUENCE_FLOW_TAKEN'].includes(r.intent)))
        .map((r) => ({
          position: r.position, at: r.timestamp, actor: r.actor ?? null, recordType: r.recordType, valueType: r.valueType, intent: r.intent,
          recordKey: r.key, elementId: typeof r.value.elementId === 'string' ? r.value.elementId : null,
        }));
      expect(listed).to.deep.equal(expected);
      expect(listed.some((row) => row.intent === (key === completed.processInstanceKey ? 'ELEMENT_COMPLETED' : 'ELEMENT_TERMINATED'))).to.equal(true);
    }
    db.close();
    expect(ownRows).to.equal(0);
    await engine.close();
  });

  it("lists an instance's creation and result and its jobs' creations and completions from their rows, detail included, as the log has them", async () => {
    // given an instance awaited for its result, a job completed at once, one that failed with a message before it
    // completed, and one moved to another element by a migration before it completed
    const engine = await createEngine({ dataDir });
    const history = await History.start({ dataDir, engine });
    await engine.deployResources([
      { name: 'straight.bpmn', content: Buffer.from(straightThroughProcess('straight')) },
      { name: 'work.bpmn', content: Buffer.from(serviceTaskProcess('work', 'check')) },
    ]);
    const awaited = await engine.createProcessInstanceWithResult({ bpmnProcessId: 'straight' }, 10_000, { actor: 'clerk-zhang' });
    const direct = await engine.createProcessInstance({ bpmnProcessId: 'work' }, { actor: 'clerk-zhang' });
    const [directJob] = await engine.activateJobs({ type: 'check', worker: 'test', timeoutMs: 60_000, maxJobsToActivate: 1 });
    await engine.completeJob(directJob.key, {}, { actor: 'clerk-li' });
    const retried = await engine.createProcessInstance({ bpmnProcessId: 'work' });
    const [failing] = await engine.activateJobs({ type: 'check', worker: 'test', timeoutMs: 60_000, maxJobsToActivate: 1 });
    await engine.failJob({ jobKey: failing.key, retries: 2, errorMessage: '证照库不可用' });
    const [again] = await engine.activateJobs({ type: 'check', worker: 'test', timeoutMs: 60_000, maxJobsToActivate: 1 });
    await engine.completeJob(again.key, {});
    const moved = await engine.createProcessInstance({ bpmnProcessId: 'work' });
    await history.caughtUp();
    const target = bpmn.process('work', bpmn.start('start'), bpmn.serviceTask('checked', 'check'), bpmn.end('end'), bpmn.chain('start', 'checked', 'end'));
    await engine.deployResources([{ name: 'work-2.bpmn', content: Buffer.from(target) }]);
    const v2 = engine.readRecords(1).filter((r) => r.valueType === 'PROCESS' && r.intent === 'CREATED').at(-1)!.key;
    await engine.migrateProcessInstance({ processInstanceKey: moved.processInstanceKey, targetProcessDefinitionKey: v2, mappingInstructions: [{ sourceElementId: 'task', targetElementId: 'checked' }] });
    const [movedJob] = await engine.activateJobs({ type: 'check', worker: 'test', timeoutMs: 60_000, maxJobsToActivate: 1 });
    await engine.completeJob(movedJob.key, {}, { actor: 'clerk-wang' });
    // when
    await history.caughtUp();
    await history.close();
    // then each instance's list equals the log's events of it, field by field, a job's detail its type (and message)
    const db = new Database(join(dataDir, 'history.sqlite'), { readonly: true });
    const detailOf = (r: { valueType: string; value: Record<string, unknown> }) =>
      r.valueType === 'JOB' ? [r.value.type, r.value.errorMessage].filter(Boolean).join(' — ') || null : r.valueType.startsWith('PROCESS_INSTANCE_') ? null : undefined;
    for (const key of [awaited.processInstanceKey, direct.processInstanceKey, retried.processInstanceKey, moved.processInstanceKey]) {
      const listed = (
        db
          .prepare(
            `SELECT position, at, actor, record_type AS recordType, value_type AS valueType, intent, CAST(record_key AS TEXT) AS recordKey, element_id AS elementId, detail
             FROM instance_event_log WHERE process_instance_key = ? ORDER BY position`,
          )
          .all(key) as (Record<string, unknown> & { valueType: string; detail: unknown })[]
      ).map((row) => ({ ...row, detail: detailOf({ valueType: row.valueType, value: {} }) === undefined ? undefined : row.detail }));
      const expected = engine
        .readRecords(1)
        .filter((r) => r.recordType !== 'COMMAND' && r.value.processInstanceKey === key)
        .filter((r) => !(r.valueType === 'PROCESS_INSTANCE' && ['ELEMENT_ACTIVATING', 'ELEMENT_COMPLETING', 'ELEMENT_TERMINATING', 'SEQUENCE_FLOW_TAKEN'].includes(r.intent)))
        .map((r) => ({
          position: r.position, at: r.timestamp, actor: r.actor ?? null, recordType: r.recordType, valueType: r.valueType, intent: r.intent,
          recordKey: r.key, elementId: typeof r.value.elementId === 'string' ? r.value.elementId : null, detail: detailOf(r),
        }));
      expect(listed).to.deep.equal(expected);
    }
    // and only the events a row cannot say as the log does have rows of their own: the completion that carries the
    // failure's message, and the moved job's creation (kept under the element it happened at)
    const own = db
      .prepare("SELECT value_type AS valueType, intent, element_id AS elementId, detail FROM instance_events WHERE value_type IN ('JOB', 'PROCESS_INSTANCE_CREATION', 'PROCESS_INSTANCE_RESULT') AND intent IN ('CREATED', 'COMPLETED') ORDER BY position")
      .all();
    db.close();
    expect(own).to.deep.equal([
      { valueType: 'JOB', intent: 'COMPLETED', elementId: 'task', detail: 'check — 证照库不可用' },
      { valueType: 'JOB', intent: 'CREATED', elementId: 'task', detail: 'check' },
    ]);
    await engine.close();
  });

  it('gathers a burst of commits into transactions and still leaves history complete, both for a reader and when it stops', async () => {
    // given a burst: 40 instances started at once, so commits follow each other while the exporter gathers
    const engine = await createEngine({ dataDir });
    const history = await History.start({ dataDir, engine, consistencyWaitMs: 10_000 });
    await engine.deployResources([{ name: 'straight.bpmn', content: Buffer.from(straightThroughProcess('straight')) }]);
    await Promise.all(Array.from({ length: 40 }, () => engine.createProcessInstance({ bpmnProcessId: 'straight' })));
    // when a reader waits for its writes
    await history.caughtUp();
    const seen = (history.db.prepare("SELECT COUNT(*) AS n FROM process_instances WHERE state = 'COMPLETED'").get() as { n: number }).n;
    // and another burst is followed at once by a stop
    await Promise.all(Array.from({ length: 40 }, () => engine.createProcessInstance({ bpmnProcessId: 'straight' })));
    await history.close();
    // then the reader saw the whole first burst, and the stopped exporter wrote all it had gathered
    expect(seen).to.equal(40);
    expect(historyCounts(dataDir)).to.deep.include(logCounts(engine));
    await engine.close();
  });

  it("names a process deployed in the middle of a burst after its own elements, though the exporter streams the burst's batches through one transaction", async () => {
    // given a burst of instances of one process, and while it runs a second process with named elements is
    // deployed and started, so its deployment lands between batches the exporter gathers into one transaction
    const engine = await createEngine({ dataDir });
    const history = await History.start({ dataDir, engine, consistencyWaitMs: 10_000 });
    await engine.deployResources([{ name: 'straight.bpmn', content: Buffer.from(straightThroughProcess('straight')) }]);
    const named = bpmn.process('named', bpmn.start('start', '', { name: '收件' }), bpmn.end('end', '', { name: '办结' }), bpmn.chain('start', 'end'));
    const burst = Array.from({ length: 30 }, () => engine.createProcessInstance({ bpmnProcessId: 'straight' }));
    await engine.deployResources([{ name: 'named.bpmn', content: Buffer.from(named) }]);
    burst.push(...Array.from({ length: 30 }, (_, index) => engine.createProcessInstance({ bpmnProcessId: index % 2 === 0 ? 'named' : 'straight' })));
    await Promise.all(burst);
    // when
    await history.caughtUp();
    const names = history.db
      .prepare("SELECT element_id AS id, element_name AS name, COUNT(*) AS n FROM element_instances WHERE process_definition_id = 'named' AND type <> 'PROCESS' GROUP BY 1, 2 ORDER BY 1")
      .all();
    await history.close();
    // then every element of the new process carries its name, and history holds the whole log
    expect(names).to.deep.equal([
      { id: 'end', name: '办结', n: 15 },
      { id: 'start', name: '收件', n: 15 },
    ]);
    expect(historyCounts(dataDir)).to.deep.include(logCounts(engine));
    await engine.close();
  });

  it('catches up after a restart with what was committed while it was not running', async () => {
    // given history stopped after 3 instances, and 4 more committed without it
    let engine = await createEngine({ dataDir });
    let history = await History.start({ dataDir, engine });
    await engine.deployResources([{ name: 'straight.bpmn', content: Buffer.from(straightThroughProcess('straight')) }]);
    await runInstances(engine, 3);
    await history.caughtUp();
    await history.close();
    await runInstances(engine, 4);
    await engine.close();
    expect(historyCounts(dataDir).instances).to.equal(3);
    // when
    engine = await createEngine({ dataDir });
    history = await History.start({ dataDir, engine });
    await history.exporter.waitFor(history.exporter.logPosition, 10_000);
    await history.close();
    // then
    expect(historyCounts(dataDir)).to.deep.include(logCounts(engine));
    await engine.close();
  });

  it('rebuilds a deleted history.sqlite from the log, printing progress lines', async () => {
    // given
    let engine = await createEngine({ dataDir });
    let history = await History.start({ dataDir, engine });
    await engine.deployResources([{ name: 'straight.bpmn', content: Buffer.from(straightThroughProcess('straight')) }]);
    await runInstances(engine, 6);
    await history.caughtUp();
    await history.close();
    const before = historyCounts(dataDir);
    await engine.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `history.sqlite${suffix}`), { force: true });
    // when
    const lines: string[] = [];
    engine = await createEngine({ dataDir });
    history = await History.start({ dataDir, engine, onProgress: (line) => lines.push(line) });
    await history.exporter.waitFor(history.exporter.logPosition, 10_000);
    await history.close();
    // then
    expect(lines[0]).to.match(/rebuilding history\.sqlite from the record log/);
    expect(historyCounts(dataDir)).to.deep.equal(before);
    await engine.close();
  });

  it('converges to the log after the engine is killed with -9 while the exporter writes: nothing lost, nothing twice', async () => {
    // given a child engine under load
    const child = spawnEngine(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir]);
    const { rest } = await child.ready;
    const deployment = new FormData();
    deployment.append('resources', new Blob([serviceTaskProcess('work', 'never-done')]), 'work.bpmn');
    expect((await fetch(`${rest}/v2/deployments`, { method: 'POST', body: deployment })).status).to.equal(200);
    const load = (async () => {
      for (;;) {
        const answers = await Promise.allSettled(
          Array.from({ length: 8 }, () =>
            fetch(`${rest}/v2/process-instances`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ processDefinitionId: 'work' }) }),
          ),
        );
        if (answers.some((answer) => answer.status === 'rejected')) return;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // when
    child.child.kill('SIGKILL');
    await child.exited;
    await load;
    expect(existsSync(join(dataDir, 'history.sqlite'))).to.equal(true);
    const engine = await createEngine({ dataDir });
    const history = await History.start({ dataDir, engine });
    await history.exporter.waitFor(history.exporter.logPosition, 20_000);
    await history.close();
    // then
    const expected = logCounts(engine);
    expect(expected.instances).to.be.greaterThan(10);
    const found = historyCounts(dataDir);
    expect(found).to.deep.include(expected);
    const creations = engine.readRecords(1).filter((r) => r.valueType === 'PROCESS_INSTANCE_CREATION' && r.recordType === 'EVENT').length;
    expect(found.audit).to.equal(creations + 1);
    await engine.close();
  });
});
