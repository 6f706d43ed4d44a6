import type { SqlSearchSpec } from '../sql-search';
import { iso, key, keyColumn, text } from './row-values';

/** A job as `POST /v2/jobs/search` answers it (Camunda 8.9's JobSearchResult). */
export interface JobView {
  jobKey: string;
  type: string;
  worker: string;
  state: string;
  kind: string;
  listenerEventType: string;
  retries: number;
  hasFailedWithRetriesLeft: boolean;
  errorCode: string | null;
  errorMessage: string | null;
  customHeaders: Record<string, string>;
  deadline: string | null;
  endTime?: string;
  lastUpdateTime?: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processInstanceKey: string;
  elementId: string;
  elementInstanceKey: string;
  tenantId: string;
}

/** States after which a job is over: its last update is when it ended. */
const ENDED = new Set(['COMPLETED', 'CANCELED', 'ERROR_THROWN']);

const JOB_COLUMNS = {
  jobKey: { sql: 'job_key', kind: 'key' },
  type: { sql: 'type', kind: 'string' },
  worker: { sql: 'worker', kind: 'string' },
  state: { sql: 'state', kind: 'string' },
  kind: { sql: "COALESCE(kind, 'BPMN_ELEMENT')", kind: 'string' },
  listenerEventType: { sql: "COALESCE(listener_event_type, 'UNSPECIFIED')", kind: 'string' },
  retries: { sql: 'retries', kind: 'integer' },
  errorCode: { sql: 'error_code', kind: 'string' },
  errorMessage: { sql: 'error_message', kind: 'string' },
  hasFailedWithRetriesLeft: { sql: "(state = 'FAILED' AND retries > 0)", kind: 'boolean' },
  deadline: { sql: 'deadline', kind: 'date' },
  processDefinitionId: { sql: 'process_definition_id', kind: 'string' },
  processDefinitionKey: { sql: 'process_definition_key', kind: 'key' },
  processInstanceKey: { sql: 'process_instance_key', kind: 'key' },
  elementId: { sql: 'element_id', kind: 'string' },
  elementInstanceKey: { sql: 'element_instance_key', kind: 'key' },
  tenantId: { sql: 'tenant_id', kind: 'string' },
  lastUpdateTime: { sql: 'last_update', kind: 'date' },
} as const;

export const JOB_SEARCH: SqlSearchSpec<JobView> = {
  noun: 'job',
  from: 'jobs',
  select: [
    keyColumn('job_key', 'jobKey'),
    'type',
    'worker',
    'state',
    'kind',
    'listener_event_type AS listenerEventType',
    'retries',
    'error_code AS errorCode',
    'error_message AS errorMessage',
    'deadline',
    'process_definition_id AS processDefinitionId',
    keyColumn('process_definition_key', 'processDefinitionKey'),
    keyColumn('process_instance_key', 'processInstanceKey'),
    'element_id AS elementId',
    keyColumn('element_instance_key', 'elementInstanceKey'),
    'tenant_id AS tenantId',
    'last_update AS lastUpdate',
  ].join(', '),
  filters: JOB_COLUMNS,
  sortFields: JOB_COLUMNS,
  key: 'job_key',
  toItem: (row) => {
    const state = String(row.state);
    const retries = Number(row.retries ?? 0);
    return {
      jobKey: String(row.jobKey),
      type: String(row.type),
      worker: text(row.worker) ?? '',
      state,
      kind: text(row.kind) ?? 'BPMN_ELEMENT',
      listenerEventType: text(row.listenerEventType) ?? 'UNSPECIFIED',
      retries,
      hasFailedWithRetriesLeft: state === 'FAILED' && retries > 0,
      errorCode: text(row.errorCode) ?? null,
      errorMessage: text(row.errorMessage) ?? null,
      // History keeps no headers: workers get them on activation.
      customHeaders: {},
      deadline: iso(row.deadline) ?? null,
      endTime: ENDED.has(state) ? iso(row.lastUpdate) : undefined,
      lastUpdateTime: iso(row.lastUpdate),
      processDefinitionId: text(row.processDefinitionId) ?? '',
      processDefinitionKey: key(row.processDefinitionKey) ?? '',
      processInstanceKey: key(row.processInstanceKey) ?? '',
      elementId: text(row.elementId) ?? '',
      elementInstanceKey: key(row.elementInstanceKey) ?? '',
      tenantId: String(row.tenantId),
    };
  },
};
