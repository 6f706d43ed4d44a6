import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
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
 * captured image over (its memory is transferred, not copied) and resolves with the file's size once the
 * file is durable under its final name.
 */
export class SnapshotWriter {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(bytes: number): void; reject(error: Error): void }>();

  constructor(
    private readonly dir: string,
    private readonly keep: number,
  ) {}

  write(header: Omit<SnapshotHeader, 'stateBytes'>, state: Buffer): Promise<number> {
    const worker = this.start();
    const id = this.nextId++;
    // Transfer the image's memory when it owns it whole; otherwise copy it once.
    const owned = state.byteOffset === 0 && state.byteLength === state.buffer.byteLength && !(state.buffer instanceof SharedArrayBuffer);
    const buffer = owned ? (state.buffer as ArrayBuffer) : state.buffer.slice(state.byteOffset, state.byteOffset + state.byteLength);
    const request: SnapshotWriteRequest = { id, dir: this.dir, header, state: buffer as ArrayBuffer, keep: this.keep };
    return new Promise<number>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(request, [request.state]);
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
      if (reply.kind === 'written') waiting?.resolve(reply.bytes);
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
