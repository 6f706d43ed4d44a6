import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CapturedState } from '../state';
import type { SnapshotHeader } from './snapshot-file';
import type { SnapshotWriteReply, SnapshotWriteRequest } from './snapshot-writer-messages';

const THREAD_MODULE = fileURLToPath(new URL('./snapshot-writer-thread.ts', import.meta.url));
let threadSource: string | undefined;

/** The thread module as one CommonJS script (a worker does not inherit the engine's TypeScript loader; see the log writer). */
function writerThreadSource(): string {
  threadSource ??= (() => {
    const bundled = buildSync({ entryPoints: [THREAD_MODULE], bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', write: false })
      .outputFiles[0].text;
    return `(function (require) {\n${bundled}\n})(require('node:module').createRequire(${JSON.stringify(THREAD_MODULE)}));`;
  })();
  return threadSource;
}

/**
 * The engine thread's handle on the snapshot writer thread, started on the first snapshot. `write` hands a
 * captured state over (its chunks' memory is transferred, not copied) and resolves with the file's size once
 * the file is durable under its final name.
 */
export class SnapshotWriter {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(written: { bytes: number; stateBytes: number }): void; reject(error: Error): void }>();

  constructor(
    private readonly dir: string,
    private readonly keep: number,
  ) {}

  write(header: Omit<SnapshotHeader, 'stateBytes'>, state: CapturedState): Promise<{ bytes: number; stateBytes: number }> {
    const worker = this.start();
    const id = this.nextId++;
    const request: SnapshotWriteRequest = { id, dir: this.dir, header, state, keep: this.keep };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(request, transferable(state));
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(writerThreadSource(), { eval: true });
    worker.unref();
    worker.on('message', (reply: SnapshotWriteReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.kind === 'written') waiting?.resolve({ bytes: reply.bytes, stateBytes: reply.stateBytes });
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

/** The buffers of a captured state that can move to the writer thread without a copy (each owned whole, once). */
function transferable(state: CapturedState): ArrayBuffer[] {
  const views = [state.messageCorrelations];
  for (const map of Object.values(state.maps)) views.push(map.order, ...map.chunks);
  const buffers = new Set<ArrayBuffer>();
  for (const view of views) {
    const buffer = view.buffer;
    if (buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === buffer.byteLength) buffers.add(buffer);
  }
  return [...buffers];
}
