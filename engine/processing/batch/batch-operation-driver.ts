import type { CommandContext, Key } from '../../api';
import { BatchOperationExecutionIntent, ValueType } from '../../protocol';
import type { EngineRecord } from '../../protocol';
import type { EngineState } from '../../state';

/** What the driver needs from the engine: submitting a command and hearing of commits. */
export interface BatchDriverEngine {
  submitCommand(command: { key: Key; valueType: string; intent: string; value: Record<string, unknown> }, ctx?: CommandContext): Promise<unknown>;
  onCommitted(listener: (records: readonly EngineRecord[]) => void): () => void;
}

/** Events after which a batch operation may have more to run. */
const WAKE_UPS = new Set(['BATCH_OPERATION_CREATION:CREATED', 'BATCH_OPERATION_EXECUTION:EXECUTING', 'BATCH_OPERATION_LIFECYCLE_MANAGEMENT:RESUMED']);

/**
 * Runs batch operations without holding up the engine: after each committed chunk it submits the next EXECUTE
 * as an ordinary command, so the commands of clients queued meanwhile are processed between two chunks. What
 * was executed is in the log (EXECUTING), so after a restart the driver goes on from live state.
 */
export class BatchOperationDriver {
  private readonly queued = new Set<Key>();
  private readonly unsubscribe: () => void;
  private stopped = false;

  constructor(
    private readonly engine: BatchDriverEngine,
    private readonly state: EngineState,
  ) {
    this.unsubscribe = engine.onCommitted((records) => {
      for (const record of records) {
        if (record.recordType === 'EVENT' && WAKE_UPS.has(`${record.valueType}:${record.intent}`)) this.wake(record.key);
      }
    });
    for (const entry of state.batchOperations.values()) if (entry.state === 'ACTIVE') this.wake(entry.key);
  }

  private wake(key: Key): void {
    if (this.stopped || this.queued.has(key)) return;
    const entry = this.state.batchOperations.get(key);
    if (!entry || entry.state !== 'ACTIVE') return;
    this.queued.add(key);
    // The next chunk goes to the back of the queue: whatever clients sent meanwhile runs first.
    setImmediate(() => {
      this.queued.delete(key);
      if (this.stopped) return;
      const current = this.state.batchOperations.get(key);
      if (!current || current.state !== 'ACTIVE') return;
      const ctx: CommandContext | undefined = current.actor === undefined ? undefined : { actor: current.actor };
      this.engine
        .submitCommand({ key, valueType: ValueType.BATCH_OPERATION_EXECUTION, intent: BatchOperationExecutionIntent.EXECUTE, value: { batchOperationKey: key } }, ctx)
        .catch(() => undefined); // refused (canceled, suspended meanwhile) or the engine is closing: nothing to do
    });
  }

  /** Stop submitting chunks (the engine is closing). */
  stop(): void {
    this.stopped = true;
    this.unsubscribe();
  }
}
