/**
 * The snapshot writer thread: it serializes and compresses a captured state, frames it with its header and sha256,
 * and writes it atomically — temporary file, fsync, rename, fsync of the folder — so a crash leaves either
 * the old set of snapshots or the old set plus the new one, never a half-written file under a snapshot name.
 * Then it keeps the newest few and deletes the rest. None of this runs on the engine thread.
 */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { encodeSnapshotFile, positionOfFileName, snapshotFileName, TEMP_SUFFIX } from './snapshot-file';
import type { SnapshotWriteReply, SnapshotWriteRequest } from './snapshot-writer-messages';

const port = parentPort!;

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function write(request: SnapshotWriteRequest): SnapshotWriteReply {
  const state = serialize(request.state);
  // Level 1: the image is repetitive (keys, field names); fast deflate takes most of the gain at a fraction of the time.
  const payload = gzipSync(state, { level: 1 });
  const parts = encodeSnapshotFile({ ...request.header, stateBytes: state.byteLength }, payload);
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
  return { kind: 'written', id: request.id, file: join(request.dir, name), bytes, stateBytes: state.byteLength };
}

port.on('message', (request: SnapshotWriteRequest) => {
  try {
    port.postMessage(write(request));
  } catch (error) {
    port.postMessage({ kind: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) } satisfies SnapshotWriteReply);
  }
});
