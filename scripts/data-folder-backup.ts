/**
 * Backups of a data folder: a consistent copy taken while the engine runs (`onego backup`), and bringing one
 * back into a folder no engine holds (`onego restore`).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { LOCK_FILE, lockDataFolder } from '../engine/data-folder-lock';

/** The record log: copied last, so nothing copied before it (snapshots, history) is ahead of it. */
const RECORD_LOG = 'records.sqlite';
const MANIFEST = 'onego-backup.json';

/** What a backup folder says about itself. */
export interface BackupManifest {
  format: 1;
  takenAt: string;
  source: string;
  /** The last log position the copy holds. */
  logPosition: number;
  /** Relative path → sha256 of every file in the backup. */
  files: Record<string, string>;
}

/** Files that belong to a running engine's moment, never to a copy: the lock, SQLite's side files, half-written temp files. */
function isTransient(name: string): boolean {
  return name === LOCK_FILE || name.endsWith('-wal') || name.endsWith('-shm') || name.endsWith('-journal') || name.endsWith('.tmp');
}

function walk(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path, base));
    else if (entry.isFile() && !isTransient(entry.name)) out.push(relative(base, path));
  }
  return out.sort();
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function logPositionOf(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT MAX(last_position) AS last FROM batches').get() as { last: number | null };
    return row.last ?? 0;
  } finally {
    db.close();
  }
}

/**
 * Copies a data folder into `target` while an engine may be writing it: plain files (snapshots, imported
 * calendars) first, then every SQLite database through SQLite's online backup (a consistent picture of each,
 * taken without stopping the writer), the record log last — so every snapshot and the history in the copy
 * are at or behind its log, and a restore replays or re-exports the rest. Writes a manifest with checksums.
 */
export async function backupDataFolder(dataDir: string, target: string, log: (line: string) => void = () => undefined): Promise<BackupManifest> {
  const source = resolve(dataDir);
  if (!existsSync(join(source, RECORD_LOG))) throw new Error(`数据目录 ${source} 中没有记录日志 / no record log in ${source}`);
  const destination = resolve(target);
  if (existsSync(destination) && readdirSync(destination).length > 0) {
    throw new Error(`备份目录 ${destination} 不是空的 / the backup folder ${destination} is not empty`);
  }
  mkdirSync(destination, { recursive: true });
  const files = walk(source);
  const databases = files.filter((file) => file.endsWith('.sqlite')).sort((a, b) => Number(a === RECORD_LOG) - Number(b === RECORD_LOG));
  for (const file of files.filter((name) => !name.endsWith('.sqlite'))) {
    mkdirSync(join(destination, file, '..'), { recursive: true });
    copyFileSync(join(source, file), join(destination, file));
  }
  const copyDatabase = async (file: string) => {
    mkdirSync(join(destination, file, '..'), { recursive: true });
    const db = new Database(join(source, file), { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 10000');
      await db.backup(join(destination, file));
    } finally {
      db.close();
    }
    log(`backup: ${file} (${(statSync(join(destination, file)).size / 1024 / 1024).toFixed(1)} MB)`);
  };
  for (const file of databases) await copyDatabase(file);
  // Log retention may have moved batches out of the live log into a new archive file while the copy ran:
  // those batches are then in neither copied file, so archives that appeared meanwhile are copied too.
  for (const file of walk(source).filter((name) => name.endsWith('.sqlite') && !databases.includes(name))) await copyDatabase(file);
  const manifest: BackupManifest = {
    format: 1,
    takenAt: new Date().toISOString(),
    source,
    logPosition: logPositionOf(join(destination, RECORD_LOG)),
    files: Object.fromEntries(walk(destination).map((file) => [file, sha256(join(destination, file))])),
  };
  writeFileSync(join(destination, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Brings a backup back into `dataDir`: checks every file against the manifest, refuses a folder an engine
 * holds (it takes the folder's lock itself while copying) and, unless `replace`, one that already has a log.
 */
export function restoreDataFolder(backup: string, dataDir: string, options: { replace?: boolean } = {}): BackupManifest {
  const source = resolve(backup);
  const manifestFile = join(source, MANIFEST);
  if (!existsSync(manifestFile)) throw new Error(`${source} 不是 OneGo 备份（缺少 ${MANIFEST}） / ${source} is not a OneGo backup (no ${MANIFEST})`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest;
  for (const [file, checksum] of Object.entries(manifest.files)) {
    const path = join(source, file);
    if (!existsSync(path) || sha256(path) !== checksum) {
      throw new Error(`备份文件 ${file} 缺失或已被改动 / backup file ${file} is missing or changed`);
    }
  }
  const target = resolve(dataDir);
  const lock = lockDataFolder(target);
  try {
    if (existsSync(join(target, RECORD_LOG)) && !options.replace) {
      throw new Error(`数据目录 ${target} 已有记录日志；确认要覆盖请加 --replace / ${target} already holds a record log; add --replace to overwrite it`);
    }
    for (const entry of readdirSync(target)) if (entry !== LOCK_FILE) rmSync(join(target, entry), { recursive: true, force: true });
    for (const file of Object.keys(manifest.files)) {
      mkdirSync(join(target, file, '..'), { recursive: true });
      copyFileSync(join(source, file), join(target, file));
    }
  } finally {
    lock.release();
  }
  return manifest;
}
