import type Database from 'better-sqlite3';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { archivedThrough } from './log-archive';

/**
 * The record log cannot be trusted as it is: a gap between batches, a last batch that does not decode, or an
 * empty log in a folder whose snapshots prove records were committed. Starting anyway would rebuild a state
 * that silently misses acknowledged work, so the engine refuses, naming the positions and the way out.
 */
export class LogIntegrityError extends Error {
  constructor(
    /** The first position concerned. */
    readonly position: number,
    message: string,
  ) {
    super(message);
    this.name = 'LogIntegrityError';
  }
}

/** What the start-up check found on a log it accepted. */
export interface LogIntegrityReport {
  /** The last committed position. */
  lastPosition: number;
  /**
   * The previous engine did not close the log (its write-ahead file was left behind): SQLite kept every
   * committed transaction and dropped a write it had not finished — nothing acknowledged is lost, because the
   * engine answers only after the commit is durable.
   */
  recoveredAfterCrash: boolean;
}

const SNAPSHOT_NAME = /^state-(\d{16})\.snapshot$/;

/** Whether SQLite's write-ahead file of `file` is there and not empty: the last writer did not close cleanly. */
export function leftWriteAheadLog(file: string): boolean {
  const wal = `${file}-wal`;
  return existsSync(wal) && statSync(wal).size > 0;
}

/**
 * The first batch that ends before it starts, or does not start right after the batch before it (none: the
 * batches follow each other). It reads only the positions, through the covering index `batches_span`
 * (log-schema.ts): the batch rows themselves fill ~350 MB of pages at 1,000,000 finished cases, read from disk
 * when they are not cached, which made the first restart after a long load the slowest (issue 9).
 */
export const CONTIGUITY_QUERY = `SELECT first_position AS first, last_position AS last, previous FROM (
    SELECT first_position, last_position, LAG(last_position) OVER (ORDER BY first_position) AS previous FROM batches
  ) WHERE last_position < first_position OR (previous IS NOT NULL AND first_position != previous + 1)
  ORDER BY first_position LIMIT 1`;

/**
 * Check the log before the engine replays it: batches follow each other without gaps or overlaps (from
 * position 1, or from where the archives end), and the last batch decodes to exactly the positions its row
 * claims. Scans the positions once ({@link CONTIGUITY_QUERY}), plus one batch, so it costs little even on a long log: the first
 * and last batches are found through the primary key, not by aggregates that each scan the whole table (at
 * 1,000,000 finished cases a log of ~100,000 batches; issue 9's restart).
 * Throws {@link LogIntegrityError} with a Chinese and English message naming the position.
 */
export function checkLogIntegrity(db: Database.Database, dataDir: string, recoveredAfterCrash: boolean): LogIntegrityReport {
  const archivedTo = archivedThrough(dataDir);
  const firstBatch = db.prepare('SELECT first_position AS first FROM batches ORDER BY first_position LIMIT 1').get() as { first: number } | undefined;
  if (!firstBatch) {
    const snapshotted = newestSnapshotPosition(dataDir);
    if (archivedTo === 0 && snapshotted > 0) {
      throw new LogIntegrityError(
        1,
        `记录日志为空，但快照表明已提交到位置 ${snapshotted}：日志文件丢失或被替换，拒绝启动；请用 onego restore 从备份恢复。 / ` +
          `The record log is empty, but a snapshot shows records were committed up to position ${snapshotted}: the log file was lost or replaced, so the engine will not start; restore the data folder from a backup (onego restore).`,
      );
    }
    return { lastPosition: archivedTo, recoveredAfterCrash };
  }
  const expectedFirst = archivedTo + 1;
  // With archives, the live file may still hold batches an interrupted archive move also copied (overlap is fine).
  if (archivedTo === 0 ? firstBatch.first !== 1 : firstBatch.first > expectedFirst) {
    throw gap(expectedFirst, firstBatch.first - 1, archivedTo === 0 ? 'the start of the log' : `the archives (through ${archivedTo})`);
  }
  const broken = db
    .prepare(CONTIGUITY_QUERY)
    .get() as { first: number; last: number; previous: number | null } | undefined;
  if (broken) {
    if (broken.last < broken.first) {
      throw new LogIntegrityError(
        broken.first,
        `记录日志中位置 ${broken.first} 的批次自相矛盾（结束位置 ${broken.last} 小于起始位置），拒绝启动；请用 onego restore 从备份恢复。 / ` +
          `The record log's batch at position ${broken.first} contradicts itself (it ends at ${broken.last}, before it starts), so the engine will not start; restore the data folder from a backup (onego restore).`,
      );
    }
    if (broken.first <= broken.previous!) {
      throw new LogIntegrityError(
        broken.first,
        `记录日志中位置 ${broken.first}–${broken.previous} 被两个批次重复记录，拒绝启动；请用 onego restore 从备份恢复。 / ` +
          `Positions ${broken.first}–${broken.previous} of the record log are held by two batches, so the engine will not start; restore the data folder from a backup (onego restore).`,
      );
    }
    throw gap(broken.previous! + 1, broken.first - 1, `position ${broken.previous}`);
  }
  // Batches follow each other and none ends before it starts, so the one starting last also ends last.
  const lastBatch = db.prepare('SELECT first_position AS first, last_position AS last, records FROM batches ORDER BY first_position DESC LIMIT 1').get() as StoredBatch;
  checkLastBatch(lastBatch);
  return { lastPosition: lastBatch.last, recoveredAfterCrash };
}

function gap(from: number, to: number, after: string): LogIntegrityError {
  return new LogIntegrityError(
    from,
    `记录日志缺少位置 ${from}–${to} 的记录（缺口），拒绝启动，以免丢失已确认的工作；请用 onego restore 从备份恢复。 / ` +
      `The record log is missing positions ${from}–${to} (a gap after ${after}), so the engine will not start rather than lose acknowledged work; restore the data folder from a backup (onego restore).`,
  );
}

/** A row of the batches table. */
interface StoredBatch {
  first: number;
  last: number;
  records: Buffer;
}

/** The last batch must decode to exactly the positions its row claims: a torn or damaged tail is named, never replayed. */
function checkLastBatch(row: StoredBatch): void {
  let positions: number[];
  try {
    const records = JSON.parse(inflateRawSync(row.records).toString('utf8')) as { position: number }[];
    positions = records.map((record) => record.position);
  } catch (error) {
    throw damagedTail(row.first, row.last, (error as Error).message);
  }
  const contiguous = positions.length === row.last - row.first + 1 && positions.every((position, index) => position === row.first + index);
  if (!contiguous) throw damagedTail(row.first, row.last, `it holds ${positions.length} records that are not positions ${row.first}–${row.last}`);
}

function damagedTail(first: number, last: number, why: string): LogIntegrityError {
  return new LogIntegrityError(
    first,
    `记录日志最后一个批次（位置 ${first}–${last}）已损坏，无法读取（${why}），拒绝启动；请用 onego restore 从备份恢复。 / ` +
      `The record log's last batch (positions ${first}–${last}) is damaged and cannot be read (${why}), so the engine will not start; restore the data folder from a backup (onego restore).`,
  );
}

/** The newest snapshot's position in `<dataDir>/snapshots` (0 without one). */
function newestSnapshotPosition(dataDir: string): number {
  const dir = join(dataDir, 'snapshots');
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const match = SNAPSHOT_NAME.exec(name);
    if (match) newest = Math.max(newest, Number(match[1]));
  }
  return newest;
}
