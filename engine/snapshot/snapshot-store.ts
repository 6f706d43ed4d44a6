import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import { gunzipSync } from 'node:zlib';
import { problemWithStateImage, type StateImage } from '../state';
import { decodeSnapshotFile, positionOfFileName, snapshotFileName, TEMP_SUFFIX } from './snapshot-file';

/** A snapshot read back: the state image and where in the log it was taken. */
export interface LoadedSnapshot {
  position: number;
  takenAt: string;
  /** Size of the file on disk. */
  bytes: number;
  image: StateImage;
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
   * The newest usable snapshot at or below `logPosition` (the last committed record), or undefined when
   * there is none; `warn` hears one line per snapshot skipped and one when none was usable.
   */
  loadNewest(logPosition: number, warn: (line: string) => void): LoadedSnapshot | undefined {
    const positions = this.positions();
    for (const [index, position] of positions.entries()) {
      const name = snapshotFileName(position);
      const loaded = this.load(position, logPosition);
      if ('image' in loaded) return loaded;
      const [reasonZh, reasonEn] = bilingual(loaded.reason);
      const [nextZh, nextEn] = index + 1 < positions.length ? ['改用上一个快照', 'using the previous one'] : ['从头重放日志', 'replaying the log from position 1'];
      warn(`[engine] 快照 ${name} 不可用（${reasonZh}），${nextZh} / snapshot ${name} is unusable (${reasonEn}); ${nextEn}`);
    }
    return undefined;
  }

  private load(position: number, logPosition: number): LoadedSnapshot | { reason: string } {
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
    try {
      const image = deserialize(gunzipSync(decoded.payload)) as StateImage;
      const problem = problemWithStateImage(image);
      if (problem) return { reason: `内容不完整 / the content is incomplete: ${problem}` };
      return { position, takenAt: header.takenAt, bytes: bytes.length, image };
    } catch (error) {
      return { reason: `内容无法解析 / the content does not parse (${error instanceof Error ? error.message : String(error)})` };
    }
  }
}

/** Split a reason written `中文 / English` into its two halves. */
function bilingual(reason: string): [string, string] {
  const at = reason.indexOf(' / ');
  return at < 0 ? [reason, reason] : [reason.slice(0, at), reason.slice(at + 3)];
}
