import { expect } from 'chai';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { createEngine } from '../../../engine';
import { LogIntegrityError, RecordLog } from '../../../engine/log';
import { CONTIGUITY_QUERY } from '../../../engine/log/log-integrity';
import type { EngineRecord } from '../../../engine/protocol';
import { EXIT_CODES, explainStartupFailure } from '../../../scripts/commands/startup-failure';

function record(position: number): EngineRecord {
  return { position, key: String(2 ** 51 + position), recordType: 'EVENT', valueType: 'JOB', intent: 'CREATED', value: { n: position }, timestamp: 1, sourceRecordPosition: -1 };
}

/** A log of three batches: positions 1–2, 3–4, 5–6. */
async function threeBatches(dir: string): Promise<void> {
  const log = new RecordLog(dir);
  await log.commit([record(1), record(2)]);
  await log.commit([record(3), record(4)]);
  await log.commit([record(5), record(6)]);
  await log.close();
}

/** Change the log file behind the engine's back, as a faulty disk or a careless copy would. */
function tamper(dir: string, sql: string, ...parameters: unknown[]): void {
  const db = new Database(join(dir, 'records.sqlite'));
  db.prepare(sql).run(...parameters);
  db.close();
}

function refusal(action: () => unknown): LogIntegrityError {
  try {
    action();
  } catch (error) {
    if (error instanceof LogIntegrityError) return error;
    throw error;
  }
  throw new Error('Expected the log to be refused, but it opened');
}

describe('the record log checks itself at start-up', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'log-integrity-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens a whole log silently', async () => {
    await threeBatches(dir);
    const log = new RecordLog(dir);
    expect(log.position).to.equal(6);
    await log.close();
  });

  it('checks the batches follow each other from their positions alone, never reading the batch rows (issue 9: a restart at 1,000,000 cases)', async () => {
    // given a log written before the batches' span had an index
    await threeBatches(dir);
    tamper(dir, 'DROP INDEX batches_span');
    // when it is opened again
    const log = new RecordLog(dir);
    await log.close();
    // then the index is back, and the integrity check's scan reads only it (a covering index, a few bytes a batch)
    const db = new Database(join(dir, 'records.sqlite'), { readonly: true });
    try {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${CONTIGUITY_QUERY}`).all() as { detail: string }[]).map((row) => row.detail);
      expect(plan).to.include('SCAN batches USING COVERING INDEX batches_span');
      expect(plan.filter((detail) => /^SCAN batches(?! USING COVERING INDEX)/.test(detail))).to.deep.equal([]);
    } finally {
      db.close();
    }
  });

  it('refuses a log with a gap, naming the missing positions in Chinese and English', async () => {
    await threeBatches(dir);
    tamper(dir, 'DELETE FROM batches WHERE first_position = 3');
    const error = refusal(() => new RecordLog(dir));
    expect(error.position).to.equal(3);
    expect(error.message).to.contain('missing positions 3–4 (a gap after position 2)').and.to.contain('缺少位置 3–4');
    expect(error.message).to.contain('onego restore');
  });

  it('refuses a log whose first batch is gone', async () => {
    await threeBatches(dir);
    tamper(dir, 'DELETE FROM batches WHERE first_position = 1');
    expect(refusal(() => new RecordLog(dir)).message).to.contain('missing positions 1–2 (a gap after the start of the log)');
  });

  it('refuses a damaged last batch, naming its positions, instead of replaying part of it', async () => {
    await threeBatches(dir);
    tamper(dir, 'UPDATE batches SET records = ? WHERE first_position = 5', Buffer.from('not deflated'));
    const error = refusal(() => new RecordLog(dir));
    expect(error.message).to.contain("last batch (positions 5–6) is damaged");
    // and a last batch that decodes but holds other positions than its row says
    tamper(dir, 'UPDATE batches SET records = ? WHERE first_position = 5', deflateRawSync(Buffer.from(JSON.stringify([record(5)]))));
    expect(refusal(() => new RecordLog(dir)).message).to.contain('it holds 1 records that are not positions 5–6');
  });

  it('refuses an empty log in a folder whose snapshot proves records were committed', async () => {
    await threeBatches(dir);
    tamper(dir, 'DELETE FROM batches');
    mkdirSync(join(dir, 'snapshots'));
    writeFileSync(join(dir, 'snapshots', `state-${String(6).padStart(16, '0')}.snapshot`), 'x');
    expect(refusal(() => new RecordLog(dir)).message).to.contain('The record log is empty, but a snapshot shows records were committed up to position 6');
  });

  it('makes the engine refuse to start, and onego explain it in one line with the corrupt-data exit code', async () => {
    await threeBatches(dir);
    tamper(dir, 'DELETE FROM batches WHERE first_position = 3');
    const error = await createEngine({ dataDir: dir }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(LogIntegrityError);
    const explained = explainStartupFailure(error, { dataDir: dir });
    expect(explained.exitCode).to.equal(EXIT_CODES.corruptDatabase);
    expect(explained.line).to.contain('missing positions 3–4');
    // the folder is not left locked by the refused start
    tamper(dir, 'INSERT INTO batches (first_position, last_position, records) VALUES (3, 4, ?)', deflateRawSync(Buffer.from(JSON.stringify([record(3), record(4)]))));
    const engine = await createEngine({ dataDir: dir });
    await engine.close();
  });

  it('says once that a log left open by a crash was recovered, keeping every committed record', async () => {
    const crashed = new RecordLog(dir);
    await crashed.commit([record(1), record(2)]);
    // not closed: its write-ahead file stays, as after kill -9
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (line: string) => warnings.push(line);
    let reopened: RecordLog | undefined;
    try {
      reopened = new RecordLog(dir);
    } finally {
      console.warn = original;
    }
    expect(reopened.position).to.equal(2);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('was not closed cleanly: every record committed through position 2 is kept');
    await reopened.close();
    await crashed.close();
  });
});
