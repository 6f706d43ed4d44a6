import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import type { CapturedState } from '../state';
import { decodeSnapshotFile, positionOfFileName, snapshotFileName, TEMP_SUFFIX } from './snapshot-file';

/** A snapshot restored: where in the log it was taken, when, and its size on disk. */
export interface LoadedSnapshot {
  position: number;
  takenAt: string;
  /** Size of the file on disk. */
  bytes: number;
}

/**
 * The snapshots folder as the engine reads it at start-up: the newest snapshot that checks out, skipping
 * (with one warning line each, Chinese and English) any that are torn, corrupt, of an unknown format or
 * beyond the end of the log.
 */
export class SnapshotStore {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Snapshot positions on disk, newest first. */
  positions(): number[] {
    return readdirSync(this.dir)
      .map(positionOfFileName)
      .filter((p): p is number => p !== undefined)
      .sort((a, b) => b - a);
  }

  /** Remove temporary files a writer left when it died mid-write: they were never a snapshot. */
  removeUnfinished(): void {
    for (const name of readdirSync(this.dir)) if (name.endsWith(TEMP_SUFFIX)) rmSync(join(this.dir, name), { force: true });
  }

  /**
   * Restore the newest usable snapshot at or below `logPosition` (the last committed record) through
   * `restore` (which throws, leaving state untouched, if the content is incomplete); undefined when there is
   * none. `warn` hears one line per snapshot skipped, the last one saying what happens instead.
   */
  restoreNewest(logPosition: number, restore: (captured: CapturedState) => void, warn: (line: string) => void): LoadedSnapshot | undefined {
    const positions = this.positions();
    for (const [index, position] of positions.entries()) {
      const name = snapshotFileName(position);
      const loaded = this.load(position, logPosition, restore);
      if ('position' in loaded) return loaded;
      const [reasonZh, reasonEn] = bilingual(loaded.reason);
      const [nextZh, nextEn] = index + 1 < positions.length ? ['改用上一个快照', 'using the previous one'] : ['从头重放日志', 'replaying the log from position 1'];
      warn(`[engine] 快照 ${name} 不可用（${reasonZh}），${nextZh} / snapshot ${name} is unusable (${reasonEn}); ${nextEn}`);
    }
    return undefined;
  }

  private load(position: number, logPosition: number, restore: (captured: CapturedState) => void): LoadedSnapshot | { reason: string } {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(this.dir, snapshotFileName(position)));
    } catch (error) {
      return { reason: `无法读取 / cannot be read (${error instanceof Error ? error.message : String(error)})` };
    }
    const decoded = decodeSnapshotFile(bytes);
    if (!decoded.ok) return { reason: decoded.reason };
    const { header } = decoded;
    if (header.position !== position) return { reason: `文件名与文件头的位置不一致 / its name and header disagree on the position (${header.position})` };
    if (header.position > logPosition) {
      return { reason: `位置 ${header.position} 超出日志末尾 ${logPosition} / position ${header.position} is beyond the end of the log (${logPosition})` };
    }
    let captured: CapturedState;
    try {
      captured = deserialize(decoded.payload) as CapturedState;
    } catch (error) {
      return { reason: `内容无法解析 / the content does not parse (${error instanceof Error ? error.message : String(error)})` };
    }
    try {
      restore(captured);
    } catch (error) {
      return { reason: `内容不完整 / the content is incomplete (${error instanceof Error ? error.message : String(error)})` };
    }
    return { position, takenAt: header.takenAt, bytes: bytes.length };
  }
}

/** Split a reason written `中文 / English` into its two halves. */
function bilingual(reason: string): [string, string] {
  const at = reason.indexOf(' / ');
  return at < 0 ? [reason, reason] : [reason.slice(0, at), reason.slice(at + 3)];
}
