import { filterCondition, type CustomFilter, type SqlField, type SqlSearchSpec } from '../sql-search';
import { iso, key, keyColumn, text } from './row-values';

/** A process instance as `POST /v2/process-instances/search` answers it. */
export interface ProcessInstanceView {
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processDefinitionName?: string;
  processDefinitionVersion: number;
  processDefinitionVersionTag?: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' | 'SUSPENDED';
  startDate: string;
  endDate?: string;
  hasIncident: boolean;
  tenantId: string;
  parentProcessInstanceKey?: string;
  parentElementInstanceKey?: string;
  /** Camunda 8.10: the business id (null when the instance has none). */
  businessId: string | null;
}

/** The process-instance fields searches filter and sort by, and their columns (NOT NULL ones marked, see `SqlField.notNull`). */
const PROCESS_INSTANCE_COLUMNS = {
  processInstanceKey: { sql: 'process_instance_key', kind: 'key', notNull: true },
  processDefinitionId: { sql: 'process_definition_id', kind: 'string', notNull: true },
  processDefinitionName: { sql: 'process_definition_name', kind: 'string' },
  processDefinitionVersion: { sql: 'process_definition_version', kind: 'integer', notNull: true },
  processDefinitionVersionTag: { sql: 'process_definition_version_tag', kind: 'string' },
  processDefinitionKey: { sql: 'process_definition_key', kind: 'key', notNull: true },
  parentProcessInstanceKey: { sql: 'parent_process_instance_key', kind: 'key' },
  parentElementInstanceKey: { sql: 'parent_element_instance_key', kind: 'key' },
  startDate: { sql: 'start_date', kind: 'date', notNull: true },
  endDate: { sql: 'end_date', kind: 'date' },
  state: { sql: 'state', kind: 'string', notNull: true },
  hasIncident: { sql: '(incident_count > 0)', kind: 'boolean' },
  tenantId: { sql: 'tenant_id', kind: 'string', notNull: true },
  businessId: { sql: 'business_id', kind: 'string' },
} as const;

/** The one key a definition-key filter asks for (a plain key or `$eq`), else undefined. */
function exactKey(filter: unknown): string | undefined {
  const value = typeof filter === 'object' && filter !== null && !Array.isArray(filter) && Object.keys(filter).length === 1 ? (filter as { $eq?: unknown }).$eq : filter;
  return (typeof value === 'string' || typeof value === 'number') && /^\d{1,19}$/.test(String(value)) ? String(value) : undefined;
}

/**
 * The `processDefinitionKey` filter. One key belongs to one process id, so an exact key also names that id:
 * a sort by start or end date then walks the (process id, date) index instead of sorting every instance of
 * the version (history-schema.ts keeps no such indexes per key).
 */
const definitionKeyFilter: CustomFilter = (filter, field, params) => {
  const condition = filterCondition(PROCESS_INSTANCE_COLUMNS.processDefinitionKey as SqlField, filter, field, params);
  const key = exactKey(filter);
  if (key === undefined) return condition;
  params.push(key);
  // Read from an instance of that key (all of them carry its id, migrations change both together): with no
  // such instance the search is empty either way.
  return `${condition} AND process_definition_id = (SELECT p.process_definition_id FROM process_instances p WHERE p.process_definition_key = CAST(? AS INTEGER) LIMIT 1)`;
};

/** A process instance plus what the apps show about it (its case id and title outlive its variables). */
export interface ProcessInstanceRow extends ProcessInstanceView {
  caseId: string | null;
  caseTitle: string | null;
}

export const PROCESS_INSTANCE_SEARCH: SqlSearchSpec<ProcessInstanceRow> = {
  noun: 'process instance',
  from: 'process_instances',
  select: [
    keyColumn('process_instance_key', 'processInstanceKey'),
    keyColumn('process_definition_key', 'processDefinitionKey'),
    'process_definition_id AS processDefinitionId',
    'process_definition_name AS processDefinitionName',
    'process_definition_version AS processDefinitionVersion',
    'process_definition_version_tag AS processDefinitionVersionTag',
    'state',
    'start_date AS startDate',
    'end_date AS endDate',
    'incident_count AS incidentCount',
    'tenant_id AS tenantId',
    keyColumn('parent_process_instance_key', 'parentProcessInstanceKey'),
    keyColumn('parent_element_instance_key', 'parentElementInstanceKey'),
    'case_id AS caseId',
    'case_title AS caseTitle',
    'business_id AS businessId',
  ].join(', '),
  // Every column Camunda lets a process-instance search filter by, it also lets it sort by.
  filters: { ...PROCESS_INSTANCE_COLUMNS, processDefinitionKey: definitionKeyFilter },
  sortFields: PROCESS_INSTANCE_COLUMNS,
  key: 'process_instance_key',
  toItem: (row) => ({
    processInstanceKey: String(row.processInstanceKey),
    processDefinitionKey: String(row.processDefinitionKey),
    processDefinitionId: String(row.processDefinitionId),
    processDefinitionName: text(row.processDefinitionName),
    processDefinitionVersion: Number(row.processDefinitionVersion),
    processDefinitionVersionTag: text(row.processDefinitionVersionTag),
    state: row.state as ProcessInstanceView['state'],
    startDate: iso(row.startDate)!,
    endDate: iso(row.endDate),
    hasIncident: Number(row.incidentCount) > 0,
    tenantId: String(row.tenantId),
    parentProcessInstanceKey: key(row.parentProcessInstanceKey),
    parentElementInstanceKey: key(row.parentElementInstanceKey),
    businessId: text(row.businessId) ?? null,
    caseId: text(row.caseId) ?? null,
    caseTitle: text(row.caseTitle) ?? null,
  }),
};

/** The REST answer leaves out the apps' case fields. */
export function processInstanceBody(row: ProcessInstanceRow): ProcessInstanceView {
  const { caseId: _caseId, caseTitle: _caseTitle, ...view } = row;
  return view;
}
