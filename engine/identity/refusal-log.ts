import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DeniedAttempt } from './credentials-check';
import { engineServiceLog } from '../logging/service-log';

/** Where and how much {@link RefusalLog} keeps. */
export interface RefusalLogOptions {
  /** The folder of the log files, e.g. `<data>/security`. Created when missing. */
  dir: string;
  /** Wall clock in ms (injected for tests). Default `Date.now`. */
  now?: () => number;
  /** Repeats of the same refusal within this window become one line with a count. Default 60 s. */
  windowMs?: number;
  /** Rotate the current file when it would grow past this. Default 1 MiB. */
  maxFileBytes?: number;
  /** Rotated files kept besides the current one (oldest dropped). Default 5. */
  keepFiles?: number;
  /** Different refusals held at once before they are written early. Default 1000. */
  maxPending?: number;
}

/** One line of the security log: a refusal and how often it was repeated in one window. */
export interface RefusalEntry {
  /** ISO time of the first and the last refusal this line counts. */
  firstAt: string;
  lastAt: string;
  count: number;
  actor: string;
  /** Method and path, without the query string, at most {@link MAX_FIELD} characters. */
  attempted: string;
  reason: string;
  kind: DeniedAttempt['kind'];
}

/** Longest `attempted` / `reason` kept: a 16 KB URL must not make a 16 KB line. */
const MAX_FIELD = 300;
const FILE_NAME = 'refusals.log';

function clip(text: string): string {
  return text.length <= MAX_FIELD ? text : `${text.slice(0, MAX_FIELD)}…`;
}

function refusalLogFile(dir: string, index: number): string {
  return join(dir, index === 0 ? FILE_NAME : `${FILE_NAME}.${index}`);
}

/**
 * Every line the security log in `dir` still keeps, oldest first (rotated files from the highest number down,
 * then the current one); a torn line after a crash is skipped. What a rebuilt history store refills its
 * refusal rows from.
 */
export function readWholeRefusalLog(dir: string): RefusalEntry[] {
  const files: string[] = [];
  for (let index = 0; existsSync(refusalLogFile(dir, index)); index++) files.unshift(refusalLogFile(dir, index));
  const entries: RefusalEntry[] = [];
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      try {
        entries.push(JSON.parse(line) as RefusalEntry);
      } catch {
        // a torn last line after a crash
      }
    }
  }
  return entries;
}

/**
 * Refused requests (401, 403, 429) for the auditors, kept out of the command log (issue 13, item 4): JSON
 * lines in a bounded set of rotated files, with repeats of the same actor, route and reason within a window
 * aggregated into one line with a count, so a client hammering the gateway costs a few lines a minute.
 * Writes happen once per window (and on {@link close}), appending a few small lines.
 */
export class RefusalLog {
  private readonly now: () => number;
  private readonly windowMs: number;
  private readonly maxFileBytes: number;
  private readonly keepFiles: number;
  private readonly maxPending: number;
  private readonly pending = new Map<string, RefusalEntry>();
  private readonly timer: NodeJS.Timeout;
  private readonly sinks: ((entries: readonly RefusalEntry[]) => void)[] = [];

  constructor(private readonly options: RefusalLogOptions) {
    this.now = options.now ?? Date.now;
    this.windowMs = options.windowMs ?? 60_000;
    this.maxFileBytes = options.maxFileBytes ?? 1024 * 1024;
    this.keepFiles = options.keepFiles ?? 5;
    this.maxPending = options.maxPending ?? 1000;
    mkdirSync(options.dir, { recursive: true });
    // Flushing on a timer (not per refusal) is what turns a flood into one line per window; unref'd so
    // it never keeps the process alive.
    this.timer = setInterval(() => this.flush(), this.windowMs);
    this.timer.unref();
  }

  /** Count one refusal; written with its repeats when its window ends. */
  record(attempt: DeniedAttempt): void {
    const attempted = clip(attempt.attempted.split('?')[0]);
    const reason = clip(attempt.reason);
    const key = JSON.stringify([attempt.actor, attempted, reason, attempt.kind]);
    const at = new Date(this.now()).toISOString();
    const entry = this.pending.get(key);
    if (entry) {
      entry.count += 1;
      entry.lastAt = at;
      return;
    }
    if (this.pending.size >= this.maxPending) this.flush();
    this.pending.set(key, { firstAt: at, lastAt: at, count: 1, actor: clip(attempt.actor), attempted, reason, kind: attempt.kind });
  }

  /**
   * Also hand every flushed batch of aggregated refusals to `sink` (the history store's audit log,
   * {@link RefusalAuditTable}); a sink that throws is reported and does not stop the file log.
   */
  forwardTo(sink: (entries: readonly RefusalEntry[]) => void): void {
    this.sinks.push(sink);
  }

  /** Write every held refusal now. */
  flush(): void {
    if (this.pending.size === 0) return;
    const entries = [...this.pending.values()];
    const lines = entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
    this.pending.clear();
    for (const sink of this.sinks) {
      try {
        sink(entries);
      } catch (error) {
        engineServiceLog().error(`拒绝记录转存失败 / refusals not forwarded: ${(error as Error).message}`);
      }
    }
    try {
      this.rotateIfNeeded(Buffer.byteLength(lines));
      appendFileSync(this.path(0), lines);
    } catch (error) {
      // The security log must never take the engine down; say so once per failed flush.
      engineServiceLog().error(`安全日志写入失败 / security log write failed: ${(error as Error).message}`);
    }
  }

  /** The newest refusals first (held ones included), at most `limit`, optionally of one actor. */
  read(limit = 100, actor?: string): RefusalEntry[] {
    const entries: RefusalEntry[] = [...this.pending.values()].reverse();
    for (let index = 0; index <= this.keepFiles && entries.length < limit * 4; index++) {
      const file = this.path(index);
      if (!existsSync(file)) break;
      const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
      for (const line of lines.reverse()) {
        try {
          entries.push(JSON.parse(line) as RefusalEntry);
        } catch {
          // a torn last line after a crash: skip it
        }
      }
    }
    return entries.filter((entry) => actor === undefined || entry.actor === actor).slice(0, limit);
  }

  /** Write what is held and stop the timer. */
  close(): void {
    clearInterval(this.timer);
    this.flush();
  }

  private path(index: number): string {
    return refusalLogFile(this.options.dir, index);
  }

  private rotateIfNeeded(incomingBytes: number): void {
    const current = this.path(0);
    const size = existsSync(current) ? statSync(current).size : 0;
    if (size === 0 || size + incomingBytes <= this.maxFileBytes) return;
    rmSync(this.path(this.keepFiles), { force: true });
    for (let index = this.keepFiles - 1; index >= 0; index--) {
      if (existsSync(this.path(index))) renameSync(this.path(index), this.path(index + 1));
    }
  }
}
