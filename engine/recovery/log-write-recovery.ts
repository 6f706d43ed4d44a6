import { folderTakesWrites } from './folder-write-probe';

/** How often a failed record log is tried again (`ONEGO_LOG_WRITE_RETRY_MS`, default 1 s). */
export function logWriteRetryMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.ONEGO_LOG_WRITE_RETRY_MS;
  if (text === undefined || text.trim() === '') return 1_000;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 10) {
    throw new Error(`ONEGO_LOG_WRITE_RETRY_MS 须为不小于 10 的整数（毫秒） / Expected ONEGO_LOG_WRITE_RETRY_MS to be a whole number of milliseconds, at least 10, but it is '${text}'`);
  }
  return value;
}

/** What the recovery needs of the engine. */
export interface RecoveryTarget {
  /** Why the log stopped taking batches, while it has. */
  logFailure(): Error | undefined;
  /** True while something else already keeps commands out (the disk watermark): no point trying. */
  paused(): boolean;
  /** Rebuild live state from the durable log and take commands again; false if the log cannot resume yet. */
  resume(): Promise<boolean>;
}

/**
 * Brings the engine back by itself after a record-log write failed (issue 13: "one failing batch write rejects
 * that command and never closes the engine"). While the log is failed it checks every interval whether the data
 * folder takes writes again — a 1 MiB file written, synced and removed, so a full disk, a quota, a file size limit
 * or an I/O error shows — and once it does, has the engine rebuild live state from the durable log and resume.
 */
export class LogWriteRecovery {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly dataDir: string,
    private readonly target: RecoveryTarget,
    private readonly intervalMs = logWriteRetryMs(),
  ) {}

  start(): this {
    this.timer = setInterval(() => void this.tryOnce(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One attempt: true when the engine took commands again (or never stopped). */
  async tryOnce(): Promise<boolean> {
    if (!this.target.logFailure()) return true;
    if (this.running || this.target.paused() || !folderTakesWrites(this.dataDir, '.log-write-probe')) return false;
    this.running = true;
    try {
      return await this.target.resume();
    } finally {
      this.running = false;
    }
  }
}
