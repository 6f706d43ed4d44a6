import type { EngineApi } from '../../engine/api';
import type { EngineRecord } from '../../engine/protocol';

/**
 * The first record matching `predicate`, whether it is already committed or committed later. Listening starts
 * before the log is read, so a record committed in between is not missed. Waits as long as the test may.
 */
export function firstRecord(engine: Pick<EngineApi, 'onCommitted' | 'readRecords'>, predicate: (record: EngineRecord) => boolean): Promise<EngineRecord> {
  return new Promise((resolve) => {
    const unsubscribe = engine.onCommitted((committed) => {
      const found = committed.find(predicate);
      if (found) {
        unsubscribe();
        resolve(found);
      }
    });
    const already = engine.readRecords(0).find(predicate);
    if (already) {
      unsubscribe();
      resolve(already);
    }
  });
}
