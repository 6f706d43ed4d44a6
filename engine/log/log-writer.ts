import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WriteRequest, WriterReply, WriterRequest } from './log-writer-messages';

const THREAD_MODULE = fileURLToPath(new URL('./log-writer-thread.ts', import.meta.url));
let threadSource: string | undefined;

/**
 * The writer thread's code as one CommonJS script. A worker does not inherit the TypeScript loader the engine
 * thread runs under (and on Node 20 a loader cannot be registered inside a worker), so the thread module is
 * bundled once per process with esbuild — ~0.1 s, against ~0.2 s per thread for starting tsx in each one.
 * Packages stay external and resolve from the thread module's own folder.
 */
function writerThreadSource(): string {
  threadSource ??= (() => {
    const bundled = buildSync({
      entryPoints: [THREAD_MODULE],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      write: false,
    }).outputFiles[0].text;
    return `(function (require) {\n${bundled}\n})(require('node:module').createRequire(${JSON.stringify(THREAD_MODULE)}));`;
  })();
  return threadSource;
}

interface PendingWrite {
  id: number;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * The engine thread's handle on the log's writer thread (`log-writer-thread.ts`): `write` hands a batch over
 * and resolves once it is durable. Batches are made durable in the order they were handed over; when one
 * fails, it and every later one reject.
 */
export class LogWriter {
  private readonly worker: Worker;
  private readonly pending: PendingWrite[] = [];
  private nextId = 1;
  private failure: Error | undefined;
  private readonly closed: Promise<void>;

  constructor(file: string) {
    this.worker = new Worker(writerThreadSource(), { eval: true, workerData: { file } });
    this.worker.on('message', (reply: WriterReply) => this.onReply(reply));
    this.closed = new Promise<void>((resolve) => {
      this.worker.once('exit', (code) => {
        this.fail(new Error(`Expected the log writer thread to keep running, but it exited with code ${code}`));
        resolve();
      });
    });
    this.worker.on('error', (error) => this.fail(error));
  }

  /** Hand over one batch (`json` is transferred: do not use it afterwards); resolves once it is durable. */
  write(request: Omit<WriteRequest, 'kind' | 'id'>): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const message: WriterRequest = { kind: 'write', id, ...request };
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ id, resolve, reject });
      this.worker.postMessage(message, [request.json.buffer as ArrayBuffer]);
    });
  }

  /** Let the thread finish every batch handed over, then stop it. */
  async close(): Promise<void> {
    this.worker.postMessage({ kind: 'close' } satisfies WriterRequest);
    await this.closed;
  }

  private onReply(reply: WriterReply): void {
    if (reply.kind === 'closed') return;
    const error = reply.kind === 'failed' ? new Error(`Expected to commit the record batch, but SQLite failed: ${reply.message}`) : undefined;
    while (this.pending.length > 0 && this.pending[0].id <= reply.throughId) {
      const write = this.pending.shift()!;
      if (error) write.reject(error);
      else write.resolve();
    }
    if (error) this.fail(error);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const write of this.pending.splice(0)) write.reject(this.failure);
  }
}
