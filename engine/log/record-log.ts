import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { EngineRecord } from '../protocol';
import { BatchEncoder } from './batch-encoder';

/** Value types whose events are also kept in a side table: replay reads them before everything else. */
const DEFINITION_TYPES = new Set(['PROCESS']);

/**
 * An append-only log of records in SQLite (WAL, `synchronous = FULL`, so a committed transaction survives a
 * crash or power loss). One row holds one batch (the records of one group commit, as a deflated JSON array): a batch
 * costs one insert and one fsync however many records it holds. Deployed process definitions are copied to a
 * side table so a restart can compile them before replaying the rest.
 */
export class RecordLog {
  private readonly db: Database.Database;
  private readonly insertBatch: Database.Statement;
  private readonly insertDefinition: Database.Statement;
  private readonly selectFrom: Database.Statement;
  private readonly appendTransaction: (records: readonly EngineRecord[]) => void;
  private lastPosition: number;
  private readonly encoder = new BatchEncoder();

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'records.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS batches (
         first_position INTEGER PRIMARY KEY,
         last_position INTEGER NOT NULL,
         records BLOB NOT NULL
       );
       CREATE TABLE IF NOT EXISTS definitions (
         position INTEGER PRIMARY KEY,
         value_type TEXT NOT NULL,
         intent TEXT NOT NULL,
         record TEXT NOT NULL
       );`,
    );
    this.insertBatch = this.db.prepare('INSERT INTO batches (first_position, last_position, records) VALUES (?, ?, ?)');
    this.insertDefinition = this.db.prepare('INSERT INTO definitions (position, value_type, intent, record) VALUES (?, ?, ?, ?)');
    this.selectFrom = this.db.prepare(
      `SELECT records FROM batches
        WHERE first_position >= (SELECT COALESCE(MAX(first_position), 0) FROM batches WHERE first_position <= ?)
        ORDER BY first_position LIMIT ?`,
    );
    const row = this.db.prepare('SELECT MAX(last_position) AS last FROM batches').get() as { last: number | null };
    this.lastPosition = row.last ?? 0;
    this.appendTransaction = this.db.transaction((records: readonly EngineRecord[]) => {
      // Records are repetitive JSON: fast deflate shrinks a batch ~25x, which makes insert and fsync cheap.
      const compressed = deflateRawSync(this.encoder.encode(records), { level: 1 });
      this.insertBatch.run(records[0].position, records[records.length - 1].position, compressed);
      for (const record of records) {
        if (record.recordType === 'EVENT' && DEFINITION_TYPES.has(record.valueType)) {
          this.insertDefinition.run(record.position, record.valueType, record.intent, JSON.stringify(record));
        }
      }
    });
  }

  /** Position of the last committed record (0 when the log is empty). */
  get position(): number {
    return this.lastPosition;
  }

  /** Append records (positions already assigned, contiguous) in one durable transaction. */
  append(records: readonly EngineRecord[]): void {
    if (records.length === 0) return;
    this.appendTransaction(records);
    this.lastPosition = records[records.length - 1].position;
  }

  /** {@link append} as a promise: resolves once the batch is durable, rejects if it could not be committed. */
  commit(records: readonly EngineRecord[]): Promise<void> {
    try {
      this.append(records);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Committed records from `fromPosition` on, at most `limit` (all of them when no limit is given). */
  read(fromPosition: number, limit = Number.MAX_SAFE_INTEGER): EngineRecord[] {
    const result: EngineRecord[] = [];
    let from = Math.max(1, fromPosition);
    while (result.length < limit && from <= this.lastPosition) {
      const rows = this.selectFrom.all(from, 64) as { records: Buffer }[];
      if (rows.length === 0) break;
      for (const row of rows) {
        for (const record of JSON.parse(inflateRawSync(row.records).toString('utf8')) as EngineRecord[]) {
          if (record.position < from) continue;
          if (result.length >= limit) return result;
          result.push(record);
        }
      }
      const last = result.length > 0 ? result[result.length - 1].position : from;
      if (last < from) break;
      from = last + 1;
      if (rows.length < 64) break;
    }
    return result;
  }

  /** Committed events of one value type and intent that the side table keeps (e.g. PROCESS CREATED). */
  readEvents(valueType: string, intent: string): EngineRecord[] {
    const rows = this.db
      .prepare('SELECT record FROM definitions WHERE value_type = ? AND intent = ? ORDER BY position')
      .all(valueType, intent) as { record: string }[];
    return rows.map((row) => JSON.parse(row.record) as EngineRecord);
  }

  /** Every committed record, in order, page by page (replay). */
  *scan(pageSize = 10_000): Generator<EngineRecord> {
    let from = 1;
    for (;;) {
      const page = this.read(from, pageSize);
      for (const record of page) yield record;
      if (page.length === 0) return;
      from = page[page.length - 1].position + 1;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
