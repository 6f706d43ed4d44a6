import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { inflateRawSync } from 'node:zlib';
import type { EngineRecord } from '../protocol';
import { preEncodedVariables } from '../variable-json';
import { BatchEncoder } from './batch-encoder';
import { batchJsonText } from './batch-text';
import { archivedThrough, listArchives, readArchivedBatches } from './log-archive';
import { checkLogIntegrity, leftWriteAheadLog, type LogIntegrityReport } from './log-integrity';
import { openLogDatabase } from './log-schema';
import { LogWriter } from './log-writer';

/** Value types whose events are also kept in a side table: replay reads them before everything else. */
const DEFINITION_TYPES = new Set(['PROCESS']);

/**
 * An append-only log of records in SQLite (WAL, `synchronous = FULL`, so a committed transaction survives a
 * crash or power loss). One row holds one batch (the records of one group commit, as a deflated JSON array): a batch
 * costs one insert, and batches that queue up while the disk syncs share one fsync. Writing happens on a thread
 * of its own ({@link LogWriter}), so the engine goes on processing the next batch while the last one syncs;
 * reads use a second connection on the engine thread and see committed batches only. Deployed process
 * definitions are copied to a side table so a restart can compile them before replaying the rest.
 */
export class RecordLog {
  private readonly db: Database.Database;
  private readonly writer: LogWriter<EngineRecord>;
  private readonly selectFrom: Database.Statement;
  private readonly selectAfter: Database.Statement;
  private readonly selectLiveFirst: Database.Statement;
  private lastPosition: number;
  private readonly encoder = new BatchEncoder(undefined, preEncodedVariables);

  constructor(private readonly dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'records.sqlite');
    const leftByCrash = leftWriteAheadLog(file);
    this.db = openLogDatabase(file);
    // Before anything reads it: a gap or a damaged tail is refused with its position, never replayed (issue 13).
    let checked: LogIntegrityReport;
    try {
      checked = checkLogIntegrity(this.db, dataDir, leftByCrash);
      if (checked.recoveredAfterCrash) {
        console.warn(
          `[log] 记录日志上次未正常关闭：已保留提交到位置 ${checked.lastPosition} 的全部记录，未完成的写入已丢弃（已确认的工作不会丢失）。 / ` +
            `The record log was not closed cleanly: every record committed through position ${checked.lastPosition} is kept and an unfinished write, if any, was dropped (nothing acknowledged is lost).`,
        );
      }
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.selectFrom = this.db.prepare(
      `SELECT first_position, records FROM batches
        WHERE first_position >= (SELECT COALESCE(MAX(first_position), 0) FROM batches WHERE first_position <= ?)
        ORDER BY first_position LIMIT ?`,
    );
    this.selectAfter = this.db.prepare('SELECT first_position, records FROM batches WHERE first_position > ? ORDER BY first_position LIMIT ?');
    this.selectLiveFirst = this.db.prepare('SELECT MIN(first_position) AS first FROM batches');
    // Retention keeps the newest batch live, but an archive may still reach further after a crash mid-move.
    this.lastPosition = Math.max(checked.lastPosition, archivedThrough(dataDir));
    this.writer = new LogWriter(file, (records) => this.toWriteRequest(records));
  }

  /** Position of the last committed record (0 when the log is empty). */
  get position(): number {
    return this.lastPosition;
  }

  /**
   * Append records (positions already assigned, contiguous, following the last appended batch) in one durable
   * transaction: resolves once the batch is durable, rejects if it could not be committed. Batches commit in
   * the order they are handed in.
   */
  commit(records: readonly EngineRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const lastPosition = records[records.length - 1].position;
    return this.writer.write(records).then(() => {
      this.lastPosition = Math.max(this.lastPosition, lastPosition);
    });
  }

  /**
   * Write again after a failed commit (issue 13), once the caller's state holds exactly the records up to
   * {@link position}; false if the writer cannot take batches yet (see LogWriter.resume).
   */
  resumeWriting(): boolean {
    return this.writer.resume();
  }

  /** Turn the records of one or more batches into what the writer thread stores: one row and its side-table rows. */
  private toWriteRequest(records: EngineRecord[]) {
    const definitions: [number, string, string, string][] = [];
    for (const record of records) {
      if (record.recordType === 'EVENT' && DEFINITION_TYPES.has(record.valueType)) {
        definitions.push([record.position, record.valueType, record.intent, JSON.stringify(record)]);
      }
    }
    // The bytes stay in the encoder's shared buffer: the writer thread reads them there, and the next batch is
    // only encoded once this one is durable (the writer sends one request at a time).
    // Big values stay where an isolation thread put them, deflated already: the writer splices them in.
    const { json, pieces } = this.encoder.encodeSpliced(records);
    return { firstPosition: records[0].position, lastPosition: records[records.length - 1].position, json, pieces, itemEnds: this.encoder.itemEnds(), definitions };
  }

  /** Hand every batch made durable from now on, as JSON bytes, to `port` (the history exporter's thread). */
  attachExportPort(port: MessagePort): void {
    this.writer.attachExportPort(port);
  }

  /** Committed records from `fromPosition` on, at most `limit` (all of them when no limit is given). */
  read(fromPosition: number, limit = Number.MAX_SAFE_INTEGER): EngineRecord[] {
    const result: EngineRecord[] = [];
    let from = Math.max(1, fromPosition);
    if (from < this.liveFirstPosition() && listArchives(this.dataDir).length > 0) {
      // Part of the range is archived (retention): walk archives and live log in order.
      for (const record of this.scan(from)) {
        if (result.length >= limit) break;
        result.push(record);
      }
      return result;
    }
    while (result.length < limit && from <= this.lastPosition) {
      const rows = this.selectFrom.all(from, 64) as { records: Buffer }[];
      if (rows.length === 0) break;
      for (const row of rows) {
        for (const record of JSON.parse(batchJsonText(inflateRawSync(row.records))) as EngineRecord[]) {
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

  /**
   * Every committed record from `fromPosition` on, in order (replay). Walks the batches once, a few rows at a
   * time, so one huge batch is inflated and parsed once, not once per page of records as {@link read} would.
   */
  *scan(fromPosition = 1, rowsPerPage = 64): Generator<EngineRecord> {
    let next = Math.max(1, fromPosition);
    // Positions retention moved out of the live file come from the archives first.
    while (next < this.liveFirstPosition()) {
      const archived = readArchivedBatches(this.dataDir, next, rowsPerPage);
      if (archived.length === 0) break;
      for (const batch of archived) {
        for (const record of JSON.parse(batchJsonText(inflateRawSync(batch.records))) as EngineRecord[]) {
          if (record.position >= next) yield record;
        }
      }
      next = Math.max(next, archived[archived.length - 1].last_position + 1);
    }
    let rows = this.selectFrom.all(next, rowsPerPage) as { first_position: number; records: Buffer }[];
    while (rows.length > 0) {
      for (const row of rows) {
        for (const record of JSON.parse(batchJsonText(inflateRawSync(row.records))) as EngineRecord[]) {
          if (record.position >= next) yield record;
        }
      }
      if (rows.length < rowsPerPage) return;
      rows = this.selectAfter.all(rows[rows.length - 1].first_position, rowsPerPage) as { first_position: number; records: Buffer }[];
    }
  }

  /** The first position the live file still holds (past the end when it holds none). */
  private liveFirstPosition(): number {
    const row = this.selectLiveFirst.get() as { first: number | null };
    return row.first ?? this.lastPosition + 1;
  }

  /** Let every handed-in batch commit, then close both connections. */
  async close(): Promise<void> {
    await this.writer.close();
    if (this.db.open) this.db.close();
  }
}
