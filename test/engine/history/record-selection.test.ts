import { expect } from 'chai';
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../../engine';
import type { EngineRecord } from '../../../engine/api';
import { openHistoryDatabase } from '../../../engine/history/history-schema';
import { HistoryWriter } from '../../../engine/history/history-writer';
import { historyReads, RecordSelection, takenFlowOf } from '../../../engine/history/record-selection';
import { BatchEncoder } from '../../../engine/log/batch-encoder';
import { bpmn } from '../../support';
import { errorBoundaryProcess, messageCatchProcess, serviceTaskProcess, straightThroughProcess } from '../gateway/support/bpmn';

const { process, start, end, userTask, chain } = bpmn;

/** Every table of a history file, row by row, sorted (the position's write time left out). */
function tablesOf(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'exporter_position' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
    const result: Record<string, unknown[]> = { position: db.prepare('SELECT position FROM exporter_position').all() };
    for (const table of tables) result[table] = (db.prepare(`SELECT * FROM ${table}`).all() as unknown[]).map((row) => JSON.stringify(row)).sort();
    return result;
  } finally {
    db.close();
  }
}

/** Writes `records` into a new history file in transactions of `perTransaction` log batches of `perBatch` records. */
async function writeHistory(file: string, records: EngineRecord[], options: { perBatch: number; perTransaction: number; selectEncoded: boolean }): Promise<void> {
  const db = openHistoryDatabase(file);
  const writer = new HistoryWriter(db);
  const selection = new RecordSelection();
  const encoder = new BatchEncoder();
  const batches: EngineRecord[][] = [];
  for (let index = 0; index < records.length; index += options.perBatch) batches.push(records.slice(index, index + options.perBatch));
  for (let index = 0; index < batches.length; index += options.perTransaction) {
    const group = batches.slice(index, index + options.perTransaction);
    const selected: EngineRecord[] = [];
    for (const batch of group) {
      if (options.selectEncoded) {
        const json = encoder.encode(batch);
        selected.push(...selection.selectEncoded(Buffer.from(json), encoder.itemEnds(), writer.position));
      } else selected.push(...batch.filter((record) => record.position > writer.position));
    }
    await writer.prepare(selected);
    const last = group[group.length - 1];
    writer.write(selected, last[last.length - 1].position);
  }
  db.close();
}

/** A log with most kinds of history rows: jobs done and failed, an incident resolved, an error caught, a message, user tasks, a cancel, variables. */
async function varietyOfCases(engine: Engine): Promise<void> {
  const actor = { actor: 'qin.yue' };
  await engine.deployResources(
    [
      { name: 'straight.bpmn', content: Buffer.from(straightThroughProcess('straight')) },
      { name: 'work.bpmn', content: Buffer.from(serviceTaskProcess('work', 'work')) },
      { name: 'guarded.bpmn', content: Buffer.from(errorBoundaryProcess('guarded', 'risky', 'NOPE')) },
      { name: 'waiting.bpmn', content: Buffer.from(messageCatchProcess('waiting', 'paid', 'caseNo')) },
      { name: 'review.bpmn', content: Buffer.from(process('review', start('start'), userTask('task', { candidateGroups: 'dept-a' }), end('end'), chain('start', 'task', 'end'))) },
    ],
    undefined,
    actor,
  );
  await engine.createProcessInstanceWithResult({ bpmnProcessId: 'straight', variables: { caseId: 'A-1', caseTitle: '营业执照' } }, 10_000);
  const work = await Promise.all([1, 2, 3].map((n) => engine.createProcessInstance({ bpmnProcessId: 'work', variables: { caseId: `W-${n}`, fee: n } }, actor)));
  const jobs = await engine.activateJobs({ type: 'work', worker: 'clerk', timeoutMs: 60_000, maxJobsToActivate: 3 });
  expect(jobs).to.have.length(3);
  await engine.completeJob(jobs[0].key, { approved: true });
  await engine.failJob({ jobKey: jobs[1].key, retries: 0, errorMessage: 'no stamp' });
  await engine.cancelProcessInstance(work[2].processInstanceKey, actor);
  await engine.createProcessInstance({ bpmnProcessId: 'guarded' });
  const [risky] = await engine.activateJobs({ type: 'risky', worker: 'clerk', timeoutMs: 60_000, maxJobsToActivate: 1 });
  await engine.throwError({ jobKey: risky.key, errorCode: 'NOPE', errorMessage: 'refused' });
  await engine.createProcessInstance({ bpmnProcessId: 'waiting', variables: { caseNo: 'M-1' } });
  await engine.publishMessage({ name: 'paid', correlationKey: 'M-1', timeToLiveMs: 0, variables: { paidAt: 'today' } }, actor);
  await engine.createProcessInstance({ bpmnProcessId: 'review', variables: { caseId: 'R-1' } }, actor);
  await engine.createProcessInstance({ bpmnProcessId: 'review', variables: { caseId: 'R-2' } }, actor);
  const incident = engine.readRecords(1).find((record) => record.valueType === 'INCIDENT' && record.intent === 'CREATED')!;
  await engine.updateJobRetries(jobs[1].key, 1, actor);
  await engine.resolveIncident(incident.key, actor);
  const tasks = engine.readRecords(1).filter((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED');
  await engine.assignUserTask(tasks[0].key, 'qin.yue', {}, actor);
  await engine.completeUserTask(tasks[0].key, { decision: '准予' }, undefined, actor);
  await engine.setVariables({ elementInstanceKey: work[1].processInstanceKey, variables: { note: '补正' }, local: false }, actor);
  await engine.assignUserTask('999', 'nobody', {}, actor).catch(() => undefined); // a rejected operation, audited as FAIL
}

describe('the records history reads', function () {
  this.timeout(60_000);
  let dataDir: string;
  let records: EngineRecord[];

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onego-record-selection-'));
    const engine = await createEngine({ dataDir: join(dataDir, 'engine') });
    await varietyOfCases(engine);
    records = engine.readRecords(1);
    await engine.close();
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('leaves out a good part of the log: the engine\'s own commands and transitional steps', () => {
    const read = records.filter((record) => historyReads(record.recordType, record.valueType, record.intent));
    expect(read.length).to.be.lessThan(records.length * 0.8);
    expect(records.filter((record) => record.recordType === 'COMMAND_REJECTION').every((record) => historyReads(record.recordType, record.valueType, record.intent))).to.equal(true);
  });

  it('gives the same history as every record, whether picked from parsed records or from encoded bytes, in small or large transactions', async () => {
    // given history written from every record, one record per transaction (nothing held back between records)
    await writeHistory(join(dataDir, 'all.sqlite'), records, { perBatch: 1, perTransaction: 1, selectEncoded: false });
    const expected = tablesOf(join(dataDir, 'all.sqlite'));
    expect(expected.audit_log.length).to.be.greaterThan(10);
    expect(expected.user_tasks).to.have.length(2);
    expect(expected.incidents).to.have.length(1);
    // when written from the picked records only, as the exporter thread picks them
    await writeHistory(join(dataDir, 'encoded-small.sqlite'), records, { perBatch: 3, perTransaction: 1, selectEncoded: true });
    await writeHistory(join(dataDir, 'encoded-large.sqlite'), records, { perBatch: 40, perTransaction: 50, selectEncoded: true });
    await writeHistory(join(dataDir, 'all-large.sqlite'), records, { perBatch: 40, perTransaction: 50, selectEncoded: false });
    // then every table holds the same rows
    expect(tablesOf(join(dataDir, 'encoded-small.sqlite'))).to.deep.equal(expected);
    expect(tablesOf(join(dataDir, 'encoded-large.sqlite'))).to.deep.equal(expected);
    expect(tablesOf(join(dataDir, 'all-large.sqlite'))).to.deep.equal(expected);
  });

  it("keeps an audited command's outcome even when it is a kind history otherwise skips", () => {
    // given a user operation whose first follow-up is one of the engine's own commands
    const command = { position: 10, key: '1', recordType: 'COMMAND', valueType: 'PROCESS_INSTANCE', intent: 'CANCEL', value: {}, timestamp: 1, sourceRecordPosition: -1 };
    const followUp = { position: 11, key: '1', recordType: 'COMMAND', valueType: 'PROCESS_INSTANCE', intent: 'TERMINATE_ELEMENT', value: {}, timestamp: 1, sourceRecordPosition: 10 };
    const later = { position: 12, key: '1', recordType: 'COMMAND', valueType: 'PROCESS_INSTANCE', intent: 'TERMINATE_ELEMENT', value: {}, timestamp: 1, sourceRecordPosition: 11 };
    const batch = [command, followUp, later] as EngineRecord[];
    const encoder = new BatchEncoder();
    const json = Buffer.from(encoder.encode(batch));
    // when
    const fromEncoded = new RecordSelection().selectEncoded(json, encoder.itemEnds(), 0).map((record) => record.position);
    const fromParsed = new RecordSelection().select(batch, 0).map((record) => record.position);
    // then
    expect(fromEncoded).to.deep.equal([10, 11]);
    expect(fromParsed).to.deep.equal([10, 11]);
    expect(new RecordSelection().selectEncoded(json, encoder.itemEnds(), 10).map((record) => record.position)).to.deep.equal([]);
  });

  it("reads a taken sequence flow's instance and id without parsing its value, and falls back to parsing when the id has an escaped character", () => {
    // given flows as the engine writes them: one with Chinese ids, one whose id needs an escape in JSON
    const flow = (position: number, bpmnProcessId: string, elementId: string): EngineRecord => ({
      position, key: String(2251799813685300 + position), recordType: 'EVENT', valueType: 'PROCESS_INSTANCE', intent: 'SEQUENCE_FLOW_TAKEN',
      value: { bpmnProcessId, version: 2, processDefinitionKey: '2251799813685249', processInstanceKey: '2251799813685251', elementId, flowScopeKey: '2251799813685251', bpmnElementType: 'SEQUENCE_FLOW' },
      timestamp: 1_767_225_600_000, sourceRecordPosition: position - 1,
    });
    const records = [flow(21, '营业执照-办理', '流程线_到审批'), flow(22, 'permit', 'to "review"')];
    const encoder = new BatchEncoder();
    const json = Buffer.from(encoder.encode(records));
    // when
    const selected = new RecordSelection().selectEncoded(json, encoder.itemEnds(), 0);
    // then both give the instance and flow id the value holds, and each equals its record, value included
    expect(selected.map(takenFlowOf)).to.deep.equal([
      { processInstanceKey: '2251799813685251', elementId: '流程线_到审批' },
      { processInstanceKey: '2251799813685251', elementId: 'to "review"' },
    ]);
    expect((selected[0] as { flow?: unknown }).flow).to.not.equal(undefined);
    selected.forEach((record, index) => expect({ ...record, value: record.value }).to.deep.equal(records[index]));
  });

  it("reads an element's activation and end from their head and tail, and the value, when asked, as parsing gives it", () => {
    // given element events with and without an actor (with characters JSON escapes), and one with a rejection's tail
    const value = { bpmnElementType: 'SERVICE_TASK', elementId: 'check', processInstanceKey: '2251799813685250', flowScopeKey: '2251799813685250' };
    const records: EngineRecord[] = [
      { position: 11, key: '2251799813685260', recordType: 'EVENT', valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_ACTIVATED', value, timestamp: 1_767_225_600_000, sourceRecordPosition: 9 },
      { position: 14, key: '2251799813685261', recordType: 'EVENT', valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_ACTIVATED', value, timestamp: 0, sourceRecordPosition: -1 },
      { position: 12, key: '2251799813685260', recordType: 'EVENT', valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_COMPLETED', value, timestamp: 1_767_225_600_500, sourceRecordPosition: 10, actor: '张三 "窗口\\1"' },
      { position: 13, key: '2251799813685250', recordType: 'EVENT', valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_TERMINATED', value, timestamp: 1_767_225_601_000, sourceRecordPosition: 12, actor: 'x', rejectionType: 'INVALID_STATE', rejectionReason: 'odd' },
    ];
    const encoder = new BatchEncoder();
    const json = Buffer.from(encoder.encode(records));
    // when
    const selected = new RecordSelection().selectEncoded(json, encoder.itemEnds(), 0);
    // then each equals its record, field by field, value included
    expect(selected).to.have.length(4);
    selected.forEach((record, index) => expect({ ...record, value: record.value }).to.deep.equal(records[index]));
  });

  it("builds a job's events, a variable's creation and an element's activation from their bytes as parsing gives them, and parses any other shape", () => {
    // given jobs with and without variables and headers (and an error message with escapes), variables as the engine writes them
    // (Chinese names and text, escapes, an actor) and activations with and without a business id
    const variable = (position: number, name: string, json: string, actor?: string): EngineRecord => ({
      position, key: String(2251799813685400 + position), recordType: 'EVENT', valueType: 'VARIABLE', intent: position % 2 === 0 ? 'CREATED' : 'UPDATED',
      value: { name, value: json, scopeKey: '2251799813685251', processInstanceKey: '2251799813685251', processDefinitionKey: '2251799813685249', bpmnProcessId: '营业执照', tenantId: '<default>' },
      timestamp: 1_767_225_600_000 + position, sourceRecordPosition: position - 1, ...(actor === undefined ? {} : { actor }),
    });
    const activating = (position: number, extra: Record<string, unknown> = {}): EngineRecord => ({
      position, key: String(2251799813685500 + position), recordType: 'EVENT', valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_ACTIVATING',
      value: {
        bpmnProcessId: 'permit', version: 3, processDefinitionKey: '2251799813685249', processInstanceKey: '2251799813685251', elementId: '审批', flowScopeKey: '-1',
        bpmnElementType: 'PROCESS', bpmnEventType: 'UNSPECIFIED', parentProcessInstanceKey: '-1', parentElementInstanceKey: '-1', tenantId: '<default>', ...extra,
      },
      timestamp: 1_767_225_600_000, sourceRecordPosition: position - 1,
    });
    const job = (position: number, intent: string, extra: Record<string, unknown> = {}): EngineRecord => ({
      position, key: '2251799813685600', recordType: 'EVENT', valueType: 'JOB', intent,
      value: {
        type: 'register', worker: 'clerk', retries: 3, retryBackoff: 0, recurringTime: -1, deadline: 1_767_225_660_000, timeout: -1, errorMessage: '', errorCode: '',
        customHeaders: {}, variables: {}, elementId: '登记', elementInstanceKey: '2251799813685599', processInstanceKey: '2251799813685251', bpmnProcessId: 'permit',
        processDefinitionVersion: 1, processDefinitionKey: '2251799813685249', tenantId: '<default>', jobKind: 'BPMN_ELEMENT', listenerEventType: 'UNSPECIFIED', ...extra,
      },
      timestamp: 1_767_225_600_000, sourceRecordPosition: position - 1,
    });
    const records = [
      job(20, 'CREATED'),
      job(21, 'COMPLETED', { customHeaders: { form: '审批', step: '2' }, variables: { note: '},"elementId":"x', nested: { list: [1, { a: null }], ok: true }, text: '王 "伟"' } }),
      job(22, 'FAILED', { errorMessage: 'no "stamp"\nretry', retries: 0 }),
      { ...job(23, 'COMPLETED'), actor: '张三' },
      variable(30, 'applicant', JSON.stringify('王伟')),
      variable(31, '地址', JSON.stringify({ line: 'a "quoted" \\ path\n', n: [1, 2.5, null] }), '张三 "窗口"'),
      variable(32, 'say "hi"', '42'),
      variable(38, 'empty', JSON.stringify('')),
      variable(40, 'ends with a backslash', JSON.stringify('C:\\')),
      activating(33),
      activating(34, { businessId: 'B-1' }),
      { ...activating(35), value: { ...activating(35).value, elementId: 'to "review"' } },
      // a head in another order than the engine's
      { key: '2251799813685536', position: 36, recordType: 'EVENT', valueType: 'VARIABLE', intent: 'CREATED', value: variable(36, 'x', '1').value, timestamp: 1, sourceRecordPosition: 35 },
    ];
    const encoder = new BatchEncoder();
    const json = Buffer.from(encoder.encode(records));
    // when
    const selected = new RecordSelection().selectEncoded(json, encoder.itemEnds(), 0);
    // then each equals its record, field by field and in JSON's order
    expect(selected).to.have.length(records.length);
    selected.forEach((record, index) => {
      expect(record).to.deep.equal(records[index]);
      expect(JSON.stringify(record)).to.equal(JSON.stringify(records[index]));
    });
  });
});
