import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MessageChannel } from 'node:worker_threads';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { joinedVariables } from '../../../engine/gateway/off-thread-json';
import { splitJson } from '../../../engine/isolation/json-body-split';
import { RecordLog } from '../../../engine/log';
import { durableJson, type DurableBatch } from '../../../engine/log/log-writer-messages';
import type { EngineRecord } from '../../../engine/protocol';
import { rememberRecordText } from '../../../engine/variable-json';

function record(position: number, valueType = 'JOB', intent = 'CREATED'): EngineRecord {
  return { position, key: String(2 ** 51 + position), recordType: 'EVENT', valueType, intent, value: { n: position, 名: '值' }, timestamp: 1, sourceRecordPosition: -1 };
}

describe('the record log', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'record-log-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads records back in order from any position, across batches', async () => {
    const log = new RecordLog(dir);
    await log.commit([record(1), record(2), record(3)]);
    await log.commit([record(4)]);
    await log.commit([record(5), record(6)]);
    expect(log.position).to.equal(6);
    expect(log.read(1).map((r) => r.position)).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(log.read(3, 2).map((r) => r.position)).to.deep.equal([3, 4]);
    expect(log.read(5)[0].value).to.deep.equal({ n: 5, 名: '值' });
    expect(log.read(7)).to.deep.equal([]);
    await log.close();
  });

  it('keeps committed batches and the last position after it is reopened', async () => {
    const first = new RecordLog(dir);
    await first.commit([record(1), record(2, 'PROCESS', 'CREATED')]);
    await first.close();
    const again = new RecordLog(dir);
    expect(again.position).to.equal(2);
    expect([...again.scan(1)].map((r) => r.position)).to.deep.equal([1, 2]);
    expect(again.readEvents('PROCESS', 'CREATED').map((r) => r.position)).to.deep.equal([2]);
    await again.close();
  });

  it('scans from any position across pages of batches, each batch read once', async () => {
    // given five batches, one of them large
    const log = new RecordLog(dir);
    await log.commit([record(1), record(2)]);
    await log.commit(Array.from({ length: 5000 }, (_, i) => record(3 + i)));
    await log.commit([record(5003)]);
    await log.commit([record(5004), record(5005)]);
    await log.commit([record(5006)]);
    // when scanned two batch rows at a time, from the middle of the large batch
    const positions = [...log.scan(4000, 2)].map((r) => r.position);
    // then every record from there on comes once, in order
    expect(positions).to.deep.equal(Array.from({ length: 5006 - 4000 + 1 }, (_, i) => 4000 + i));
    expect([...log.scan(1, 2)]).to.have.length(5006);
    expect([...log.scan(5007)]).to.deep.equal([]);
    await log.close();
  });

  it('keeps reading batches deflated whole, as earlier versions wrote them, next to batches with big values spliced in', async () => {
    // given a log an earlier version wrote: one batch deflated whole
    const first = new RecordLog(dir);
    await first.close();
    const db = new Database(join(dir, 'records.sqlite'));
    db.prepare('INSERT INTO batches (first_position, last_position, records) VALUES (1, 2, ?)').run(deflateRawSync(Buffer.from(JSON.stringify([record(1), record(2)])), { level: 1 }));
    db.close();
    // and a document whose big value an isolation thread split off, bytes and deflated bytes in shared memory
    const rows = Array.from({ length: 8000 }, (_, row) => ({ row, text: `材料-${'x'.repeat(20)}` }));
    const outcome = splitJson({ json: JSON.stringify({ rows, small: '小' }), shape: 'document', maxDepth: 100 });
    if (outcome.kind !== 'parsed' || outcome.big.length !== 1) throw new Error('Expected the document to split off one big value');
    const rowsJson = outcome.big[0][1];
    const variableValue = { name: 'rows', value: JSON.stringify(rows) };
    rememberRecordText(variableValue, rowsJson);
    const creation = (position: number, variables: object): EngineRecord => ({ ...record(position, 'PROCESS_INSTANCE_CREATION', 'CREATE'), value: { bpmnProcessId: 'p', variables } });
    const variables = joinedVariables(outcome.body as Record<string, unknown>, outcome.order, outcome.big, 0);
    const spliced = [creation(3, variables), creation(4, variables), { ...record(5, 'VARIABLE', 'CREATED'), value: variableValue }];
    const plain = { rows, small: '小' };
    const expected = JSON.parse(JSON.stringify([record(1), record(2), creation(3, plain), creation(4, plain), spliced[2]])) as EngineRecord[];
    // when the current version appends the batch, the history exporter listening
    const log = new RecordLog(dir);
    const channel = new MessageChannel();
    const handedOver = new Promise<DurableBatch>((resolve) => channel.port1.once('message', resolve));
    log.attachExportPort(channel.port2);
    await log.commit(spliced);
    const exported = await handedOver;
    channel.port1.close();
    // then the stored row holds the isolation thread's deflated bytes as they are
    const stored = new Database(join(dir, 'records.sqlite'), { readonly: true });
    const row = stored.prepare('SELECT records FROM batches WHERE first_position = 3').get() as { records: Buffer };
    stored.close();
    expect(row.records.indexOf(Buffer.from(rowsJson.deflated!))).to.be.greaterThan(0);
    expect(row.records.indexOf(Buffer.from(rowsJson.escapedDeflated!))).to.be.greaterThan(0);
    expect(JSON.parse(inflateRawSync(row.records).toString('utf8'))).to.deep.equal(expected.slice(2));
    // and the exporter got the batch's JSON with the big values uncopied, and where each record ends in the whole
    expect(exported.json.byteLength).to.be.below(1000);
    expect(exported.pieces!.map((piece) => piece.utf8)).to.deep.equal([rowsJson.utf8, rowsJson.utf8, rowsJson.escapedUtf8]);
    const exportedJson = durableJson(exported);
    expect(JSON.parse(exportedJson.toString('utf8'))).to.deep.equal(expected.slice(2));
    expect(JSON.parse(exportedJson.toString('utf8', exported.itemEnds![1] + 1, exported.itemEnds![2]))).to.deep.equal(expected[4]);
    // and both kinds of batch read back, also after reopening (the integrity check inflates the spliced last batch)
    expect(log.read(1)).to.deep.equal(expected);
    await log.close();
    const again = new RecordLog(dir);
    expect(again.position).to.equal(5);
    expect([...again.scan(1)]).to.deep.equal(expected);
    await again.close();
  });
});
