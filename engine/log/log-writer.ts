import { fileURLToPath } from 'node:url';
import { Worker, type MessagePort } from 'node:worker_threads';
import { bundledThreadSource } from './thread-source';
import type { WriteRequest, WriterReply, WriterRequest } from './log-writer-messages';

const THREAD_MODULE = fileURLToPath(new URL('./log-writer-thread.ts', import.meta.url));

interface PendingWrite {
  id: number;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * What a group of records becomes before it crosses to the writer thread. It is called only while no earlier
 * request is in flight, so its bytes may live in a (shared) buffer that the next call reuses.
 */
export type PrepareWrite<T> = (records: T[]) => Omit<WriteRequest, 'kind' | 'id'>;

/**
 * The engine thread's handle on the log's writer thread (`log-writer-thread.ts`): `write` hands records over
 * and resolves once they are durable. While the thread is busy (syncing the last group), handed-in batches
 * wait here and cross over together when it is free: one message, one row, one fsync for all of them,
 * instead of a message per batch. Batches become durable in the order they were handed in; when one fails,
 * it and every later one reject.
 */
export class LogWriter<T> {
  private readonly worker: Worker;
  private readonly pending: PendingWrite[] = [];
  /** Records handed in while the thread was busy, and the id of the last batch among them. */
  private held: T[] = [];
  private heldThroughId = 0;
  private nextId = 1;
  private lastSentId = 0;
  private lastDurableId = 0;
  private failure: Error | undefined;
  /** The thread is gone (it exited or crashed): nothing can resume it. */
  private exited = false;
  private readonly closed: Promise<void>;

  constructor(
    file: string,
    private readonly prepare: PrepareWrite<T>,
  ) {
    this.worker = new Worker(bundledThreadSource(THREAD_MODULE), { eval: true, workerData: { file } });
    this.worker.on('message', (reply: WriterReply) => this.onReply(reply));
    this.closed = new Promise<void>((resolve) => {
      this.worker.once('exit', (code) => {
        this.exited = true;
        this.fail(new Error(`Expected the log writer thread to keep running, but it exited with code ${code}`));
        resolve();
      });
    });
    this.worker.on('error', (error) => this.fail(error));
  }

  /** Hand over one batch of records; resolves once it is durable. */
  write(records: readonly T[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const durable = new Promise<void>((resolve, reject) => this.pending.push({ id, resolve, reject }));
    for (const record of records) this.held.push(record);
    this.heldThroughId = id;
    if (this.lastDurableId === this.lastSentId) this.send();
    return durable;
  }

  /** Why writing stopped, while it is stopped. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /**
   * Take batches again after a failure (the caller has rebuilt its state from what is durable, so the next
   * batch follows the last durable one). False while the thread still has a batch of before the failure to
   * answer, or when the thread is gone.
   */
  resume(): boolean {
    if (!this.failure) return true;
    if (this.exited || this.lastDurableId !== this.lastSentId || this.pending.length > 0) return false;
    this.failure = undefined;
    this.worker.postMessage({ kind: 'resume' } satisfies WriterRequest);
    return true;
  }

  /** Have the thread post a copy of every batch it makes durable to `port` (the history exporter). */
  attachExportPort(port: MessagePort): void {
    this.worker.postMessage({ kind: 'export-port', port } satisfies WriterRequest, [port]);
  }

  /** Let the thread finish every batch handed over, then stop it. */
  async close(): Promise<void> {
    this.worker.postMessage({ kind: 'close' } satisfies WriterRequest);
    await this.closed;
  }

  private send(): void {
    if (this.held.length === 0) return;
    const records = this.held;
    this.held = [];
    const id = this.heldThroughId;
    let request: WriteRequest;
    try {
      request = { kind: 'write', id, ...this.prepare(records) };
    } catch (error) {
      return this.fail(error instanceof Error ? error : new Error(String(error)));
    }
    this.lastSentId = id;
    // A view on shared memory crosses without a copy; any other buffer is cloned.
    this.worker.postMessage(request);
  }

  private onReply(reply: WriterReply): void {
    if (reply.kind === 'closed') return;
    const error = reply.kind === 'failed' ? new Error(`Expected to commit the record batch, but SQLite failed: ${reply.message}`) : undefined;
    this.lastDurableId = reply.throughId;
    while (this.pending.length > 0 && this.pending[0].id <= reply.throughId) {
      const write = this.pending.shift()!;
      if (error) write.reject(error);
      else write.resolve();
    }
    if (error) this.fail(error);
    else if (this.lastDurableId === this.lastSentId) this.send();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.held = [];
    for (const write of this.pending.splice(0)) write.reject(this.failure);
  }
}
