// Rebuilding live state when the engine opens (Zeebe's recovery): compile the deployed processes again, load
// the newest valid snapshot, then replay only the log's tail through the appliers; and the snapshots taken
// from then on, which keep the next recovery short.
import { join } from 'node:path';
import type { RecordLog } from './log';
import { engineServiceLog } from './logging/service-log';
import { compileProcesses, parseBpmn } from './model';
import { ValueType } from './protocol';
import { DEFAULT_SNAPSHOT_POLICY, SnapshotStore, SnapshotWriter, Snapshotter, type LoadedSnapshot } from './snapshot';
import type { SnapshotSource } from './snapshot/snapshotter';
import { dueEntriesOf, replayRecord, restoreCapturedState, type EngineState } from './state';

/** Snapshots kept on disk, newest first: if the newest is unreadable, the next still spares most of a replay. */
const SNAPSHOTS_KEPT = 3;

/**
 * Compile every deployed process again into `state.executables`. Executable models come first: the appliers
 * of element instances read them.
 */
export async function loadExecutables(log: RecordLog, state: EngineState): Promise<void> {
  for (const record of log.readEvents(ValueType.PROCESS, 'CREATED')) {
    const value = record.value as { resource: string; resourceName: string; processDefinitionKey: string; bpmnProcessId: string };
    const parsed = await parseBpmn(value.resource);
    const compiled = parsed.ok ? compileProcesses(parsed.value, value.resourceName) : parsed;
    const model = compiled.ok ? compiled.value.find((p) => p.bpmnProcessId === value.bpmnProcessId) : undefined;
    if (model) state.executables.set(value.processDefinitionKey, model);
    else {
      // Deployed once, so it compiled then; if it no longer does (a stricter engine), say so loudly.
      engineServiceLog().warn(`process ${value.bpmnProcessId} (${value.processDefinitionKey}) no longer compiles: ${compiled.ok ? 'process missing' : compiled.failure}`);
    }
  }
}

/**
 * Restore state from the newest valid snapshot in `<dataDir>/snapshots/`, then replay the records after it;
 * without one (or with `replayAll`), all of them. Due dates of a restored snapshot are handed to
 * `state.onDue`; replayed records schedule their own. Returns the snapshot store and the snapshot used.
 */
export function restoreState(
  dataDir: string,
  log: RecordLog,
  state: EngineState,
  replayAll: boolean | undefined,
): { store: SnapshotStore; loaded: LoadedSnapshot | undefined } {
  const restoreStarted = performance.now();
  const store = new SnapshotStore(join(dataDir, 'snapshots'));
  store.removeUnfinished();
  const loaded = replayAll
    ? undefined
    : store.restoreNewest(log.position, (captured) => restoreCapturedState(state, captured), (line) => engineServiceLog().warn(line));
  if (loaded) for (const entry of dueEntriesOf(state)) state.onDue(entry);
  const replayStarted = performance.now();
  let replayed = 0;
  for (const record of log.scan((loaded?.position ?? 0) + 1)) {
    replayRecord(state, record);
    replayed++;
  }
  // What a restart cost, phase by phase, at ONEGO_LOG_LEVEL=debug: the numbers to compare after a kill -9.
  if (loaded || replayed > 0) engineServiceLog().debug(
    `[engine] 状态已恢复：快照位置 ${loaded?.position ?? '无'}（${(replayStarted - restoreStarted).toFixed(0)} ms），重放 ${replayed} 条记录（${(performance.now() - replayStarted).toFixed(0)} ms） / ` +
      `state restored: snapshot at ${loaded?.position ?? 'none'} (${(replayStarted - restoreStarted).toFixed(0)} ms), ${replayed} records replayed (${(performance.now() - replayStarted).toFixed(0)} ms)`,
  );
  return { store, loaded };
}

/**
 * The snapshotter of an opened engine: it writes into `store`'s folder under `policy` (defaults:
 * {@link DEFAULT_SNAPSHOT_POLICY}), starting from the snapshot the engine was restored from.
 */
export function snapshotterFor(
  store: SnapshotStore,
  loaded: LoadedSnapshot | undefined,
  policy: { everyRecords?: number; everySeconds?: number } | undefined,
  source: SnapshotSource,
): Snapshotter {
  return new Snapshotter(
    {
      everyRecords: policy?.everyRecords ?? DEFAULT_SNAPSHOT_POLICY.everyRecords,
      everySeconds: policy?.everySeconds ?? DEFAULT_SNAPSHOT_POLICY.everySeconds,
    },
    source,
    new SnapshotWriter(store.dir, SNAPSHOTS_KEPT),
    loaded && { position: loaded.position, takenAt: loaded.takenAt, bytes: loaded.bytes },
    (error) => engineServiceLog().warn(`快照写入失败，稍后重试 / writing a snapshot failed, will retry later: ${error.message}`),
  );
}
