import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { HistoryExporter, type ExportedEngine, type ExporterStatus } from './history-exporter';
import { openHistoryDatabase } from './history-schema';
import { DefinitionReader } from './readers/definitions';

/** Default bound on how long a search waits for history to catch up with what was committed before it arrived. */
export const DEFAULT_CONSISTENCY_WAIT_MS = 1000;

export interface HistoryOptions {
  /** The engine's data folder: `records.sqlite` is read there, `history.sqlite` is written there. */
  dataDir: string;
  /** Commit notifications; an {@link Engine} also hands its durable batches straight to the exporter thread. */
  engine: ExportedEngine;
  /** Bound on the read-your-writes wait of each search (`ONEGO_HISTORY_WAIT_MS`, default 1000 ms; 0 = never wait). */
  consistencyWaitMs?: number;
  /** Where progress lines of a rebuild go (default stderr). */
  onProgress?: (line: string) => void;
}

/** `GET /v2/onego/status`'s log and exporter parts. */
export interface HistoryStatus {
  log: { position: number; bytes: number };
  exporter: ExporterStatus;
}

/**
 * The history store as the gateways see it: an exporter thread keeps `history.sqlite` up to date with the
 * record log, and a read connection on this thread answers searches. Search is eventually consistent, as
 * in Camunda; {@link caughtUp} gives one client read-your-writes by waiting, bounded, until history holds
 * what was committed when its request arrived.
 */
export class History {
  readonly definitions: DefinitionReader;

  private constructor(
    private readonly dataDir: string,
    readonly db: Database.Database,
    readonly exporter: HistoryExporter,
    readonly consistencyWaitMs: number,
  ) {
    this.definitions = new DefinitionReader(db);
  }

  static async start(options: HistoryOptions): Promise<History> {
    const exporter = await HistoryExporter.start(
      { logFile: join(options.dataDir, 'records.sqlite'), historyFile: join(options.dataDir, 'history.sqlite') },
      options.engine,
      options.onProgress,
    );
    // The thread created the file (and its tables) before it said ready.
    const db = openHistoryDatabase(join(options.dataDir, 'history.sqlite'), { readonly: true });
    const fromEnv = Number(process.env.ONEGO_HISTORY_WAIT_MS);
    const wait = options.consistencyWaitMs ?? (Number.isFinite(fromEnv) && process.env.ONEGO_HISTORY_WAIT_MS !== undefined ? fromEnv : DEFAULT_CONSISTENCY_WAIT_MS);
    return new History(options.dataDir, db, exporter, Math.max(0, wait));
  }

  /** Waits (at most the configured bound) until history holds every record committed before this call. */
  async caughtUp(): Promise<void> {
    await this.exporter.waitFor(this.exporter.logPosition, this.consistencyWaitMs);
  }

  status(): HistoryStatus {
    let bytes = 0;
    for (const suffix of ['', '-wal']) {
      try {
        bytes += statSync(join(this.dataDir, `records.sqlite${suffix}`)).size;
      } catch {
        // no WAL file right after a checkpoint
      }
    }
    return { log: { position: this.exporter.logPosition, bytes }, exporter: this.exporter.status() };
  }

  async close(): Promise<void> {
    await this.exporter.close();
    if (this.db.open) this.db.close();
  }
}
