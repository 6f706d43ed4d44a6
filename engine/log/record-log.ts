import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineRecord } from '../protocol';

/**
 * An append-only log of records in SQLite (WAL, `synchronous = FULL`, so a committed transaction survives a
 * crash or power loss). One transaction per batch is the group commit: the stream processor appends a whole
 * batch of records and only then acknowledges the commands in it.
 */
export class RecordLog {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly selectFrom: Database.Statement;
  private readonly appendBatch: (records: readonly EngineRecord[]) => void;
  private lastPosition: number;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'records.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS records (
         position INTEGER PRIMARY KEY,
         value_type TEXT NOT NULL,
         intent TEXT NOT NULL,
         record TEXT NOT NULL
       )`,
    );
    this.insert = this.db.prepare('INSERT INTO records (position, value_type, intent, record) VALUES (?, ?, ?, ?)');
    this.selectFrom = this.db.prepare('SELECT record FROM records WHERE position >= ? ORDER BY position LIMIT ?');
    const row = this.db.prepare('SELECT MAX(position) AS last FROM records').get() as { last: number | null };
    this.lastPosition = row.last ?? 0;
    this.appendBatch = this.db.transaction((records: readonly EngineRecord[]) => {
      for (const record of records) {
        this.insert.run(record.position, record.valueType, record.intent, JSON.stringify(record));
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
    this.appendBatch(records);
    this.lastPosition = records[records.length - 1].position;
  }

  /** Committed records from `fromPosition` on, at most `limit`. */
  read(fromPosition: number, limit = 10_000): EngineRecord[] {
    const rows = this.selectFrom.all(fromPosition, limit) as { record: string }[];
    return rows.map((row) => JSON.parse(row.record) as EngineRecord);
  }

  /** Committed events of one value type and intent, in order (e.g. every PROCESS CREATED before replay). */
  readEvents(valueType: string, intent: string): EngineRecord[] {
    const rows = this.db
      .prepare('SELECT record FROM records WHERE value_type = ? AND intent = ? ORDER BY position')
      .all(valueType, intent) as { record: string }[];
    return rows.map((row) => JSON.parse(row.record) as EngineRecord).filter((r) => r.recordType === 'EVENT');
  }

  /** Every committed record, in order, page by page (replay). */
  *scan(pageSize = 10_000): Generator<EngineRecord> {
    let from = 1;
    for (;;) {
      const page = this.read(from, pageSize);
      for (const record of page) yield record;
      if (page.length < pageSize) return;
      from = page[page.length - 1].position + 1;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
