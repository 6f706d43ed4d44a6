import { BatchOperationCreationIntent, BatchOperationExecutionIntent, BatchOperationLifecycleIntent, ValueType } from '../../protocol';
import type { BatchOperationEntry, BatchOperationItem } from '../../state';
import type { CommandProcessor, ProcessingContext } from '../processing-context';
import { BATCH_OPERATION_TYPES, itemCommand } from './batch-item-commands';

/** Items one EXECUTE runs: small enough that other commands get their turn between chunks. */
export const BATCH_CHUNK_SIZE = 20;

/** Most items one batch operation may hold (its CREATED record lists them). */
export const MAX_BATCH_ITEMS = 100_000;

/** What a batch operation's lifecycle events carry. */
function lifecycleValue(entry: BatchOperationEntry): Record<string, unknown> {
  return { batchOperationKey: entry.key, batchOperationType: entry.batchOperationType };
}

/**
 * BATCH_OPERATION_CREATION CREATE: the gateway resolved the filter into items; the operation is recorded with
 * them (CREATED) and runs chunk by chunk from then on. Without items it is COMPLETED at once.
 */
export const batchOperationCreationProcessor: CommandProcessor = {
  process(command, ctx) {
    const v = command.value as { batchOperationType?: string; items?: BatchOperationItem[]; payload?: Record<string, unknown> };
    if (!BATCH_OPERATION_TYPES.includes(v.batchOperationType as never)) {
      return ctx.reject('INVALID_ARGUMENT', `Expected a batch operation type of ${BATCH_OPERATION_TYPES.join(', ')}, but got '${v.batchOperationType}'`);
    }
    const items = Array.isArray(v.items) ? v.items : [];
    if (items.length > MAX_BATCH_ITEMS) {
      return ctx.reject('INVALID_ARGUMENT', `Expected at most ${MAX_BATCH_ITEMS} items in a batch operation, but the filter matched ${items.length}; narrow the filter`);
    }
    const key = ctx.newKey();
    ctx.writeEvent(key, ValueType.BATCH_OPERATION_CREATION, BatchOperationCreationIntent.CREATED, {
      batchOperationKey: key,
      batchOperationType: v.batchOperationType,
      items,
      payload: v.payload ?? {},
    });
    if (items.length === 0) ctx.writeEvent(key, ValueType.BATCH_OPERATION_LIFECYCLE_MANAGEMENT, BatchOperationLifecycleIntent.COMPLETED, lifecycleValue(ctx.state.batchOperations.get(key)!));
    ctx.respond({ batchOperationKey: key, batchOperationType: v.batchOperationType });
  },
};

/**
 * BATCH_OPERATION_EXECUTION EXECUTE (sent by the engine's batch driver, one per chunk): the next chunk's items
 * become their commands, processed right after in this entry; after the last chunk, COMPLETED.
 */
export const batchOperationExecutionProcessor: CommandProcessor = {
  process(command, ctx) {
    const entry = ctx.state.batchOperations.get(command.key);
    if (!entry) return ctx.reject('NOT_FOUND', `Expected to execute batch operation with key '${command.key}', but it is not running`);
    if (entry.state !== 'ACTIVE') return ctx.reject('INVALID_STATE', `Expected to execute batch operation with key '${command.key}', but it is suspended`);
    const chunk = entry.items.slice(entry.next, entry.next + BATCH_CHUNK_SIZE);
    const commands = chunk.map((item) => itemCommand(ctx.state, entry, item));
    ctx.writeEvent(entry.key, ValueType.BATCH_OPERATION_EXECUTION, BatchOperationExecutionIntent.EXECUTING, {
      ...lifecycleValue(entry),
      itemCount: chunk.length,
      itemKeys: chunk.map((item) => item.itemKey),
    });
    for (const item of commands) ctx.writeCommand(item.key, item.valueType, item.intent, item.value);
    if (entry.next >= entry.items.length) ctx.writeEvent(entry.key, ValueType.BATCH_OPERATION_LIFECYCLE_MANAGEMENT, BatchOperationLifecycleIntent.COMPLETED, lifecycleValue(entry));
    ctx.respond({ remaining: entry.items.length - entry.next });
  },
};

function lifecycle(ctx: ProcessingContext, verb: string): BatchOperationEntry | undefined {
  const entry = ctx.state.batchOperations.get(ctx.command.key);
  if (!entry) ctx.reject('NOT_FOUND', `Expected to ${verb} batch operation with key '${ctx.command.key}', but no running or suspended batch operation has that key`);
  return entry;
}

/** BATCH_OPERATION_LIFECYCLE_MANAGEMENT CANCEL, SUSPEND, RESUME (`POST /v2/batch-operations/{key}/cancellation`, …). */
export const batchOperationLifecycleProcessor: CommandProcessor = {
  process(command, ctx) {
    switch (command.intent) {
      case BatchOperationLifecycleIntent.CANCEL: {
        const entry = lifecycle(ctx, 'cancel');
        if (!entry) return;
        ctx.writeEvent(entry.key, ValueType.BATCH_OPERATION_LIFECYCLE_MANAGEMENT, BatchOperationLifecycleIntent.CANCELED, lifecycleValue(entry));
        return ctx.respond({});
      }
      case BatchOperationLifecycleIntent.SUSPEND: {
        const entry = lifecycle(ctx, 'suspend');
        if (!entry) return;
        if (entry.state === 'SUSPENDED') return ctx.reject('INVALID_STATE', `Expected to suspend batch operation with key '${entry.key}', but it is already suspended`);
        ctx.writeEvent(entry.key, ValueType.BATCH_OPERATION_LIFECYCLE_MANAGEMENT, BatchOperationLifecycleIntent.SUSPENDED, lifecycleValue(entry));
        return ctx.respond({});
      }
      case BatchOperationLifecycleIntent.RESUME: {
        const entry = lifecycle(ctx, 'resume');
        if (!entry) return;
        if (entry.state !== 'SUSPENDED') return ctx.reject('INVALID_STATE', `Expected to resume batch operation with key '${entry.key}', but it is not suspended`);
        ctx.writeEvent(entry.key, ValueType.BATCH_OPERATION_LIFECYCLE_MANAGEMENT, BatchOperationLifecycleIntent.RESUMED, lifecycleValue(entry));
        return ctx.respond({});
      }
      default:
        return ctx.reject('INVALID_ARGUMENT', `Expected a batch operation lifecycle command, but got intent ${command.intent}`);
    }
  },
};
