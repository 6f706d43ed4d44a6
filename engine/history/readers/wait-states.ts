/**
 * Camunda 8.10's wait states, read from history: what each active element instance is waiting for — a job
 * (service, send, script… tasks, listeners), a user task, a message (intermediate catch event, receive task),
 * a timer (intermediate catch event), a signal or a condition (intermediate catch events). An element waits on its own subscription only; the boundary events
 * of an activity are not its wait state (the activity's job or task is).
 */
import type Database from 'better-sqlite3';
import { badRequest } from '../../gateway/rest/problem';
import type { CustomFilter, SqlSearchSpec } from '../sql-search';
import { iso, key, keyColumn, text } from './row-values';

/** The details of one wait, by `waitStateType` (Camunda's WaitStateDetails union). */
export type WaitStateDetails =
  | { waitStateType: 'JOB'; jobKey: string; jobKind: string; jobType: string; listenerEventType: string | null; retries: number | null }
  | { waitStateType: 'USER_TASK'; taskKey: string; dueDate: string | null }
  | { waitStateType: 'MESSAGE'; messageName: string; correlationKey: string | null }
  | { waitStateType: 'TIMER'; dueDate: number | null; repetitions: number | null }
  | { waitStateType: 'SIGNAL'; signalName: string }
  | { waitStateType: 'CONDITION'; expression: string; events: string[] };

/** One item of `POST /v2/element-instances/wait-states/search` (ElementInstanceWaitStateResult). */
export interface WaitStateView {
  bpmnProcessId: string;
  details: WaitStateDetails;
  elementId: string;
  elementInstanceKey: string;
  elementType: string;
  processInstanceKey: string;
  rootProcessInstanceKey: string | null;
  tenantId: string;
}

/** The columns every arm of the union gives: the element instance, then the wait's own values. */
function arm(waitStateType: string, join: string, details: string): string {
  return `SELECT e.element_instance_key, e.process_instance_key, e.process_definition_id, e.element_id, e.type, e.tenant_id,
    '${waitStateType}' AS wait_state_type, ${details}
    FROM element_instances e ${join} WHERE e.state = 'ACTIVE'`;
}


/** The open wait of every active element instance, one row each (a union over what can be waited on). */
const WAITS = [
  arm('JOB', "JOIN jobs j ON j.element_instance_key = e.element_instance_key AND j.state NOT IN ('COMPLETED', 'CANCELED', 'ERROR_THROWN')",
    "j.job_key AS detail_key, j.type AS detail_name, COALESCE(j.kind, 'BPMN_ELEMENT') AS detail_kind, j.retries AS detail_number, NULL AS detail_date, j.listener_event_type AS detail_event"),
  arm('USER_TASK', "JOIN user_tasks u ON u.element_instance_key = e.element_instance_key AND u.state NOT IN ('COMPLETED', 'CANCELED')",
    'u.user_task_key AS detail_key, NULL AS detail_name, NULL AS detail_kind, NULL AS detail_number, u.due_date AS detail_date, NULL AS detail_event'),
  arm('MESSAGE', "JOIN message_subscriptions m ON m.element_instance_key = e.element_instance_key AND m.element_id = e.element_id AND m.state IN ('CREATED', 'MIGRATED')",
    'm.message_subscription_key AS detail_key, m.message_name AS detail_name, m.correlation_key AS detail_kind, NULL AS detail_number, NULL AS detail_date, NULL AS detail_event'),
  arm('TIMER', 'JOIN open_timers t ON t.element_instance_key = e.element_instance_key AND t.element_id = e.element_id',
    't.timer_key AS detail_key, NULL AS detail_name, NULL AS detail_kind, t.repetitions AS detail_number, t.due_date AS detail_date, NULL AS detail_event'),
  arm('SIGNAL', 'JOIN open_signal_subscriptions s ON s.element_instance_key = e.element_instance_key AND s.element_id = e.element_id',
    's.subscription_key AS detail_key, s.signal_name AS detail_name, NULL AS detail_kind, NULL AS detail_number, NULL AS detail_date, NULL AS detail_event'),
  arm('CONDITION', 'JOIN open_conditional_subscriptions c ON c.element_instance_key = e.element_instance_key AND c.element_id = e.element_id',
    'c.subscription_key AS detail_key, c.condition AS detail_name, c.variable_events AS detail_kind, NULL AS detail_number, NULL AS detail_date, NULL AS detail_event'),
].join('\nUNION ALL\n');

/** The top of an instance's call chain (itself when nobody called it), as an SQL expression over `column`. */
function rootOf(column: string): string {
  return `(WITH RECURSIVE up(k, parent) AS (
    SELECT process_instance_key, parent_process_instance_key FROM process_instances WHERE process_instance_key = ${column}
    UNION ALL SELECT p.process_instance_key, p.parent_process_instance_key FROM process_instances p JOIN up ON p.process_instance_key = up.parent
  ) SELECT k FROM up WHERE parent IS NULL)`;
}

/** `rootProcessInstanceKey`: the instances of that root's call tree (exact key or `$eq`; the tree walk needs one root). */
const byRoot: CustomFilter = (value, field, params) => {
  const root = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { $eq?: unknown }).$eq : value;
  if (typeof root !== 'string' && typeof root !== 'number') throw badRequest(`Expected '${field}' to be a process instance key or {"$eq": key}, but was ${JSON.stringify(value)}.`);
  params.push(String(root));
  return `process_instance_key IN (WITH RECURSIVE tree(k) AS (
    SELECT ? UNION SELECT p.process_instance_key FROM process_instances p JOIN tree ON p.parent_process_instance_key = tree.k
  ) SELECT k FROM tree)`;
};

function detailsOf(row: Record<string, unknown>): WaitStateDetails {
  const number = row.detailNumber === null || row.detailNumber === undefined ? null : Number(row.detailNumber);
  switch (row.waitStateType) {
    case 'JOB':
      return {
        waitStateType: 'JOB',
        jobKey: String(row.detailKey),
        jobKind: String(row.detailKind),
        jobType: String(row.detailName),
        listenerEventType: listenerEventTypeOf(String(row.detailKind), row.detailEvent),
        retries: number,
      };
    case 'USER_TASK':
      return { waitStateType: 'USER_TASK', taskKey: String(row.detailKey), dueDate: iso(row.detailDate) ?? null };
    case 'MESSAGE':
      return { waitStateType: 'MESSAGE', messageName: String(row.detailName), correlationKey: text(row.detailKind) ?? null };
    case 'TIMER':
      return { waitStateType: 'TIMER', dueDate: row.detailDate === null ? null : Number(row.detailDate), repetitions: remainingRepetitions(number) };
    case 'CONDITION':
      return { waitStateType: 'CONDITION', expression: String(row.detailName), events: JSON.parse(String(row.detailKind ?? '[]')) as string[] };
    default:
      return { waitStateType: 'SIGNAL', signalName: String(row.detailName) };
  }
}

/**
 * Camunda 8.10 documents a job wait's `listenerEventType` as set for execution listener and task listener jobs
 * only (START, END, CANCEL; CREATING … CANCELING), null for the jobs of BPMN elements and ad-hoc subprocesses.
 */
function listenerEventTypeOf(jobKind: string, stored: unknown): string | null {
  if (jobKind !== 'EXECUTION_LISTENER' && jobKind !== 'TASK_LISTENER') return null;
  const value = text(stored);
  return value && value !== 'UNSPECIFIED' ? value : null;
}

/**
 * Camunda documents a timer wait's `repetitions` as the repetitions still to come after the pending one (-1 for an
 * unbounded cycle, 0 for a timer that fires once), while the timer record counts the pending firing too (1 = fires
 * once), as Zeebe's does.
 */
function remainingRepetitions(recordRepetitions: number | null): number | null {
  if (recordRepetitions === null) return null;
  return recordRepetitions < 0 ? -1 : Math.max(0, recordRepetitions - 1);
}

export const WAIT_STATE_SEARCH: SqlSearchSpec<WaitStateView> = {
  noun: 'element instance wait state',
  from: `(${WAITS}) AS wait_states`,
  select: [
    keyColumn('element_instance_key', 'elementInstanceKey'),
    keyColumn('process_instance_key', 'processInstanceKey'),
    keyColumn(rootOf('wait_states.process_instance_key'), 'rootProcessInstanceKey'),
    'process_definition_id AS bpmnProcessId',
    'element_id AS elementId',
    'type AS elementType',
    'tenant_id AS tenantId',
    'wait_state_type AS waitStateType',
    keyColumn('detail_key', 'detailKey'),
    'detail_name AS detailName',
    'detail_kind AS detailKind',
    'detail_number AS detailNumber',
    'detail_date AS detailDate',
    'detail_event AS detailEvent',
  ].join(', '),
  filters: {
    elementInstanceKey: { sql: 'element_instance_key', kind: 'key' },
    processInstanceKey: { sql: 'process_instance_key', kind: 'key' },
    rootProcessInstanceKey: byRoot,
    elementId: { sql: 'element_id', kind: 'string' },
    elementType: { sql: 'type', kind: 'string' },
    waitStateType: { sql: 'wait_state_type', kind: 'string' },
  },
  sortFields: {
    elementInstanceKey: { sql: 'element_instance_key', kind: 'key', notNull: true },
    processInstanceKey: { sql: 'process_instance_key', kind: 'key', notNull: true },
    rootProcessInstanceKey: { sql: rootOf('wait_states.process_instance_key'), kind: 'key', notNull: true },
    elementId: { sql: 'element_id', kind: 'string', notNull: true },
  },
  key: 'element_instance_key',
  toItem: (row) => ({
    bpmnProcessId: String(row.bpmnProcessId),
    details: detailsOf(row),
    elementId: String(row.elementId),
    elementInstanceKey: String(row.elementInstanceKey),
    elementType: String(row.elementType),
    processInstanceKey: String(row.processInstanceKey),
    rootProcessInstanceKey: key(row.rootProcessInstanceKey) ?? null,
    tenantId: String(row.tenantId),
  }),
};

/**
 * `GET /v2/process-instances/{key}/statistics/wait-states`: how many element instances of one process instance
 * wait, per element, in element id order.
 */
export function waitStateStatistics(db: Database.Database, processInstanceKey: string): { items: { elementId: string; waitingCount: number }[] } {
  const items = db
    .prepare(`SELECT element_id AS elementId, COUNT(*) AS waitingCount FROM (${WAITS}) WHERE process_instance_key = ? GROUP BY element_id ORDER BY element_id`)
    .all(processInstanceKey) as { elementId: string; waitingCount: number }[];
  return { items };
}
