import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EngineRejection } from '../api';
import { evaluateProperty } from '../feel';
import { FEEL_MAX_MILLIS } from '../feel/evaluation-budget';
import { bundledThreadSource } from '../log/thread-source';
import { engineServiceLog } from '../logging/service-log';
import { checkDeployment } from './deployment-check';
import { splitJson } from './json-body-split';
import type { WorkReply, WorkRequest, WorkResults } from './work-messages';

const THREAD_MODULE = fileURLToPath(new URL('./work-thread.ts', import.meta.url));

/** Distributive Omit, so each kind of work keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * Isolation threads: `ONEGO_ISOLATION_THREADS` (0 to 8; 0 runs the work on the calling thread — the engine's —
 * only to compare), default 1: deployments and evaluation requests are rare, and each thread costs ~40 MB.
 */
export function isolationThreadCount(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.ONEGO_ISOLATION_THREADS);
  if (env.ONEGO_ISOLATION_THREADS !== undefined && Number.isInteger(fromEnv) && fromEnv >= 0 && fromEnv <= 8) return fromEnv;
  return 1;
}

/** The `nice` value isolation threads run at (`ONEGO_ISOLATION_NICE`, 0 to 19), default 10, below the engine thread. */
export function isolationNice(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.ONEGO_ISOLATION_NICE);
  if (env.ONEGO_ISOLATION_NICE !== undefined && Number.isInteger(fromEnv) && fromEnv >= 0 && fromEnv <= 19) return fromEnv;
  return 10;
}

/**
 * Longest a piece of work may keep its thread before the thread is stopped and replaced: FEEL stops itself at
 * its budget, so this only catches what escapes it; a 4 MB deployment parses in seconds even on a busy machine.
 */
const HARD_DEADLINE_MS: Record<WorkRequest['op'], number> = {
  'evaluate-expression': FEEL_MAX_MILLIS + 10_000,
  'check-deployment': 120_000,
  // a 4 MB body parses in well under a second even on a loaded machine
  'split-json': 30_000,
};

interface IsolationThread {
  worker: Worker;
  /** The work this thread is doing now (a thread takes one piece at a time), if any. */
  busyWith?: number;
  stopped?: string;
}

interface Work {
  id: number;
  request: WithoutId<WorkRequest>;
  resolve(value: unknown): void;
  reject(error: Error): void;
  thread?: IsolationThread;
  timer?: NodeJS.Timeout;
}

/**
 * Runs work a caller can make long — a deployment's parsing and validation, a FEEL expression from a request —
 * on worker threads, so the engine thread goes on answering everybody else meanwhile (issue 13). Threads start
 * on first use and never keep the process alive. Each takes one piece of work at a time; the rest wait here, in
 * order, and a piece's hard deadline runs only while a thread works on it, so work queued behind a slow
 * deployment is not failed for the wait. A thread that overruns the deadline is stopped and replaced, failing
 * only the work it held.
 */
export class IsolationPool {
  private readonly threads: IsolationThread[] = [];
  private readonly queue: Work[] = [];
  private readonly working = new Map<number, Work>();
  private nextId = 1;

  constructor(private readonly size = isolationThreadCount()) {}

  /** Do `request` on an isolation thread (or here, with 0 threads) and resolve with its result. */
  run<K extends WorkRequest['op']>(request: Extract<WithoutId<WorkRequest>, { op: K }>): Promise<WorkResults[K]> {
    if (this.size === 0) return runHere(request as WithoutId<WorkRequest>) as Promise<WorkResults[K]>;
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request: request as WithoutId<WorkRequest>, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Hand queued work to idle threads, starting threads up to the pool's size. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      let thread = this.threads.find((candidate) => !candidate.stopped && candidate.busyWith === undefined);
      if (!thread && this.threads.length < this.size) thread = this.start();
      if (!thread) return;
      const work = this.queue.shift()!;
      const deadline = HARD_DEADLINE_MS[work.request.op];
      work.thread = thread;
      work.timer = setTimeout(() => this.stop(thread, `work '${work.request.op}' ran over ${deadline} ms`), deadline);
      work.timer.unref();
      thread.busyWith = work.id;
      this.working.set(work.id, work);
      thread.worker.postMessage({ ...work.request, id: work.id } as WorkRequest);
    }
  }

  private start(): IsolationThread {
    const worker = new Worker(bundledThreadSource(THREAD_MODULE), { eval: true, workerData: { nice: isolationNice() } });
    const thread: IsolationThread = { worker };
    worker.on('message', (reply: WorkReply) => this.settle(thread, reply));
    worker.on('error', (error) => this.stop(thread, error.message));
    worker.on('exit', () => this.stop(thread, 'the thread exited'));
    // After the listeners: attaching a 'message' listener refs the worker's port again, which kept a finished
    // `onego test-cases` (and any embedding process) from exiting.
    worker.unref();
    this.threads.push(thread);
    return thread;
  }

  private settle(thread: IsolationThread, reply: WorkReply): void {
    const work = this.working.get(reply.id);
    if (thread.busyWith === reply.id) thread.busyWith = undefined;
    if (work) {
      this.working.delete(reply.id);
      clearTimeout(work.timer);
      if (reply.ok) work.resolve(reply.value);
      else work.reject(new Error(reply.message));
    }
    this.dispatch();
  }

  private stop(thread: IsolationThread, why: string): void {
    if (thread.stopped) return;
    thread.stopped = why;
    this.threads.splice(this.threads.indexOf(thread), 1);
    void thread.worker.terminate();
    engineServiceLog().warn(`隔离线程已停止并将重建 / an isolation thread was stopped and will be replaced: ${why}`);
    const work = thread.busyWith === undefined ? undefined : this.working.get(thread.busyWith);
    if (work) {
      this.working.delete(work.id);
      clearTimeout(work.timer);
      work.reject(new EngineRejection('RESOURCE_EXHAUSTED', `Expected the work to finish on its isolation thread, but ${why}. / 后台线程处理超时，请稍后重试。`));
    }
    this.dispatch();
  }
}

/** The same work on the calling thread (`ONEGO_ISOLATION_THREADS=0`). */
async function runHere(request: WithoutId<WorkRequest>): Promise<unknown> {
  switch (request.op) {
    case 'evaluate-expression':
      return evaluateProperty(request.expression, {}, { now: request.now });
    case 'check-deployment':
      return checkDeployment(request.resources);
    case 'split-json':
      return splitJson(request);
  }
}

let shared: IsolationPool | undefined;

/** The process's isolation pool, made on first use (engines in one process share it; its threads start lazily). */
export function isolationPool(): IsolationPool {
  shared ??= new IsolationPool();
  return shared;
}
