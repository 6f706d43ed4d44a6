import type { DueEntry } from '../clock';
import type { RecordLog } from '../log';
import { engineServiceLog } from '../logging/service-log';
import type { StreamProcessor } from '../processing';
import { SnapshotStore, type Snapshotter } from '../snapshot';
import type { EngineState } from '../state';
import { rebuildLiveState } from './rebuild-live-state';

/** The parts of the engine a resumption touches, and what it asks of the engine around them. */
export interface ResumableEngine {
  readonly snapshotsDir: string;
  readonly log: RecordLog;
  readonly state: EngineState;
  readonly processor: StreamProcessor;
  readonly snapshotter: Snapshotter | undefined;
  isClosed(): boolean;
  /** Stop writing trigger commands and batch-operation chunks while state is rebuilt. */
  pauseWork(): void;
  /** Start them again (the scheduler, a new batch-operation driver, jobs offered to open streams). */
  resumeWork(): void;
  /** Where due dates found while rebuilding go (the scheduler). */
  onDue(entry: DueEntry): void;
  /** Live state holds exactly the durable records again: forget what only lost records created (result waiters). */
  forgetLost(): void;
}

/**
 * The record log is writable again after a failed write (issue 13): live state still holds the batches that
 * were never written, so it is rebuilt from the newest snapshot and the durable log (as a restart would), then
 * commands are taken again. Every caller of a lost batch got an error; nothing acknowledged is lost. False when
 * the log writer is not ready yet (the next try goes on).
 */
export async function resumeAfterLogFailure(engine: ResumableEngine): Promise<boolean> {
  if (!engine.processor.logFailure || engine.isClosed()) return true;
  engine.pauseWork();
  await engine.snapshotter?.restartAfterLogFailure();
  if (engine.isClosed()) return false;
  // The writer takes batches again only now, and no batch runs until the processor resumes below (nothing here
  // awaits): the first batch written follows the last durable one.
  if (!engine.log.resumeWriting()) {
    // It still answers a batch of before the failure.
    engine.resumeWork();
    return false;
  }
  const rebuilt = rebuildLiveState(engine.state, engine.log, new SnapshotStore(engine.snapshotsDir), (entry) => engine.onDue(entry), (line) => engineServiceLog().warn(line));
  engine.processor.resume(engine.log.position);
  engine.forgetLost();
  engine.resumeWork();
  engineServiceLog().warn(
    `[engine] 记录日志已可写，状态已按日志重建（快照位置 ${rebuilt.snapshot?.position ?? '无'}，重放 ${rebuilt.replayed} 条，${rebuilt.ms.toFixed(0)} ms），恢复接收命令 / ` +
      `the record log is writable again: live state rebuilt from it (snapshot at ${rebuilt.snapshot?.position ?? 'none'}, ${rebuilt.replayed} records replayed, ${rebuilt.ms.toFixed(0)} ms); taking commands again`,
  );
  return true;
}
