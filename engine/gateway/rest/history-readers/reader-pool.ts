import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { bundledThreadSource } from '../../../log/thread-source';
import { engineServiceLog } from '../../../logging/service-log';
import { HttpProblem } from '../problem';
import type { ReadReply, ReadRequest } from './read-registry';

const THREAD_MODULE = fileURLToPath(new URL('./reader-thread.ts', import.meta.url));

/** Distributive Omit, so each request kind keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * Default number of reader threads: `ONEGO_HISTORY_READERS` (0 to 16; 0 = searches on the engine thread, only
 * for comparison), else 2 (or 1 on a one-core machine).
 */
export function defaultReaderCount(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.ONEGO_HISTORY_READERS);
  if (env.ONEGO_HISTORY_READERS !== undefined && Number.isInteger(fromEnv) && fromEnv >= 0 && fromEnv <= 16) return fromEnv;
  return Math.min(2, availableParallelism());
}

/**
 * The `nice` value reader threads run at: `ONEGO_HISTORY_READER_NICE` (0 to 19, 0 = as the engine thread),
 * default 10, so searches yield the CPU to the engine thread on a loaded machine.
 */
export function defaultReaderNice(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.ONEGO_HISTORY_READER_NICE);
  if (env.ONEGO_HISTORY_READER_NICE !== undefined && Number.isInteger(fromEnv) && fromEnv >= 0 && fromEnv <= 19) return fromEnv;
  return 10;
}

interface ReaderThread {
  worker: Worker;
  inFlight: number;
  failed?: string;
}

/**
 * Reader threads over `history.sqlite` (issue 13, item 3: nothing a caller can make long on the engine
 * thread). Each request goes to the thread with the fewest requests in flight; a thread answers one at a
 * time, so 50 concurrent searches queue here while health, topology and commands keep the engine thread.
 */
export class HistoryReaderPool {
  private readonly threads: ReaderThread[] = [];
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void; thread: ReaderThread }>();
  private nextId = 1;
  private closed = false;

  constructor(historyFile: string, size = defaultReaderCount()) {
    const source = bundledThreadSource(THREAD_MODULE);
    for (let index = 0; index < size; index++) {
      const worker = new Worker(source, { eval: true, workerData: { historyFile, nice: defaultReaderNice() } });
      // Reader threads never keep the process alive; the server closes them.
      worker.unref();
      const thread: ReaderThread = { worker, inFlight: 0 };
      worker.on('message', (reply: ReadReply) => this.settle(reply));
      worker.on('error', (error) => this.fail(thread, error.message));
      worker.on('exit', () => this.fail(thread, 'the reader thread exited'));
      this.threads.push(thread);
    }
  }

  /** Run a registered read on the least busy reader thread. */
  run(request: WithoutId<ReadRequest>): Promise<unknown> {
    const thread = this.threads.filter((candidate) => !candidate.failed).sort((a, b) => a.inFlight - b.inFlight)[0];
    if (this.closed || !thread) {
      return Promise.reject(new HttpProblem(503, 'SERVICE_UNAVAILABLE', 'Expected a history reader to answer, but none is running. / 历史查询线程不可用。'));
    }
    const id = this.nextId++;
    thread.inFlight += 1;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, thread });
      thread.worker.postMessage({ ...request, id } as ReadRequest);
    });
  }

  /** Stop every reader thread (answers still owed fail with 503). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(
      this.threads.map(
        (thread) =>
          new Promise<void>((resolve) => {
            if (thread.failed) return resolve();
            thread.worker.once('exit', () => resolve());
            thread.worker.postMessage('close');
          }),
      ),
    );
  }

  private settle(reply: ReadReply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    waiter.thread.inFlight -= 1;
    if (reply.ok) waiter.resolve(reply.value);
    else if (reply.problem) waiter.reject(new HttpProblem(reply.problem.status, reply.problem.title, reply.problem.detail));
    else waiter.reject(new Error(reply.message));
  }

  private fail(thread: ReaderThread, message: string): void {
    if (thread.failed) return;
    thread.failed = message;
    if (!this.closed) engineServiceLog().error(`历史查询线程停止 / a history reader thread stopped: ${message}`);
    for (const [id, waiter] of this.waiting) {
      if (waiter.thread !== thread) continue;
      this.waiting.delete(id);
      waiter.reject(new HttpProblem(503, 'SERVICE_UNAVAILABLE', `Expected the history reader to answer, but it stopped: ${message}. / 历史查询线程已停止。`));
    }
  }
}
