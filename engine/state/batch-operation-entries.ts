// Batch operations in live state (Zeebe's BatchOperationState, Camunda 8.8): running or suspended ones only.
import type { Key } from '../api';

/** One item of a batch operation: the entity it acts on (a process instance, or an incident) and its instance. */
export interface BatchOperationItem {
  itemKey: Key;
  processInstanceKey: Key;
}

/** A batch operation still running or suspended (Camunda 8.8); it leaves live state when it ends. */
export interface BatchOperationEntry {
  key: Key;
  batchOperationType: string;
  state: 'ACTIVE' | 'SUSPENDED';
  items: BatchOperationItem[];
  /** Index of the first item not executed yet. */
  next: number;
  /** What each item's command needs besides its key (a migration plan, move instructions). */
  payload: Record<string, unknown>;
  /** Who created it: its chunks run as this caller. */
  actor?: string;
}
