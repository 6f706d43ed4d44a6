/**
 * History of Camunda 8.10's process-instance lifecycle additions: a suspended instance reads SUSPENDED (and
 * ACTIVE again once resumed), a business id assigned late is written onto the instance's row.
 */
import type Database from 'better-sqlite3';
import type { EngineRecord } from '../api';
import type { PendingRows } from './pending-rows';
import { str } from './record-values';

export class InstanceLifecycleWriter {
  private readonly s;

  constructor(
    db: Database.Database,
    private readonly pending: PendingRows,
  ) {
    this.s = {
      // Only a running instance changes state: an instance that ended in the same run keeps its end.
      state: db.prepare("UPDATE process_instances SET state = ? WHERE process_instance_key = ? AND state IN ('ACTIVE', 'SUSPENDED')"),
      businessId: db.prepare('UPDATE process_instances SET business_id = ? WHERE process_instance_key = ?'),
    };
  }

  /** PROCESS_INSTANCE_SUSPENSION SUSPENDED / RESUMED. */
  suspension(record: EngineRecord): void {
    if (record.intent !== 'SUSPENDED' && record.intent !== 'RESUMED') return;
    this.pending.writeInstance(record.key);
    this.s.state.run(record.intent === 'SUSPENDED' ? 'SUSPENDED' : 'ACTIVE', record.key);
  }

  /** PROCESS_INSTANCE_BUSINESS_ID ASSIGNED. */
  businessId(record: EngineRecord): void {
    if (record.intent !== 'ASSIGNED') return;
    this.pending.writeInstance(record.key);
    this.s.businessId.run(str(record.value, 'businessId') ?? null, record.key);
  }
}
