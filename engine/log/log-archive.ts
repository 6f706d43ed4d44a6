/**
 * Archived parts of the record log: `archive/records-<from>-<to>.sqlite` in the data folder, each holding the
 * log's batches for positions `from`..`to` in the same `batches` table as `records.sqlite`. Retention moves
 * batches here (engine/retention); replay from an old position and `onego history rebuild` read them back,
 * so the log stays whole (全程留痕) while the live file holds only the recent tail.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** One archive file and the positions it covers. */
export interface ArchiveFile {
  file: string;
  from: number;
  to: number;
}

/** A stored batch: its positions and its deflated JSON array of records, as in `records.sqlite`. */
export interface StoredBatch {
  first_position: number;
  last_position: number;
  records: Buffer;
}

const NAME = /^records-(\d+)-(\d+)\.sqlite$/;

/** The archive folder of a data folder. */
export function archiveDir(dataDir: string): string {
  return join(dataDir, 'archive');
}

/** Finished archive files, oldest first (a `.partial` file is an archive whose writing was interrupted). */
export function listArchives(dataDir: string): ArchiveFile[] {
  const dir = archiveDir(dataDir);
  if (!existsSync(dir)) return [];
  const files: ArchiveFile[] = [];
  for (const name of readdirSync(dir)) {
    const match = NAME.exec(name);
    if (match) files.push({ file: join(dir, name), from: Number(match[1]), to: Number(match[2]) });
  }
  return files.sort((a, b) => a.from - b.from);
}

/** The last archived position (0 when nothing is archived). */
export function archivedThrough(dataDir: string): number {
  const archives = listArchives(dataDir);
  return archives.length === 0 ? 0 : archives[archives.length - 1].to;
}

/**
 * Writes `batches` (contiguous, oldest first) into a new archive file atomically: a `.partial` file is
 * filled and synced in one transaction, then renamed and the folder synced, so a crash leaves either no
 * archive or a complete one. Returns the file.
 */
export function writeArchive(dataDir: string, batches: StoredBatch[]): ArchiveFile {
  const dir = archiveDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const from = batches[0].first_position;
  const to = batches[batches.length - 1].last_position;
  const file = join(dir, `records-${from}-${to}.sqlite`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const db = new Database(partial);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE batches (first_position INTEGER PRIMARY KEY, last_position INTEGER NOT NULL, records BLOB NOT NULL)');
    const insert = db.prepare('INSERT INTO batches (first_position, last_position, records) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (const batch of batches) insert.run(batch.first_position, batch.last_position, batch.records);
    })();
  } finally {
    db.close();
  }
  renameSync(partial, file);
  const handle = openSync(dir, 'r');
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
  return { file, from, to };
}

/** Removes archive files left half-written by a crash. */
export function removePartialArchives(dataDir: string): void {
  const dir = archiveDir(dataDir);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (name.endsWith('.partial')) rmSync(join(dir, name), { force: true });
}

/**
 * Reads archived batches in order from the one holding `fromPosition` on, at most `limit` batches, or none
 * when `fromPosition` lies past every archive. Archives are opened read-only and only while read.
 */
export function readArchivedBatches(dataDir: string, fromPosition: number, limit: number): StoredBatch[] {
  const result: StoredBatch[] = [];
  let from = fromPosition;
  for (const archive of listArchives(dataDir)) {
    if (archive.to < from || result.length >= limit) continue;
    const db = new Database(archive.file, { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare(
          `SELECT first_position, last_position, records FROM batches
            WHERE first_position >= (SELECT COALESCE(MAX(first_position), 0) FROM batches WHERE first_position <= ?)
            ORDER BY first_position LIMIT ?`,
        )
        .all(from, limit - result.length) as StoredBatch[];
      result.push(...rows);
      if (rows.length > 0) from = rows[rows.length - 1].last_position + 1;
    } finally {
      db.close();
    }
  }
  return result;
}
