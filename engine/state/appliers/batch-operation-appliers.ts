import type { Applier } from './index';
import type { BatchOperationEntry, BatchOperationItem } from '../engine-state';

/** Batch operations (Camunda 8.8): created with their items, advanced chunk by chunk, gone once they end. */
export const batchOperationAppliers: Record<string, Applier> = {
  'BATCH_OPERATION_CREATION:CREATED': (state, record) => {
    const v = record.value as { batchOperationType: string; items: BatchOperationItem[]; payload?: Record<string, unknown> };
    const entry: BatchOperationEntry = { key: record.key, batchOperationType: v.batchOperationType, state: 'ACTIVE', items: v.items, next: 0, payload: v.payload ?? {} };
    if (record.actor !== undefined) entry.actor = record.actor;
    state.batchOperations.set(record.key, entry);
  },
  'BATCH_OPERATION_EXECUTION:EXECUTING': (state, record) => {
    const entry = state.batchOperations.get(record.key);
    if (entry) entry.next = Math.min(entry.items.length, entry.next + Number(record.value.itemCount ?? 0));
  },
  'BATCH_OPERATION_LIFECYCLE_MANAGEMENT:SUSPENDED': (state, record) => {
    const entry = state.batchOperations.get(record.key);
    if (entry) entry.state = 'SUSPENDED';
  },
  'BATCH_OPERATION_LIFECYCLE_MANAGEMENT:RESUMED': (state, record) => {
    const entry = state.batchOperations.get(record.key);
    if (entry) entry.state = 'ACTIVE';
  },
  'BATCH_OPERATION_LIFECYCLE_MANAGEMENT:CANCELED': (state, record) => {
    state.batchOperations.delete(record.key);
  },
  'BATCH_OPERATION_LIFECYCLE_MANAGEMENT:COMPLETED': (state, record) => {
    state.batchOperations.delete(record.key);
  },
};
