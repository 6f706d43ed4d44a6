/**
 * History rows of message subscriptions opened by process instances (Camunda's exporter writes one row per
 * PROCESS_MESSAGE_SUBSCRIPTION and keeps its latest state: CREATED, CORRELATED, DELETED or MIGRATED). The
 * per-definition statistics count the CREATED ones (`statistics/message-subscription-statistics.ts`).
 */
import type Database from 'better-sqlite3';
import type { EngineRecord } from '../api';
import { keyOrNull, str } from './record-values';

/** The subscription events that change a row; CREATING and DELETING are steps on the way. */
const STATES = new Set(['CREATED', 'CORRELATED', 'DELETED', 'MIGRATED']);

export class MessageSubscriptionWriter {
  private readonly upsert: Database.Statement;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO message_subscriptions (message_subscription_key, process_definition_key, process_definition_id, process_instance_key, element_id,
         element_instance_key, message_name, correlation_key, state, last_updated_date, tenant_id)
       VALUES (@key, @definitionKey, @bpmnProcessId, @instanceKey, @elementId, @elementInstanceKey, @messageName, @correlationKey, @state, @at, @tenantId)
       ON CONFLICT (message_subscription_key) DO UPDATE SET state = excluded.state, last_updated_date = excluded.last_updated_date,
         process_definition_key = excluded.process_definition_key, process_definition_id = excluded.process_definition_id,
         element_id = excluded.element_id, correlation_key = excluded.correlation_key`,
    );
  }

  /** A PROCESS_MESSAGE_SUBSCRIPTION event. */
  processSubscription(record: EngineRecord): void {
    if (!STATES.has(record.intent)) return;
    const value = record.value;
    this.upsert.run({
      key: record.key,
      definitionKey: keyOrNull(value.processDefinitionKey),
      bpmnProcessId: str(value, 'bpmnProcessId') ?? null,
      instanceKey: keyOrNull(value.processInstanceKey),
      elementId: str(value, 'elementId') ?? null,
      elementInstanceKey: keyOrNull(value.elementInstanceKey),
      messageName: str(value, 'messageName') ?? '',
      correlationKey: str(value, 'correlationKey') ?? null,
      state: record.intent,
      at: record.timestamp,
      tenantId: str(value, 'tenantId') ?? '<default>',
    });
  }
}
