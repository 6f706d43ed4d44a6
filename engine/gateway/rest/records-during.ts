import type { EngineApi, EngineRecord } from '../../api';

/**
 * Run a command and hand back the records committed while it ran, for answers that need a key or an
 * outcome the command's return value does not carry (a decision evaluation's key, a message's correlation).
 */
export async function recordsDuring<T>(engine: EngineApi, command: () => Promise<T>): Promise<{ result: T; records: EngineRecord[] }> {
  const records: EngineRecord[] = [];
  const unsubscribe = engine.onCommitted((committed) => {
    records.push(...committed);
  });
  try {
    const result = await command();
    return { result, records };
  } finally {
    unsubscribe();
  }
}

/** Resolves with the first record committed from now on that matches, or undefined after `waitMs`. */
export function nextRecord(engine: EngineApi, predicate: (record: EngineRecord) => boolean, waitMs: number): Promise<EngineRecord | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(undefined);
    }, waitMs);
    const unsubscribe = engine.onCommitted((committed) => {
      const found = committed.find(predicate);
      if (!found) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(found);
    });
  });
}
