import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EngineRejection } from '../api';
import { evaluateProperty } from '../feel';
import { FEEL_MAX_MILLIS } from '../feel/evaluation-budget';
import { bundledThreadSource } from '../log/thread-source';
import { engineServiceLog } from '../logging/service-log';
import { checkDeployment } from './deployment-check';
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
};

interface IsolationThread {
  worker: Worker;
  inFlight: Set<number>;
  stopped?: string;
}

interface Waiter {
  thread: IsolationThread;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Runs work a caller can make long — a deployment's parsing and validation, a FEEL expression from a request —
 * on worker threads, so the engine thread goes on answering everybody else meanwhile (issue 13). Threads start
 * on first use, never keep the process alive, and one that overruns its hard deadline is stopped and replaced,
 * failing only the work it held.
 */
export class IsolationPool {
  private readonly threads: IsolationThread[] = [];
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 1;

  constructor(private readonly size = isolationThreadCount()) {}

  /** Do `request` on the least busy isolation thread (or here, with 0 threads) and resolve with its result. */
  run<K extends WorkRequest['op']>(request: Extract<WithoutId<WorkRequest>, { op: K }>): Promise<WorkResults[K]> {
    if (this.size === 0) return runHere(request as WithoutId<WorkRequest>) as Promise<WorkResults[K]>;
    const thread = this.pickThread();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.stop(thread, `work '${request.op}' ran over ${HARD_DEADLINE_MS[request.op]} ms`), HARD_DEADLINE_MS[request.op]);
      timer.unref();
      this.waiting.set(id, { thread, resolve: resolve as (value: unknown) => void, reject, timer });
      thread.inFlight.add(id);
      thread.worker.postMessage({ ...request, id } as WorkRequest);
    });
  }

  private pickThread(): IsolationThread {
    const running = this.threads.filter((thread) => !thread.stopped);
    if (running.length < this.size) return this.start();
    return running.sort((a, b) => a.inFlight.size - b.inFlight.size)[0];
  }

  private start(): IsolationThread {
    const worker = new Worker(bundledThreadSource(THREAD_MODULE), { eval: true, workerData: { nice: isolationNice() } });
    worker.unref();
    const thread: IsolationThread = { worker, inFlight: new Set() };
    worker.on('message', (reply: WorkReply) => this.settle(reply));
    worker.on('error', (error) => this.stop(thread, error.message));
    worker.on('exit', () => this.stop(thread, 'the thread exited'));
    this.threads.push(thread);
    return thread;
  }

  private settle(reply: WorkReply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    waiter.thread.inFlight.delete(reply.id);
    clearTimeout(waiter.timer);
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(new Error(reply.message));
  }

  private stop(thread: IsolationThread, why: string): void {
    if (thread.stopped) return;
    thread.stopped = why;
    this.threads.splice(this.threads.indexOf(thread), 1);
    void thread.worker.terminate();
    engineServiceLog().warn(`隔离线程已停止并将重建 / an isolation thread was stopped and will be replaced: ${why}`);
    for (const id of thread.inFlight) {
      const waiter = this.waiting.get(id);
      if (!waiter) continue;
      this.waiting.delete(id);
      clearTimeout(waiter.timer);
      waiter.reject(new EngineRejection('RESOURCE_EXHAUSTED', `Expected the work to finish on its isolation thread, but ${why}. / 后台线程处理超时，请稍后重试。`));
    }
  }
}

/** The same work on the calling thread (`ONEGO_ISOLATION_THREADS=0`). */
async function runHere(request: WithoutId<WorkRequest>): Promise<unknown> {
  switch (request.op) {
    case 'evaluate-expression':
      return evaluateProperty(request.expression, {}, { now: request.now });
    case 'check-deployment':
      return checkDeployment(request.resources);
  }
}

let shared: IsolationPool | undefined;

/** The process's isolation pool, made on first use (engines in one process share it; its threads start lazily). */
export function isolationPool(): IsolationPool {
  shared ??= new IsolationPool();
  return shared;
}
