import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The lock file's name inside a data folder. */
export const LOCK_FILE = 'engine.lock';

/** A second engine tried to open a data folder another running engine holds. */
export class DataFolderHeldError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `数据目录 ${dataDir} 正被另一个引擎进程 (pid ${holderPid}) 使用；请先停止它，或用 --data 指定其他目录。` +
        ` / The data folder ${dataDir} is held by another engine (pid ${holderPid}); stop it first or choose another folder with --data.`,
    );
    this.name = 'DataFolderHeldError';
  }
}

/** An exclusive hold on a data folder; release it when the engine has closed its files. */
export interface DataFolderLock {
  release(): void;
}

/** Folders this process holds: a second open in the same process is refused like one from another process. */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else — still a holder.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates the data folder and its parents. A recursive mkdir on a read-only file system or under a folder
 * we may not write answers ENOENT, which reads as "a path is missing"; the nearest existing ancestor's own
 * answer (EROFS, EACCES) names the real cause, so that is what is thrown.
 */
function createFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    let ancestor = dirname(dir);
    while (!existsSync(ancestor) && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
    accessSync(ancestor, constants.W_OK);
    throw error;
  }
}

/**
 * Takes the data folder for this process: creates `engine.lock` with O_EXCL and writes our pid into it.
 * Two engines writing one record log corrupt each other's view of it (the second fails its writes with
 * "UNIQUE constraint failed" while the first keeps answering), so the second one must refuse to start.
 * A lock left by a process that no longer runs (kill -9, power loss) is stale and taken over.
 * Creates the folder if needed; throws {@link DataFolderHeldError} when a live process holds it.
 */
export function lockDataFolder(dataDir: string): DataFolderLock {
  const dir = resolve(dataDir);
  createFolder(dir);
  if (heldHere.has(dir)) throw new DataFolderHeldError(dir, process.pid);
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const holder = holderOf(file);
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) throw new DataFolderHeldError(dir, holder);
      // Stale (its process is gone, or it is ours from before an in-process restart): take it over.
      unlinkSync(file);
    }
  }
  heldHere.add(dir);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      heldHere.delete(dir);
      try {
        if (holderOf(file) === process.pid) unlinkSync(file);
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}
