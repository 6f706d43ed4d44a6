import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes a probe writes: more than a typical batch or history transaction, so "writable" means one would fit too. */
export const PROBE_BYTES = 1024 * 1024;

/**
 * Whether a write of {@link PROBE_BYTES} into `dir` reaches the disk now: a file named `name` is written, synced
 * and removed, so a full disk, a quota, a file size limit or an I/O error shows. Shared by the record log's and
 * the history exporter's recoveries (issue 13).
 */
export function folderTakesWrites(dir: string, name: string): boolean {
  const file = join(dir, name);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'w');
    // A file size limit lets part of a write through and answers with the count: all of it, or not writable.
    if (writeSync(fd, Buffer.alloc(PROBE_BYTES)) !== PROBE_BYTES) return false;
    fsyncSync(fd);
    return true;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(file);
    } catch {
      // never created, or already gone
    }
  }
}
