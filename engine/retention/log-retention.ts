/**
 * Log retention (issue 9, item 5). Records below both the newest snapshot's position (a restart no longer
 * replays them) and history's exported position (the exporter no longer reads them) may leave the live
 * `records.sqlite`. `keep` (the default, because 全程留痕) leaves everything in place; `archive` moves fully
 * covered batches into `archive/records-<from>-<to>.sqlite` atomically and then deletes them from the live
 * file, whose freed pages SQLite reuses, so the live log stops growing with every case ever handled.
 * Replay from an older position and `onego history rebuild` read the archives back (engine/log/log-archive.ts).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { archivedThrough, removePartialArchives, writeArchive, type StoredBatch } from '../log/log-archive';
import { LOG_CACHE_KB } from '../log/log-schema';
import { engineServiceLog } from '../logging/service-log';

/** What happens to records below the snapshot and exported positions. */
export type LogRetentionMode = 'keep' | 'archive';

export interface LogRetentionOptions {
  mode: LogRetentionMode;
  /** How often to look for archivable batches (default 60 s). */
  everySeconds?: number;
  /** Fewest records worth one archive file (default 10,000), so archives stay few and large. */
  minRecords?: number;
  /** Most batches moved per step, bounding the write lock a step holds (default 4096). */
  maxBatchesPerStep?: number;
}

/** Where the two positions come from: the engine's snapshots and the history exporter. */
export interface RetentionSources {
  snapshotPosition(): number | undefined;
  exportedPosition(): number | undefined;
}

/** One step's outcome. */
export interface ArchiveStep {
  from: number;
  to: number;
  batches: number;
  file: string;
}

export const DEFAULT_RETENTION = { everySeconds: 60, minRecords: 10_000, maxBatchesPerStep: 4096 };

/**
 * Moves covered batches into archives, on a timer or on demand ({@link archiveNow}). It has its own
 * connection to the live log; the log's writer thread goes on appending meanwhile (WAL, busy timeout).
 */
export class LogRetention {
  private readonly db: Database.Database;
  private timer?: NodeJS.Timeout;
  private readonly minRecords: number;
  private readonly maxBatches: number;

  constructor(
    private readonly dataDir: string,
    private readonly sources: RetentionSources,
    private readonly options: LogRetentionOptions,
  ) {
    this.minRecords = options.minRecords ?? DEFAULT_RETENTION.minRecords;
    this.maxBatches = options.maxBatchesPerStep ?? DEFAULT_RETENTION.maxBatchesPerStep;
    this.db = new Database(join(dataDir, 'records.sqlite'), { fileMustExist: true });
    this.db.pragma('busy_timeout = 10000');
    // Archiving reads each batch once, in order: a small page cache, as on the log's other connections.
    this.db.pragma(`cache_size = -${LOG_CACHE_KB}`);
    removePartialArchives(dataDir);
    // A crash between writing an archive and deleting its batches leaves them in both: finish the move.
    this.db.prepare('DELETE FROM batches WHERE last_position <= ?').run(archivedThrough(dataDir));
  }

  /** Starts the periodic steps (nothing in `keep` mode). */
  start(): this {
    if (this.options.mode !== 'archive') return this;
    const every = (this.options.everySeconds ?? DEFAULT_RETENTION.everySeconds) * 1000;
    if (every > 0) {
      this.timer = setInterval(() => {
        try {
          this.archiveNow();
        } catch (error) {
          engineServiceLog().warn(`[retention] 归档失败，稍后重试 / archiving the log failed, will retry: ${(error as Error).message}`);
        }
      }, every);
      this.timer.unref();
    }
    return this;
  }

  /** The position below which records may leave the live log: min(snapshot, exported); 0 when either is missing. */
  coveredPosition(): number {
    const snapshot = this.sources.snapshotPosition() ?? 0;
    const exported = this.sources.exportedPosition() ?? 0;
    return Math.min(snapshot, exported);
  }

  /**
   * Archives as many fully covered batches as one step allows (the newest live batch always stays, so the
   * log's end position survives a restart). Returns what moved, or undefined when too little is covered.
   */
  archiveNow(): ArchiveStep | undefined {
    if (this.options.mode !== 'archive') return undefined;
    const covered = this.coveredPosition();
    const newest = (this.db.prepare('SELECT MAX(first_position) AS first FROM batches').get() as { first: number | null }).first;
    if (newest === null) return undefined;
    const batches = this.db
      .prepare('SELECT first_position, last_position, records FROM batches WHERE last_position <= ? AND first_position < ? ORDER BY first_position LIMIT ?')
      .all(covered, newest, this.maxBatches) as StoredBatch[];
    if (batches.length === 0) return undefined;
    const records = batches[batches.length - 1].last_position - batches[0].first_position + 1;
    if (records < this.minRecords && batches.length < this.maxBatches) return undefined;
    const archive = writeArchive(this.dataDir, batches);
    this.db.prepare('DELETE FROM batches WHERE first_position >= ? AND last_position <= ?').run(archive.from, archive.to);
    return { from: archive.from, to: archive.to, batches: batches.length, file: archive.file };
  }

  /** Stops the timer and closes the connection. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.db.open) this.db.close();
  }
}
