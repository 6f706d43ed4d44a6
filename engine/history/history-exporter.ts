import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { EngineApi } from '../api';
import { bundledThreadSource } from '../log/thread-source';
import type { ExporterReply, ExporterRequest } from './exporter-messages';
import { ExporterRecovery, type ExporterFailure } from './exporter-recovery';
import { LagRecorder } from './lag-recorder';
import { ThreadPriority } from './thread-priority';
import { engineServiceLog } from '../logging/service-log';

const THREAD_MODULE = fileURLToPath(new URL('./exporter-thread.ts', import.meta.url));
/**
 * The exporter thread runs below the engine while history keeps up (`thread-priority.ts`), and at the
 * engine's priority again once the oldest commit not yet exported has waited this long, or while a reader or
 * a rebuild waits; lowered again once the lag is under {@link YIELD_BELOW_MS}. Well under the 1 s target.
 */
const KEEP_UP_AFTER_MS = 250;
const YIELD_BELOW_MS = 50;

/** What the exporter needs of the engine: commit notifications, and (optionally) the log's durable batches. */
export type ExportedEngine = Pick<EngineApi, 'onCommitted'> & { attachLogExportPort?(port: MessagePort): void };

/** Where the exporter stands, as `GET /v2/onego/status` reports it. */
export interface ExporterStatus {
  /** Last log position whose records are in history. */
  position: number;
  /** Committed records not yet in history. */
  lagRecords: number;
  /** How long the oldest committed record not yet in history has waited (0 when caught up). */
  lagMs: number;
  /** Set while a failed write keeps the exporter stopped (it resumes by itself, `exporter-recovery.ts`). */
  failure?: ExporterFailure;
}

/**
 * The engine thread's handle on the exporter thread (`exporter-thread.ts`, started like the log's writer
 * thread). It tells the thread after each commit how far the log goes, learns how far history goes, and lets
 * readers wait (bounded) until history has caught up with a position — never the engine.
 */
export class HistoryExporter {
  private worker!: Worker;
  private exported = 0;
  private committed = 0;
  private flushRequested = 0;
  private failure: string | undefined;
  private priority: ThreadPriority | undefined;
  private recheck: NodeJS.Timeout | undefined;
  /** The "committed" message of this turn of the event loop, not yet posted. */
  private announcing: NodeJS.Immediate | undefined;
  /** History started empty over a non-empty log, until it reaches this position. */
  private rebuildingThrough = 0;
  private readonly waiters: { position: number; resolve(reached: boolean): void }[] = [];
  private readonly unsubscribe: () => void;
  private closed!: Promise<void>;
  private readonly recovery: ExporterRecovery;
  readonly lag = new LagRecorder();

  private constructor(
    private readonly files: { logFile: string; historyFile: string },
    private readonly engine: ExportedEngine,
    private readonly onProgress: (line: string) => void,
    ready: () => void,
    failedToStart: (error: Error) => void,
  ) {
    // A failed write stops the thread; a fresh one takes over once the data folder is writable (issue 13).
    this.recovery = new ExporterRecovery(dirname(files.historyFile), () => this.restartThread(), (line) => engineServiceLog().warn(line));
    this.startThread(ready, failedToStart);
    this.unsubscribe = engine.onCommitted((records) => {
      const last = records[records.length - 1].position;
      this.committed = Math.max(this.committed, last);
      this.lag.committed(last);
      // One message a turn of the event loop for every batch committed in it: each message wakes the exporter
      // thread and costs both threads a few microseconds, and a busy engine commits many batches a turn.
      this.announcing ??= setImmediate(() => {
        this.announceCommitted();
        this.adjustPriority();
      });
    });
  }

  /** Starts the thread (again, after a failure: it reads where history stands from history itself). */
  private startThread(ready: () => void, failedToStart: (error: Error) => void): void {
    const { files, engine } = this;
    let opened = false;
    // The log's writer thread hands durable batches straight to the exporter thread when the engine allows it.
    const channel = engine.attachLogExportPort ? new MessageChannel() : undefined;
    this.worker = new Worker(bundledThreadSource(THREAD_MODULE), {
      eval: true,
      workerData: { ...files, batches: channel?.port2 },
      transferList: channel ? [channel.port2] : [],
    });
    if (channel) engine.attachLogExportPort!(channel.port1);
    this.worker.on('message', (reply: ExporterReply) => {
      if (reply.kind === 'ready') {
        opened = true;
        this.failure = undefined;
        this.exported = reply.exported;
        this.committed = Math.max(this.committed, reply.logPosition);
        if (reply.rebuilding) this.rebuildingThrough = reply.logPosition;
        if (reply.threadId !== undefined) this.priority = new ThreadPriority(reply.threadId);
        this.adjustPriority();
        if (reply.rebuilding) this.onProgress(`history: rebuilding history.sqlite from the record log (${reply.logPosition} records) / 从记录日志重建历史库`);
        ready();
      } else if (reply.kind === 'exported') {
        this.onExported(reply.position);
      } else if (reply.kind === 'progress') {
        const percent = reply.target === 0 ? 100 : Math.floor((reply.position / reply.target) * 100);
        this.onProgress(`history: exporting ${percent}% (position ${reply.position} of ${reply.target}) / 历史导出进度 ${percent}%`);
      } else if (reply.kind === 'failed') {
        this.failure = reply.message;
        this.releaseWaiters();
        this.recovery.failed(reply.message, this.exported);
      }
    });
    this.worker.on('error', (error) => {
      this.failure = error.message;
      this.releaseWaiters();
      // Before `ready` the starter hears of it (the engine's start, or the recovery's restart); after, the recovery.
      if (opened) this.recovery.failed(error.message, this.exported);
      else failedToStart(error);
    });
    const worker = this.worker;
    this.closed = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  }

  /** Ends the failed thread and starts a fresh one, resolving once it is ready. */
  private async restartThread(): Promise<void> {
    this.worker.postMessage({ kind: 'close' } satisfies ExporterRequest);
    await this.closed;
    this.priority = undefined;
    this.flushRequested = 0;
    await new Promise<void>((resolve, reject) => this.startThread(resolve, reject));
  }

  /** Starts the thread; resolves once it has opened both files (a rebuild then goes on in the background). */
  static start(
    files: { logFile: string; historyFile: string },
    engine: ExportedEngine,
    onProgress: (line: string) => void = (line) => engineServiceLog().info(line),
  ): Promise<HistoryExporter> {
    return new Promise<HistoryExporter>((resolve, reject) => {
      const exporter: HistoryExporter = new HistoryExporter(files, engine, onProgress, () => resolve(exporter), reject);
    });
  }

  /** Last log position committed (as far as this thread has been told). */
  get logPosition(): number {
    return this.committed;
  }

  /** Last log position exported to history. */
  get position(): number {
    return this.exported;
  }

  /** Why the exporter stopped, if it did (with what happens next, while it recovers by itself). */
  get failed(): string | undefined {
    return this.failure === undefined ? undefined : (this.recovery.current?.message ?? this.failure);
  }

  status(): ExporterStatus {
    const failure = this.failure === undefined ? undefined : this.recovery.current;
    return { position: this.exported, lagRecords: Math.max(0, this.committed - this.exported), lagMs: this.lag.currentLagMs(), ...(failure ? { failure } : {}) };
  }

  /**
   * Resolves true once history holds everything up to `position`, or false after `timeoutMs` (the caller then
   * answers from history as it stands: search is eventually consistent, as in Camunda).
   */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.exported >= position || this.failure) return Promise.resolve(this.exported >= position);
    if (timeoutMs <= 0) return Promise.resolve(false);
    // The thread gathers records for bigger transactions; someone waiting for them asks it not to.
    if (position > this.flushRequested) {
      this.flushRequested = position;
      this.worker.postMessage({ kind: 'flush', position } satisfies ExporterRequest);
    }
    return new Promise<boolean>((resolve) => {
      const waiter: { position: number; resolve(reached: boolean): void } = { position, resolve: (reached) => resolve(reached) };
      const timer = setTimeout(() => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        resolve(false);
      }, timeoutMs);
      waiter.resolve = (reached: boolean) => {
        clearTimeout(timer);
        resolve(reached);
      };
      this.waiters.push(waiter);
      this.adjustPriority();
    });
  }

  /**
   * Lowers the exporter thread while history keeps up, raises it while it lags, rebuilds or is awaited.
   * Runs on every commit and export, so under load the decision follows the load; only a lowered thread
   * with records outstanding on a quiet engine needs the one-shot recheck timer.
   */
  private adjustPriority(): void {
    if (!this.priority) return;
    const lagMs = this.lag.currentLagMs();
    if (lagMs >= KEEP_UP_AFTER_MS || this.waiters.length > 0 || this.exported < this.rebuildingThrough) this.priority.keepUp();
    else if (lagMs < YIELD_BELOW_MS) this.priority.yieldToEngine();
    // Lowered with records outstanding and no commit to come (a quiet engine): look again when they are due.
    if (this.priority.lowered && this.exported < this.committed && !this.recheck) {
      this.recheck = setTimeout(() => {
        this.recheck = undefined;
        this.adjustPriority();
      }, KEEP_UP_AFTER_MS);
      this.recheck.unref();
    }
  }

  private onExported(position: number): void {
    this.exported = position;
    this.lag.exported(position);
    for (let index = this.waiters.length - 1; index >= 0; index -= 1) {
      if (this.waiters[index].position <= position) this.waiters.splice(index, 1)[0].resolve(true);
    }
    this.adjustPriority();
  }

  private releaseWaiters(): void {
    for (const waiter of this.waiters.splice(0)) waiter.resolve(false);
  }

  /** Tells the exporter thread how far the log is committed (the message {@link announcing} stood for). */
  private announceCommitted(): void {
    this.announcing = undefined;
    this.worker.postMessage({ kind: 'committed', position: this.committed } satisfies ExporterRequest);
  }

  /** Stops listening to the engine, lets the thread finish its transaction, and waits for it to end. */
  async close(): Promise<void> {
    this.unsubscribe();
    this.recovery.stop();
    if (this.recheck) clearTimeout(this.recheck);
    this.releaseWaiters();
    // The last commits are announced before the close, so the thread's last transaction holds them.
    if (this.announcing) {
      clearImmediate(this.announcing);
      this.announceCommitted();
    }
    this.worker.postMessage({ kind: 'close' } satisfies ExporterRequest);
    await this.closed;
  }
}
