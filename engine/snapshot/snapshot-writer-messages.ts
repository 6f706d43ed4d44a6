import type { CapturedState } from '../state/state-capture';
import type { SnapshotHeader } from './snapshot-file';

/** Engine thread → writer thread: one captured state to write (its buffers are transferred, not copied). */
export interface SnapshotWriteRequest {
  id: number;
  dir: string;
  header: Omit<SnapshotHeader, 'stateBytes'>;
  state: CapturedState;
  /** How many snapshots to keep, newest first. */
  keep: number;
}

/** Writer thread → engine thread: the file is durable under its final name, or writing it failed. */
export type SnapshotWriteReply =
  | { kind: 'written'; id: number; file: string; bytes: number; stateBytes: number }
  | { kind: 'failed'; id: number; message: string };
