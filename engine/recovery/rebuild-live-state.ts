import type { DueEntry } from '../clock';
import type { RecordLog } from '../log';
import { ValueType } from '../protocol';
import type { SnapshotStore, LoadedSnapshot } from '../snapshot';
import { EngineState, dueEntriesOf, replayRecord, restoreCapturedState } from '../state';

/** What a rebuild found and cost. */
export interface LiveStateRebuilt {
  snapshot?: LoadedSnapshot;
  replayed: number;
  ms: number;
}

/**
 * Make `state` exactly what the durable log says (issue 13): after a failed write, live state holds the effects
 * of batches that never reached the log. The same object is refilled, not replaced, because the stream processor,
 * the scheduler and the snapshotter hold it: every field goes back to its initial value, then the newest snapshot
 * at or below the log's position is restored and the records after it are replayed, as a restart does. Compiled
 * models of processes whose deployment is durable are kept (they compile the same again); the others go.
 */
export function rebuildLiveState(state: EngineState, log: RecordLog, snapshots: SnapshotStore, onDue: (entry: DueEntry) => void, warn: (line: string) => void): LiveStateRebuilt {
  const started = performance.now();
  const executables = new Map(state.executables);
  Object.assign(state, new EngineState());
  state.onDue = onDue;
  for (const record of log.readEvents(ValueType.PROCESS, 'CREATED')) {
    const key = (record.value as { processDefinitionKey: string }).processDefinitionKey;
    const model = executables.get(key);
    if (model) state.executables.set(key, model);
  }
  const snapshot = snapshots.restoreNewest(log.position, (captured) => restoreCapturedState(state, captured), warn);
  if (snapshot) for (const entry of dueEntriesOf(state)) state.onDue(entry);
  let replayed = 0;
  for (const record of log.scan((snapshot?.position ?? 0) + 1)) {
    replayRecord(state, record);
    replayed++;
  }
  return { snapshot, replayed, ms: performance.now() - started };
}
