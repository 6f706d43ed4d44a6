import type { CaptureChunk, CaptureHead, WrittenChunk } from '../state/state-capture';
import type { SnapshotHeader } from './snapshot-file';

/**
 * Engine thread → writer thread. A capture streams over as it is taken: its chunks (transferred, not copied)
 * slice by slice, then `write` with the rest once the position is committed, or `abandon`.
 */
export type SnapshotWriteRequest =
  | { kind: 'chunks'; id: number; chunks: CaptureChunk[] }
  | { kind: 'write'; id: number; dir: string; header: Omit<SnapshotHeader, 'stateBytes'>; head: CaptureHead; keep: number }
  | { kind: 'abandon'; id: number };

/**
 * Writer thread → engine thread: the file is durable under its final name (with the chunks it compressed,
 * their buffers transferred, for re-cooling), or writing it failed.
 */
export type SnapshotWriteReply =
  | { kind: 'written'; id: number; file: string; bytes: number; stateBytes: number; chunks: WrittenChunk[] }
  | { kind: 'failed'; id: number; message: string };
