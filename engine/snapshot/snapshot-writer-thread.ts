/**
 * The snapshot writer thread: it compresses a capture's chunks as they arrive (so the engine thread holds
 * none of them for long), then frames the whole with its header and sha256 and writes it atomically — temporary file, fsync, rename, fsync of the folder — so a crash leaves either
 * the old set of snapshots or the old set plus the new one, never a half-written file under a snapshot name.
 * Then it keeps the newest few and deletes the rest. None of this runs on the engine thread.
 */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { encodeSnapshotFile, positionOfFileName, snapshotFileName, TEMP_SUFFIX } from './snapshot-file';
import type { CapturedChunk, CapturedMap, CapturedState, CarriedField, WrittenChunk } from '../state/state-capture';
import type { SnapshotWriteReply, SnapshotWriteRequest } from './snapshot-writer-messages';

/** A capture being received: its maps' compressed chunks, and its size before compression (carried-over chunks count compressed). */
interface Receiving {
  maps: Partial<Record<CarriedField, CapturedMap>>;
  stateBytes: number;
  /** The chunks compressed here, with the capture's ids: they go back to the engine thread once the file is durable. */
  compressed: WrittenChunk[];
}

const receiving = new Map<number, Receiving>();

const port = parentPort!;

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function receive(request: Extract<SnapshotWriteRequest, { kind: 'chunks' }>): void {
  let capture = receiving.get(request.id);
  if (!capture) receiving.set(request.id, (capture = { maps: {}, stateBytes: 0, compressed: [] }));
  for (const chunk of request.chunks) {
    const map = (capture.maps[chunk.field] ??= { order: undefined, chunks: [] as CapturedChunk[] });
    const chunks = map.chunks as CapturedChunk[];
    capture.stateBytes += chunk.bytes?.byteLength ?? 0;
    // Level 1: chunks are repetitive (keys, field names); fast deflate takes most of the gain at a fraction of the time.
    if (chunk.kind === 'order') map.order = chunk.bytes && gzipSync(chunk.bytes, { level: 1 });
    else if (chunk.kind === 'cold') {
      chunks.push({ entries: chunk.bytes, keys: chunk.keys, size: chunk.size, summary: chunk.summary, ...(chunk.skip && { skip: chunk.skip }) });
    }
    else {
      const compressed = { entries: ownBytes(gzipSync(chunk.bytes, { level: 1 })), keys: ownBytes(gzipSync(chunk.keys, { level: 1 })), size: chunk.size, summary: chunk.summary };
      chunks.push(compressed);
      capture.compressed.push({ id: chunk.id, ...compressed });
    }
  }
}

/**
 * `bytes` in a buffer of its own: zlib may hand back a view into a larger one, and only a whole buffer can be
 * transferred back to the engine thread (and holding a view would keep the rest of the buffer alive there).
 */
function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

/** The buffers of the compressed chunks, to transfer with the reply (each listed once). */
function buffersOf(chunks: WrittenChunk[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const chunk of chunks) {
    for (const bytes of [chunk.entries, chunk.keys, chunk.summary]) {
      if (bytes && bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) buffers.add(bytes.buffer);
    }
  }
  return [...buffers];
}

function write(request: Extract<SnapshotWriteRequest, { kind: 'write' }>): { reply: SnapshotWriteReply; transfer: ArrayBuffer[] } {
  const capture = receiving.get(request.id) ?? { maps: {}, stateBytes: 0, compressed: [] };
  receiving.delete(request.id);
  const state: CapturedState = { ...request.head, maps: capture.maps as CapturedState['maps'] };
  const payload = serialize(state);
  const parts = encodeSnapshotFile({ ...request.header, stateBytes: capture.stateBytes }, payload);
  const name = snapshotFileName(request.header.position);
  const temp = join(request.dir, name + TEMP_SUFFIX);
  const fd = openSync(temp, 'w');
  let bytes = 0;
  try {
    for (const part of parts) {
      for (let done = 0; done < part.length; ) done += writeSync(fd, part, done, part.length - done);
      bytes += part.length;
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, join(request.dir, name));
  fsyncPath(request.dir);
  // Keep the newest few: if the newest turns out unreadable, the one before it still saves most of a replay.
  const positions = readdirSync(request.dir)
    .map(positionOfFileName)
    .filter((p): p is number => p !== undefined)
    .sort((a, b) => b - a);
  for (const old of positions.slice(request.keep)) rmSync(join(request.dir, snapshotFileName(old)), { force: true });
  // The file holds copies of the chunks (in its payload): their buffers can go back to the engine thread.
  return {
    reply: { kind: 'written', id: request.id, file: join(request.dir, name), bytes, stateBytes: capture.stateBytes, chunks: capture.compressed },
    transfer: buffersOf(capture.compressed),
  };
}

port.on('message', (request: SnapshotWriteRequest) => {
  if (request.kind === 'abandon') {
    receiving.delete(request.id);
    return;
  }
  try {
    if (request.kind === 'chunks') receive(request);
    else {
      const { reply, transfer } = write(request);
      port.postMessage(reply, transfer);
    }
  } catch (error) {
    receiving.delete(request.id);
    port.postMessage({ kind: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) } satisfies SnapshotWriteReply);
  }
});
