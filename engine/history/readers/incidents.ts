import type { SqlSearchSpec } from '../sql-search';
import { iso, key, keyColumn } from './row-values';

/** An incident as `POST /v2/incidents/search` answers it. */
export interface IncidentView {
  incidentKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processInstanceKey: string;
  errorType: string;
  errorMessage: string;
  elementId: string;
  elementInstanceKey: string;
  creationTime: string;
  state: 'ACTIVE' | 'RESOLVED';
  jobKey?: string;
  tenantId: string;
}

export const INCIDENT_SEARCH: SqlSearchSpec<IncidentView> = {
  noun: 'incident',
  from: 'incidents',
  select: [
    keyColumn('incident_key', 'incidentKey'),
    keyColumn('process_definition_key', 'processDefinitionKey'),
    'process_definition_id AS processDefinitionId',
    keyColumn('process_instance_key', 'processInstanceKey'),
    'error_type AS errorType',
    'error_message AS errorMessage',
    'element_id AS elementId',
    keyColumn('element_instance_key', 'elementInstanceKey'),
    'creation_time AS creationTime',
    'state',
    keyColumn('job_key', 'jobKey'),
    'tenant_id AS tenantId',
  ].join(', '),
  filters: {
    processDefinitionId: { sql: 'process_definition_id', kind: 'string' },
    errorType: { sql: 'error_type', kind: 'string' },
    errorMessage: { sql: 'error_message', kind: 'string' },
    elementId: { sql: 'element_id', kind: 'string' },
    creationTime: { sql: 'creation_time', kind: 'date' },
    state: { sql: 'state', kind: 'string' },
    tenantId: { sql: 'tenant_id', kind: 'string' },
    incidentKey: { sql: 'incident_key', kind: 'key' },
    processDefinitionKey: { sql: 'process_definition_key', kind: 'key' },
    processInstanceKey: { sql: 'process_instance_key', kind: 'key' },
    elementInstanceKey: { sql: 'element_instance_key', kind: 'key' },
    jobKey: { sql: 'job_key', kind: 'key' },
  },
  sortFields: {
    incidentKey: { sql: 'incident_key', kind: 'key' },
    processDefinitionKey: { sql: 'process_definition_key', kind: 'key' },
    processDefinitionId: { sql: 'process_definition_id', kind: 'string' },
    processInstanceKey: { sql: 'process_instance_key', kind: 'key' },
    errorType: { sql: 'error_type', kind: 'string' },
    errorMessage: { sql: 'error_message', kind: 'string' },
    elementId: { sql: 'element_id', kind: 'string' },
    elementInstanceKey: { sql: 'element_instance_key', kind: 'key' },
    creationTime: { sql: 'creation_time', kind: 'date' },
    state: { sql: 'state', kind: 'string' },
    jobKey: { sql: 'job_key', kind: 'key' },
    tenantId: { sql: 'tenant_id', kind: 'string' },
  },
  key: 'incident_key',
  toItem: (row) => ({
    incidentKey: String(row.incidentKey),
    processDefinitionKey: key(row.processDefinitionKey) ?? '',
    processDefinitionId: String(row.processDefinitionId),
    processInstanceKey: key(row.processInstanceKey) ?? '',
    errorType: String(row.errorType),
    errorMessage: String(row.errorMessage),
    elementId: String(row.elementId),
    elementInstanceKey: key(row.elementInstanceKey) ?? '',
    creationTime: iso(row.creationTime)!,
    state: row.state as IncidentView['state'],
    jobKey: key(row.jobKey),
    tenantId: String(row.tenantId),
  }),
};
