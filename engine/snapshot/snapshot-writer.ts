import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { bundledThreadSource } from '../log/thread-source';
import type { CaptureChunk, CaptureHead, WrittenChunk } from '../state/state-capture';
import type { SnapshotHeader } from './snapshot-file';
import type { SnapshotWriteReply, SnapshotWriteRequest } from './snapshot-writer-messages';

const THREAD_MODULE = fileURLToPath(new URL('./snapshot-writer-thread.ts', import.meta.url));

/** A snapshot file written: its size, the state's size before compression, and the chunks compressed for it. */
export interface SnapshotWritten {
  bytes: number;
  stateBytes: number;
  chunks: WrittenChunk[];
}
/**
 * The engine thread's handle on the snapshot writer thread, started for each snapshot. `write` hands a
 * captured state over (its chunks' memory is transferred, not copied) and resolves with the file's size once
 * the file is durable under its final name. The thread ends once no capture is open: between snapshots
 * (every half minute under full load, every five minutes when quiet) it would only hold memory — its heap,
 * and the tens of MB of transferred chunks its idle heap never had a reason to collect (measured: 33–58 MB
 * at 50,000 waiting cases) — while starting it again from the bundled source costs some 50 ms of CPU.
 */
export class SnapshotWriter {
  private worker: Worker | undefined;
  private nextId = 1;
  /** Captures begun and neither written nor abandoned. */
  private readonly open = new Set<number>();
  private readonly pending = new Map<number, { resolve(written: SnapshotWritten): void; reject(error: Error): void }>();

  constructor(
    private readonly dir: string,
    private readonly keep: number,
  ) {}

  /** A new capture's id, for the calls below. */
  begin(): number {
    const id = this.nextId++;
    this.open.add(id);
    return id;
  }

  /** Hand over chunks of a capture as it goes; their memory moves to the writer thread. */
  send(id: number, chunks: CaptureChunk[]): void {
    if (chunks.length === 0) return;
    this.start().postMessage({ kind: 'chunks', id, chunks } satisfies SnapshotWriteRequest, transferable(chunks));
  }

  /** Write the capture sent so far as a snapshot file; resolves once it is durable, with the chunks it compressed. */
  write(id: number, header: Omit<SnapshotHeader, 'stateBytes'>, head: CaptureHead): Promise<SnapshotWritten> {
    const worker = this.start();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ kind: 'write', id, dir: this.dir, header, head, keep: this.keep } satisfies SnapshotWriteRequest);
    });
  }

  /** Forget a capture that will not be written. */
  abandon(id: number): void {
    this.worker?.postMessage({ kind: 'abandon', id } satisfies SnapshotWriteRequest);
    this.finished(id);
  }

  /** A capture is written or abandoned: with none open, the thread ends (the next snapshot starts another). */
  private finished(id: number): void {
    this.open.delete(id);
    const worker = this.worker;
    if (this.open.size > 0 || !worker) return;
    this.worker = undefined;
    // Its end is ours, not a failure: the next snapshot's thread must not hear of it.
    worker.removeAllListeners('exit');
    worker.removeAllListeners('error');
    void worker.terminate();
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(bundledThreadSource(THREAD_MODULE), { eval: true });
    worker.unref();
    worker.on('message', (reply: SnapshotWriteReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      this.finished(reply.id);
      if (reply.kind === 'written') waiting?.resolve({ bytes: reply.bytes, stateBytes: reply.stateBytes, chunks: reply.chunks });
      else waiting?.reject(new Error(reply.message));
    });
    const failAll = (error: Error) => {
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
      if (this.worker === worker) this.worker = undefined;
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`Expected the snapshot writer thread to keep running, but it exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}

/** The buffers of chunks that can move to the writer thread without a copy (each owned whole, listed once). */
function transferable(chunks: CaptureChunk[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const chunk of chunks) {
    // A carried-over cold chunk's bytes still belong to the map: copied, not transferred.
    if (chunk.kind === 'cold') continue;
    for (const bytes of chunk.kind === 'entries' ? [chunk.bytes, chunk.keys, chunk.summary] : [chunk.bytes]) {
      if (!bytes) continue;
      const buffer = bytes.buffer;
      if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) buffers.add(buffer);
    }
  }
  return [...buffers];
}
