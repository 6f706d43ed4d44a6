import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Bytes a data folder holds, by part: the record log, the history store, snapshots and anything else. */
export interface DataFolderSize {
  records: number;
  history: number;
  snapshots: number;
  other: number;
  /** Whether the history store / snapshots exist at all (absent on an engine without them). */
  hasHistory: boolean;
  hasSnapshots: boolean;
}

async function filesUnder(dir: string): Promise<{ path: string; bytes: number }[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: { path: string; bytes: number }[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path)));
    else if (entry.isFile()) files.push({ path, bytes: (await stat(path)).size });
  }
  return files;
}

/**
 * Measure `dir`: `records.sqlite*` (log, WAL and shared memory), `history*` (the history store), every
 * file or folder named like a snapshot, and the rest.
 */
export async function dataFolderSize(dir: string): Promise<DataFolderSize> {
  const size: DataFolderSize = { records: 0, history: 0, snapshots: 0, other: 0, hasHistory: false, hasSnapshots: false };
  for (const file of await filesUnder(dir)) {
    const relative = file.path.slice(dir.length + 1);
    // Snapshots may be a folder of their own or files named after them, whatever the engine chose.
    if (relative.split('/').some((part) => /snapshot/i.test(part))) {
      size.snapshots += file.bytes;
      size.hasSnapshots = true;
    } else if (/^records\.sqlite/.test(relative)) size.records += file.bytes;
    else if (/^history/.test(relative)) {
      size.history += file.bytes;
      size.hasHistory = true;
    } else size.other += file.bytes;
  }
  return size;
}
