/**
 * History of Camunda 8.8 batch operations: the operation (type, state, dates) and one row per item. An item
 * completes when its command is processed and fails when that command is rejected (the rejection's reason is
 * its error message), read from the `batchOperationReference` the command carries, as Camunda's exporter does.
 */
import type Database from 'better-sqlite3';
import type { EngineRecord } from '../api';
import { str } from './record-values';

export class BatchOperationWriter {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      created: db.prepare('INSERT OR REPLACE INTO batch_operations (batch_operation_key, operation_type, state, start_date, end_date, actor) VALUES (?, ?, ?, ?, NULL, ?)'),
      item: db.prepare(
        "INSERT OR IGNORE INTO batch_operation_items (batch_operation_key, item_key, process_instance_key, operation_type, state) VALUES (?, ?, ?, ?, 'ACTIVE')",
      ),
      state: db.prepare('UPDATE batch_operations SET state = ? WHERE batch_operation_key = ?'),
      ended: db.prepare('UPDATE batch_operations SET state = ?, end_date = ? WHERE batch_operation_key = ?'),
      itemsCanceled: db.prepare("UPDATE batch_operation_items SET state = 'CANCELED', processed_date = ? WHERE batch_operation_key = ? AND state = 'ACTIVE'"),
      itemDone: db.prepare('UPDATE batch_operation_items SET state = ?, processed_date = ?, error_message = ? WHERE batch_operation_key = ? AND item_key = ?'),
    };
  }

  /** Events of the batch operation value types. */
  lifecycle(record: EngineRecord): void {
    const key = record.key;
    switch (`${record.valueType}:${record.intent}`) {
      case 'BATCH_OPERATION_CREATION:CREATED': {
        const type = str(record.value, 'batchOperationType') ?? '';
        this.s.created.run(key, type, 'ACTIVE', record.timestamp, record.actor ?? null);
        for (const item of (record.value.items as { itemKey: string; processInstanceKey: string }[]) ?? []) this.s.item.run(key, item.itemKey, item.processInstanceKey, type);
        return;
      }
      case 'BATCH_OPERATION_LIFECYCLE_MANAGEMENT:SUSPENDED':
        this.s.state.run('SUSPENDED', key);
        return;
      case 'BATCH_OPERATION_LIFECYCLE_MANAGEMENT:RESUMED':
        this.s.state.run('ACTIVE', key);
        return;
      case 'BATCH_OPERATION_LIFECYCLE_MANAGEMENT:CANCELED':
        this.s.ended.run('CANCELED', record.timestamp, key);
        this.s.itemsCanceled.run(record.timestamp, key);
        return;
      case 'BATCH_OPERATION_LIFECYCLE_MANAGEMENT:COMPLETED':
        this.s.ended.run('COMPLETED', record.timestamp, key);
        return;
      default:
        return;
    }
  }

  /** A command of a batch item (COMPLETED) or its rejection (FAILED, with the reason). */
  item(record: EngineRecord): void {
    const batchKey = str(record.value, 'batchOperationReference');
    const itemKey = str(record.value, 'batchOperationItemKey');
    if (!batchKey || !itemKey) return;
    if (record.recordType === 'COMMAND') this.s.itemDone.run('COMPLETED', record.timestamp, null, batchKey, itemKey);
    else if (record.recordType === 'COMMAND_REJECTION') this.s.itemDone.run('FAILED', record.timestamp, record.rejectionReason ?? null, batchKey, itemKey);
  }
}
