import type { SqlSearchSpec } from '../sql-search';
import { iso, key, keyColumn, text } from './row-values';

/** A process instance's message subscription as `POST /v2/message-subscriptions/search` answers it (8.8). */
export interface MessageSubscriptionView {
  messageSubscriptionKey: string;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  processInstanceKey?: string;
  elementId?: string;
  elementInstanceKey?: string;
  messageSubscriptionState: string;
  lastUpdatedDate: string;
  messageName: string;
  correlationKey?: string;
  tenantId: string;
}

const COLUMNS = {
  messageSubscriptionKey: { sql: 'message_subscription_key', kind: 'key', notNull: true },
  processDefinitionId: { sql: 'process_definition_id', kind: 'string' },
  processDefinitionKey: { sql: 'process_definition_key', kind: 'key' },
  processInstanceKey: { sql: 'process_instance_key', kind: 'key' },
  elementId: { sql: 'element_id', kind: 'string' },
  elementInstanceKey: { sql: 'element_instance_key', kind: 'key' },
  messageSubscriptionState: { sql: 'state', kind: 'string', notNull: true },
  lastUpdatedDate: { sql: 'last_updated_date', kind: 'date', notNull: true },
  messageName: { sql: 'message_name', kind: 'string', notNull: true },
  correlationKey: { sql: 'correlation_key', kind: 'string' },
  tenantId: { sql: 'tenant_id', kind: 'string', notNull: true },
} as const;

/**
 * Message subscriptions of process instances (intermediate catch events, receive tasks, boundary events, event
 * subprocesses) with their last state, as Camunda's exporter keeps them from PROCESS_MESSAGE_SUBSCRIPTION events.
 */
export const MESSAGE_SUBSCRIPTION_SEARCH: SqlSearchSpec<MessageSubscriptionView> = {
  noun: 'message subscription',
  from: 'message_subscriptions',
  select: [
    keyColumn('message_subscription_key', 'messageSubscriptionKey'),
    'process_definition_id AS processDefinitionId',
    keyColumn('process_definition_key', 'processDefinitionKey'),
    keyColumn('process_instance_key', 'processInstanceKey'),
    'element_id AS elementId',
    keyColumn('element_instance_key', 'elementInstanceKey'),
    'state',
    'last_updated_date AS lastUpdatedDate',
    'message_name AS messageName',
    'correlation_key AS correlationKey',
    'tenant_id AS tenantId',
  ].join(', '),
  filters: COLUMNS,
  sortFields: COLUMNS,
  key: 'message_subscription_key',
  toItem: (row) => ({
    messageSubscriptionKey: String(row.messageSubscriptionKey),
    processDefinitionId: text(row.processDefinitionId),
    processDefinitionKey: key(row.processDefinitionKey),
    processInstanceKey: key(row.processInstanceKey),
    elementId: text(row.elementId),
    elementInstanceKey: key(row.elementInstanceKey),
    messageSubscriptionState: String(row.state),
    lastUpdatedDate: iso(row.lastUpdatedDate)!,
    messageName: String(row.messageName),
    correlationKey: text(row.correlationKey),
    tenantId: String(row.tenantId),
  }),
};
