/**
 * The server's side of the apps' reader thread (`apps-reader-thread.ts`): the apps' heavy history reads — audit case
 * search, one case in full, 亮灯 board, statistics, exports, department dashboard, the banner's open deadlines —
 * go there by name with plain arguments, so they never hold the engine thread. One thread per history store;
 * it answers in order, so a burst of exports queues there while commands, health and the task list keep the
 * engine thread.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { HttpProblem } from '../../../engine/gateway/rest/problem';
import type { History } from '../../../engine/history';
import { bundledThreadSource } from '../../../engine/log/thread-source';
import { engineServiceLog } from '../../../engine/logging/service-log';
import type { BusinessCalendar } from '../../../workers/calendar';
import type { AppsReadName, APPS_READS, NameBook } from './apps-reads';
import type { AppsReadReply, AppsReadRequest, CalendarSpec } from './apps-reader-messages';

const THREAD_MODULE = fileURLToPath(new URL('./apps-reader-thread.ts', import.meta.url));

/** The arguments of a read after its context. */
type ReadArgs<N extends AppsReadName> = (typeof APPS_READS)[N] extends (context: never, ...args: infer A) => unknown ? A : never;
/** What a read answers (awaited). */
type ReadValue<N extends AppsReadName> = Awaited<ReturnType<(typeof APPS_READS)[N]>>;

/** The calendar as plain data for the thread. */
function calendarSpec(calendar: BusinessCalendar): CalendarSpec {
  return {
    officePeriods: [...calendar.officePeriods],
    years: calendar.coveredYears().map((year) => [year, calendar.holidays.year(year)!]),
  };
}

/** A short text that changes when the calendar's years do (an import), to send the thread a new calendar only then. */
function calendarFingerprint(spec: CalendarSpec): string {
  return JSON.stringify(spec.years.map(([year, data]) => [year, [...data.holidays].sort(), [...data.workdays].sort()]));
}

/** The reader thread of one history store. */
export class AppsReader {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { name: AppsReadName; resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  private failed: string | undefined;
  private closing: Promise<void> | undefined;
  private sentCalendar: string;
  /** Reads answered, by name, and the ids of the threads that worked them out (never the engine's: see the isolation test). */
  readonly served = { count: 0, threadIds: new Set<number>(), names: new Map<AppsReadName, number>() };
  /** The readers running in this process, for diagnostics and tests. */
  static readonly running = new Set<AppsReader>();

  constructor(
    readonly history: History,
    private readonly calendar: BusinessCalendar,
    names: NameBook,
  ) {
    const spec = calendarSpec(calendar);
    this.sentCalendar = calendarFingerprint(spec);
    this.worker = new Worker(bundledThreadSource(THREAD_MODULE), { eval: true, workerData: { historyFile: history.db.name, names, calendar: spec } });
    // The thread never keeps the process alive; the server closes it.
    this.worker.unref();
    this.worker.on('message', (reply: AppsReadReply) => this.settle(reply));
    this.worker.on('error', (error) => this.fail(error.message));
    this.worker.on('exit', () => {
      AppsReader.running.delete(this);
      this.fail('the apps reader thread exited');
    });
    AppsReader.running.add(this);
  }

  /** Runs a read on the thread. */
  read<N extends AppsReadName>(name: N, ...args: ReadArgs<N>): Promise<ReadValue<N>> {
    if (this.failed || this.closing) {
      return Promise.reject(new HttpProblem(503, 'SERVICE_UNAVAILABLE', `Expected the apps reader thread to answer, but it is not running${this.failed ? `: ${this.failed}` : ''}. / 应用查询线程不可用。`));
    }
    const request: AppsReadRequest = { id: this.nextId++, name, args };
    const spec = calendarSpec(this.calendar);
    const fingerprint = calendarFingerprint(spec);
    if (fingerprint !== this.sentCalendar) {
      request.calendar = spec;
      this.sentCalendar = fingerprint;
    }
    return new Promise((resolve, reject) => {
      this.waiting.set(request.id, { name, resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage(request);
    });
  }

  /** Stops the thread at once (its index file is closed and checkpointed); reads still owed fail with 503. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.failed) return resolve();
      this.worker.once('exit', () => resolve());
      this.worker.postMessage('close');
    });
    return this.closing;
  }

  private settle(reply: AppsReadReply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    this.served.count += 1;
    this.served.threadIds.add(reply.threadId);
    this.served.names.set(waiter.name, (this.served.names.get(waiter.name) ?? 0) + 1);
    if (reply.ok) waiter.resolve(reply.value);
    else if (reply.problem) waiter.reject(new HttpProblem(reply.problem.status, reply.problem.title, reply.problem.detail));
    else waiter.reject(new Error(reply.message));
  }

  private fail(message: string): void {
    if (this.failed) return;
    this.failed = message;
    if (!this.closing) engineServiceLog().error(`应用查询线程停止 / the apps reader thread stopped: ${message}`);
    for (const [id, waiter] of this.waiting) {
      this.waiting.delete(id);
      waiter.reject(new HttpProblem(503, 'SERVICE_UNAVAILABLE', `Expected the apps reader thread to answer, but it stopped: ${message}. / 应用查询线程已停止。`));
    }
  }
}
