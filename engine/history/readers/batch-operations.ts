import type { SqlSearchSpec } from '../sql-search';
import { iso, keyColumn, text } from './row-values';

/** A batch operation as `GET /v2/batch-operations/{key}` and its search answer it (Camunda 8.8). */
export interface BatchOperationView {
  batchOperationKey: string;
  state: 'ACTIVE' | 'CANCELED' | 'COMPLETED' | 'PARTIALLY_COMPLETED' | 'SUSPENDED';
  batchOperationType: string;
  startDate: string;
  endDate?: string;
  operationsTotalCount: number;
  operationsFailedCount: number;
  operationsCompletedCount: number;
  errors: unknown[];
}

/** A finished operation some of whose items failed reads PARTIALLY_COMPLETED, as in Camunda. */
const STATE_SQL = "CASE WHEN b.state = 'COMPLETED' AND EXISTS (SELECT 1 FROM batch_operation_items i WHERE i.batch_operation_key = b.batch_operation_key AND i.state = 'FAILED') THEN 'PARTIALLY_COMPLETED' ELSE b.state END";

const BATCH_OPERATION_COLUMNS = {
  batchOperationKey: { sql: 'b.batch_operation_key', kind: 'key' },
  operationType: { sql: 'b.operation_type', kind: 'string' },
  state: { sql: STATE_SQL, kind: 'string' },
  startDate: { sql: 'b.start_date', kind: 'date' },
  endDate: { sql: 'b.end_date', kind: 'date' },
} as const;

const count = (state?: string) =>
  `(SELECT COUNT(*) FROM batch_operation_items i WHERE i.batch_operation_key = b.batch_operation_key${state ? ` AND i.state = '${state}'` : ''})`;

export const BATCH_OPERATION_SEARCH: SqlSearchSpec<BatchOperationView> = {
  noun: 'batch operation',
  from: 'batch_operations b',
  select: [
    keyColumn('b.batch_operation_key', 'batchOperationKey'),
    `${STATE_SQL} AS state`,
    'b.operation_type AS batchOperationType',
    'b.start_date AS startDate',
    'b.end_date AS endDate',
    `${count()} AS total`,
    `${count('FAILED')} AS failed`,
    `${count('COMPLETED')} AS completed`,
  ].join(', '),
  filters: { batchOperationKey: BATCH_OPERATION_COLUMNS.batchOperationKey, operationType: BATCH_OPERATION_COLUMNS.operationType, state: BATCH_OPERATION_COLUMNS.state },
  sortFields: BATCH_OPERATION_COLUMNS,
  key: 'b.batch_operation_key',
  toItem: (row) => ({
    batchOperationKey: String(row.batchOperationKey),
    state: row.state as BatchOperationView['state'],
    batchOperationType: String(row.batchOperationType),
    startDate: iso(row.startDate)!,
    endDate: iso(row.endDate),
    operationsTotalCount: Number(row.total),
    operationsFailedCount: Number(row.failed),
    operationsCompletedCount: Number(row.completed),
    errors: [],
  }),
};

/** One item of a batch operation (`POST /v2/batch-operation-items/search`). */
export interface BatchOperationItemView {
  operationType: string;
  batchOperationKey: string;
  itemKey: string;
  processInstanceKey: string;
  state: 'ACTIVE' | 'COMPLETED' | 'CANCELED' | 'FAILED';
  processedDate?: string;
  errorMessage?: string;
}

const ITEM_COLUMNS = {
  batchOperationKey: { sql: 'batch_operation_key', kind: 'key' },
  itemKey: { sql: 'item_key', kind: 'key' },
  processInstanceKey: { sql: 'process_instance_key', kind: 'key' },
  state: { sql: 'state', kind: 'string' },
} as const;

export const BATCH_OPERATION_ITEM_SEARCH: SqlSearchSpec<BatchOperationItemView> = {
  noun: 'batch operation item',
  from: 'batch_operation_items',
  select: [
    'operation_type AS operationType',
    keyColumn('batch_operation_key', 'batchOperationKey'),
    keyColumn('item_key', 'itemKey'),
    keyColumn('process_instance_key', 'processInstanceKey'),
    'state',
    'processed_date AS processedDate',
    'error_message AS errorMessage',
  ].join(', '),
  filters: ITEM_COLUMNS,
  sortFields: ITEM_COLUMNS,
  // Items of one operation sort by item key; across operations the operation key comes first.
  key: "(batch_operation_key || ':' || item_key)",
  toItem: (row) => ({
    operationType: String(row.operationType),
    batchOperationKey: String(row.batchOperationKey),
    itemKey: String(row.itemKey),
    processInstanceKey: String(row.processInstanceKey),
    state: row.state as BatchOperationItemView['state'],
    processedDate: iso(row.processedDate),
    errorMessage: text(row.errorMessage),
  }),
};
