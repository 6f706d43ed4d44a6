import type { SqlSearchSpec } from '../sql-search';
import { iso, key, keyColumn, text } from './row-values';

/** An element instance as `POST /v2/element-instances/search` answers it. */
export interface ElementInstanceView {
  elementInstanceKey: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  elementId: string;
  elementName?: string;
  type: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  startDate: string;
  endDate?: string;
  hasIncident: boolean;
  incidentKey?: string;
  tenantId: string;
  /** The enclosing scope's element instance key (the process instance key for top-level elements). */
  flowScopeKey?: string;
}

export const ELEMENT_INSTANCE_SEARCH: SqlSearchSpec<ElementInstanceView> = {
  noun: 'element instance',
  from: 'element_instances',
  // Camunda's exporter writes no flow-node instance for the process itself (nor for sequence flows), so
  // an instance's element instances start with its start event; history keeps the process row for the apps.
  scope: "type <> 'PROCESS'",
  select: [
    keyColumn('element_instance_key', 'elementInstanceKey'),
    keyColumn('process_instance_key', 'processInstanceKey'),
    keyColumn('process_definition_key', 'processDefinitionKey'),
    'process_definition_id AS processDefinitionId',
    'element_id AS elementId',
    'element_name AS elementName',
    'type',
    'state',
    'start_date AS startDate',
    'end_date AS endDate',
    keyColumn('incident_key', 'incidentKey'),
    'tenant_id AS tenantId',
    keyColumn('flow_scope_key', 'flowScopeKey'),
  ].join(', '),
  filters: {
    processDefinitionId: { sql: 'process_definition_id', kind: 'string' },
    state: { sql: 'state', kind: 'string' },
    type: { sql: 'type', kind: 'string' },
    elementId: { sql: 'element_id', kind: 'string' },
    elementName: { sql: 'element_name', kind: 'string' },
    hasIncident: { sql: '(incident_key IS NOT NULL)', kind: 'boolean' },
    tenantId: { sql: 'tenant_id', kind: 'string' },
    elementInstanceKey: { sql: 'element_instance_key', kind: 'key' },
    processInstanceKey: { sql: 'process_instance_key', kind: 'key' },
    processDefinitionKey: { sql: 'process_definition_key', kind: 'key' },
    incidentKey: { sql: 'incident_key', kind: 'key' },
    startDate: { sql: 'start_date', kind: 'date' },
    endDate: { sql: 'end_date', kind: 'date' },
  },
  sortFields: {
    elementInstanceKey: { sql: 'element_instance_key', kind: 'key' },
    processInstanceKey: { sql: 'process_instance_key', kind: 'key' },
    processDefinitionKey: { sql: 'process_definition_key', kind: 'key' },
    processDefinitionId: { sql: 'process_definition_id', kind: 'string' },
    startDate: { sql: 'start_date', kind: 'date' },
    endDate: { sql: 'end_date', kind: 'date' },
    elementId: { sql: 'element_id', kind: 'string' },
    elementName: { sql: 'element_name', kind: 'string' },
    type: { sql: 'type', kind: 'string' },
    state: { sql: 'state', kind: 'string' },
    incidentKey: { sql: 'incident_key', kind: 'key' },
    tenantId: { sql: 'tenant_id', kind: 'string' },
  },
  key: 'element_instance_key',
  toItem: (row) => ({
    elementInstanceKey: String(row.elementInstanceKey),
    processInstanceKey: String(row.processInstanceKey),
    processDefinitionKey: String(row.processDefinitionKey),
    processDefinitionId: String(row.processDefinitionId),
    elementId: String(row.elementId),
    elementName: text(row.elementName),
    type: String(row.type),
    state: row.state as ElementInstanceView['state'],
    startDate: iso(row.startDate)!,
    endDate: iso(row.endDate),
    hasIncident: row.incidentKey !== null && row.incidentKey !== undefined,
    incidentKey: key(row.incidentKey),
    tenantId: String(row.tenantId),
    flowScopeKey: key(row.flowScopeKey),
  }),
};
