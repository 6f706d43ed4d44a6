import { folderTakesWrites } from '../recovery/folder-write-probe';

/** How often a failed history exporter is tried again (`ONEGO_HISTORY_WRITE_RETRY_MS`, default 1 s). */
export function historyWriteRetryMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.ONEGO_HISTORY_WRITE_RETRY_MS;
  if (text === undefined || text.trim() === '') return 1_000;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 10) {
    throw new Error(
      `ONEGO_HISTORY_WRITE_RETRY_MS 须为不小于 10 的整数（毫秒） / Expected ONEGO_HISTORY_WRITE_RETRY_MS to be a whole number of milliseconds, at least 10, but it is '${text}'`,
    );
  }
  return value;
}

/**
 * A restart that fails again at the same exported position (the disk takes the probe but not history's
 * transaction, or the failure is not about the disk at all) waits twice as long before the next, up to this.
 */
const MAX_BACKOFF_MS = 60_000;

/** Why the exporter stopped, as health and `GET /v2/onego/status` report it. */
export interface ExporterFailure {
  /** What the failed write said, and what happens next, in Chinese and English. */
  message: string;
  /** When it stopped (wall clock, ISO 8601). */
  since: string;
  /** The durable position history kept: the restarted thread resumes after it. */
  position: number;
  /** How long until the next probe of the data folder. */
  retryMs: number;
}

/**
 * Brings the history exporter back by itself after a failed write of `history.sqlite` (a full disk, a quota, a
 * file size limit, an I/O error), as `engine/recovery/log-write-recovery.ts` does for the record log. The failed
 * transaction was rolled back by SQLite, so history still ends at its stored position; the thread's memory
 * (the writers' caches, the audit chain's head) may not, so it is not reused: while the data folder refuses a
 * 1 MiB probe write nothing happens, and once it takes one a fresh exporter thread is started, which reads its
 * position from history and exports from there. Nothing is written twice or skipped: each transaction holds its
 * rows and the new position together.
 */
export class ExporterRecovery {
  private failure: ExporterFailure | undefined;
  private timer: NodeJS.Timeout | undefined;
  private delayMs: number;
  private lastFailedAt = -1;
  private stopped = false;

  /**
   * @param dataDir the folder holding `history.sqlite`, probed for writes
   * @param restart stops the failed thread and starts a fresh one; resolves once it is ready (it may fail again)
   * @param report a line for the service log
   */
  constructor(
    private readonly dataDir: string,
    private readonly restart: () => Promise<void>,
    private readonly report: (line: string) => void,
    private readonly intervalMs = historyWriteRetryMs(),
  ) {
    this.delayMs = intervalMs;
  }

  /** The exporter thread stopped at `position` with `reason`: report it and probe until history is writable. */
  failed(reason: string, position: number): void {
    if (this.stopped) return;
    // Failing again where the last restart started: the probe was not enough, so wait longer each time.
    this.delayMs = position === this.lastFailedAt ? Math.min(this.delayMs * 2, MAX_BACKOFF_MS) : this.intervalMs;
    this.lastFailedAt = position;
    this.failure = {
      message:
        `历史库写入失败：${reason}；已导出的位置 ${position} 保持不变，每 ${this.delayMs} ms 检查一次数据目录，可写后自动继续导出，无需重启 / ` +
        `history could not be written: ${reason}; history keeps exported position ${position}, the data folder is probed every ${this.delayMs} ms and exporting resumes by itself once it takes writes, no restart needed` +
        // Failing again where it stood, with the disk writable: perhaps not the disk at all.
        (this.delayMs > this.intervalMs ? `（多次重试仍失败：若磁盘有空间，请停机后运行 onego history rebuild） / (failed again after a retry: if the disk has room, stop the engine and run 'onego history rebuild')` : ''),
      since: new Date().toISOString(),
      position,
      retryMs: this.delayMs,
    };
    this.report(`history: ${this.failure.message}`);
    this.schedule();
  }

  /** The failure history is recovering from, or undefined while it exports. */
  get current(): ExporterFailure | undefined {
    return this.failure;
  }

  /** No more probes (the exporter closes). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.tryOnce();
    }, this.delayMs);
    this.timer.unref();
  }

  /** One probe; when the folder takes writes, a fresh thread. A thread that fails again calls {@link failed}. */
  private async tryOnce(): Promise<void> {
    if (this.stopped || !this.failure) return;
    if (!folderTakesWrites(this.dataDir, '.history-write-probe')) {
      this.schedule();
      return;
    }
    const failure = this.failure;
    try {
      await this.restart();
      // Still the failure this restart answered (a fresh one would have replaced it): exporting again.
      if (this.failure === failure && !this.stopped) {
        this.failure = undefined;
        this.report(`history: 数据目录已可写，历史导出从位置 ${failure.position} 继续 / the data folder takes writes again: exporting resumes after position ${failure.position}`);
      }
    } catch (error) {
      // The fresh thread did not even open history: try again later, at the same position.
      this.failed(error instanceof Error ? error.message : String(error), failure.position);
    }
  }
}
