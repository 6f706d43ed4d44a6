import { createHash } from 'node:crypto';

/**
 * Bumped whenever what a snapshot holds changes shape; an older engine refuses a newer file and replays.
 * 2: each chunk carries its keys apart from its entries, so a restart decodes keys only (see ColdChunk).
 * 3: a chunk carried over from an earlier snapshot may list entries to skip (changed or removed since).
 * 4: a variable whose value is held as text is written as that text (`{ key, valueJson }`, see
 *    variablesForSnapshot in lazy-variable-values.ts), not parsed for the snapshot.
 */
export const SNAPSHOT_FORMAT = 4;

/**
 * Formats this engine reads: format 1 files (written before 2) are still restored, eagerly; format 2 files are
 * format 3 files without skip lists; format 3 files are format 4 files without variables written as text.
 */
const READABLE_FORMATS: readonly number[] = [1, 2, 3, 4];

const MAGIC = Buffer.from('ONEGOSNP', 'ascii');
const DIGEST_BYTES = 32;

/** What the header of a snapshot file says about it. */
export interface SnapshotHeader {
  format: number;
  /** The log position the state was captured at: a restart replays the records after it. */
  position: number;
  /** Wall time of the capture, ISO 8601. */
  takenAt: string;
  /**
   * How the payload is encoded: the V8 serialization (backward compatible, safe to store) of a captured state
   * whose map chunks are each V8-serialized and gzipped.
   */
  encoding: 'v8+gzip';
  /** Size of the state image before compression. */
  stateBytes: number;
}

/**
 * A snapshot file: `ONEGOSNP`, the header length (u32, big endian), the header as JSON, the payload, then a
 * sha256 of everything before it. The digest comes last, so a file cut short anywhere fails the check too.
 */
export function encodeSnapshotFile(header: SnapshotHeader, payload: Uint8Array): Buffer[] {
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const hash = createHash('sha256');
  for (const part of [MAGIC, length, headerBytes, payload]) hash.update(part);
  return [MAGIC, length, headerBytes, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength), hash.digest()];
}

/** A decoded file, or why it cannot be used (in English and Chinese, for the one-line warning). */
export type DecodedSnapshot = { ok: true; header: SnapshotHeader; payload: Buffer } | { ok: false; reason: string };

/** Check a file's frame and digest and read its header; the payload is left encoded. */
export function decodeSnapshotFile(bytes: Buffer): DecodedSnapshot {
  if (bytes.length < MAGIC.length + 4 + DIGEST_BYTES) return { ok: false, reason: `文件被截断 / the file is truncated (${bytes.length} bytes)` };
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return { ok: false, reason: '不是快照文件 / the file is not a snapshot' };
  const body = bytes.subarray(0, bytes.length - DIGEST_BYTES);
  const digest = createHash('sha256').update(body).digest();
  if (!digest.equals(bytes.subarray(bytes.length - DIGEST_BYTES))) {
    return { ok: false, reason: '校验和不符：文件损坏或被截断 / checksum mismatch: corrupt or truncated' };
  }
  const headerLength = body.readUInt32BE(MAGIC.length);
  const headerEnd = MAGIC.length + 4 + headerLength;
  let header: SnapshotHeader;
  try {
    header = JSON.parse(body.subarray(MAGIC.length + 4, headerEnd).toString('utf8')) as SnapshotHeader;
  } catch {
    return { ok: false, reason: '文件头无法解析 / the header does not parse' };
  }
  if (!READABLE_FORMATS.includes(header.format) || header.encoding !== 'v8+gzip') {
    return { ok: false, reason: `格式版本 ${header.format} 不受支持 / format version ${header.format} (${header.encoding}) is not supported (expected ${SNAPSHOT_FORMAT})` };
  }
  return { ok: true, header, payload: body.subarray(headerEnd) };
}

/** `state-<position, 16 digits>.snapshot`: names sort by position. */
export function snapshotFileName(position: number): string {
  return `state-${String(position).padStart(16, '0')}.snapshot`;
}

/** The position a snapshot file name carries, or undefined for any other file. */
export function positionOfFileName(name: string): number | undefined {
  const match = /^state-(\d{16})\.snapshot$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** Temporary files of snapshots being written; one left behind means the writer died mid-write. */
export const TEMP_SUFFIX = '.tmp';
