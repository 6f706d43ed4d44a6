import { AUDIT_ROW_SELECT, type AuditRow } from '../audit-log';
import type { SqlSearchSpec } from '../sql-search';

/** An audit log entry as Camunda 8.9's AuditLogResult (absent fields left out). */
export type AuditLogView = Partial<Record<keyof AuditRow, string>>;

const FIELDS: Record<string, { sql: string; kind: 'string' | 'key' | 'date' }> = {
  auditLogKey: { sql: 'audit_log_key', kind: 'key' },
  entityKey: { sql: 'entity_key', kind: 'string' },
  entityType: { sql: 'entity_type', kind: 'string' },
  operationType: { sql: 'operation_type', kind: 'string' },
  category: { sql: 'category', kind: 'string' },
  result: { sql: 'result', kind: 'string' },
  actorId: { sql: 'actor_id', kind: 'string' },
  actorType: { sql: 'actor_type', kind: 'string' },
  timestamp: { sql: 'timestamp', kind: 'date' },
  tenantId: { sql: 'tenant_id', kind: 'string' },
  processInstanceKey: { sql: 'process_instance_key', kind: 'key' },
  processDefinitionKey: { sql: 'process_definition_key', kind: 'key' },
  processDefinitionId: { sql: 'process_definition_id', kind: 'string' },
  elementInstanceKey: { sql: 'element_instance_key', kind: 'key' },
  userTaskKey: { sql: 'user_task_key', kind: 'key' },
  jobKey: { sql: 'job_key', kind: 'key' },
  deploymentKey: { sql: 'deployment_key', kind: 'key' },
  decisionDefinitionKey: { sql: 'decision_definition_key', kind: 'key' },
  decisionEvaluationKey: { sql: 'decision_evaluation_key', kind: 'key' },
};

function toView(row: Record<string, unknown>): AuditLogView {
  const view: AuditLogView = {};
  for (const [field, value] of Object.entries(row)) {
    if (value === null || value === undefined || field.startsWith('_')) continue;
    view[field as keyof AuditRow] = field === 'timestamp' ? new Date(Number(value)).toISOString() : String(value);
  }
  return view;
}

/** `POST /v2/audit-logs/search`: Camunda 8.9's audit log filters and sort fields (those our rows carry). */
export const AUDIT_LOG_SEARCH: SqlSearchSpec<AuditLogView> = {
  noun: 'audit log',
  from: 'audit_log',
  select: AUDIT_ROW_SELECT,
  filters: FIELDS,
  sortFields: FIELDS,
  key: 'audit_log_key',
  toItem: toView,
};

const USER_TASK_FIELDS = ['actorId', 'actorType', 'operationType', 'result', 'timestamp'];

/** `POST /v2/user-tasks/{key}/audit-logs/search`: Camunda's UserTaskAuditLogFilter (actor, operation, result, time). */
export const USER_TASK_AUDIT_LOG_SEARCH: SqlSearchSpec<AuditLogView> = {
  ...AUDIT_LOG_SEARCH,
  noun: 'user task audit log',
  filters: Object.fromEntries(USER_TASK_FIELDS.map((field) => [field, FIELDS[field]])),
};
