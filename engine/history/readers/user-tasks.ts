import { badRequest } from '../../gateway/rest/problem';
import { singleValue, type DrivingFilter } from '../driving-filter';
import { filterCondition, type CustomFilter, type SqlSearchSpec } from '../sql-search';
import { iso, key, keyColumn, text } from './row-values';

/** Camunda's user task states. */
export type UserTaskState = 'CREATING' | 'CREATED' | 'ASSIGNING' | 'UPDATING' | 'COMPLETING' | 'COMPLETED' | 'CANCELING' | 'CANCELED' | 'FAILED';

/** A user task as `GET /v2/user-tasks/{key}` answers it. */
export interface UserTaskView {
  userTaskKey: string;
  name?: string;
  state: UserTaskState;
  assignee?: string;
  elementId: string;
  elementInstanceKey: string;
  candidateGroups: string[];
  candidateUsers: string[];
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersion: number;
  processInstanceKey: string;
  processName?: string;
  creationDate: string;
  completionDate?: string;
  dueDate?: string;
  followUpDate?: string;
  tenantId: string;
  formKey?: string;
  externalFormReference?: string;
  customHeaders: Record<string, string>;
  priority: number;
}

/** A candidate group / user filter: any candidate matches; `$neq` / `$notIn` must hold for every one. */
function candidateFilter(kind: 'group' | 'user'): CustomFilter {
  return (value, field, params) => {
    const scope = `FROM user_task_candidates c WHERE c.user_task_key = user_tasks.user_task_key AND c.kind = '${kind}'`;
    const column = { sql: 'c.candidate', kind: 'string' as const };
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      if ('$exists' in value) return `${(value as { $exists: unknown }).$exists ? '' : 'NOT '}EXISTS (SELECT 1 ${scope})`;
      if ('$neq' in value || '$notIn' in value) return `NOT EXISTS (SELECT 1 ${scope} AND NOT (${filterCondition(column, value, field, params)}))`;
    }
    // As an IN list over the candidates table's (kind, candidate) key, so a group's tasks are found by index.
    return `user_task_key IN (SELECT c.user_task_key FROM user_task_candidates c WHERE c.kind = '${kind}' AND ${filterCondition(column, value, field, params)})`;
  };
}

/**
 * One candidate group / user drives a search sorted by key: its tasks' keys come in order out of the
 * candidates table's primary key (kind, candidate, user_task_key), a page reads only its own rows.
 */
function candidateDriver(kind: 'group' | 'user'): DrivingFilter {
  return (value, params) => {
    const candidate = singleValue(value);
    if (candidate === undefined) return undefined;
    params.push(candidate);
    return `(SELECT user_task_key AS driven_key FROM user_task_candidates WHERE kind = '${kind}' AND candidate = ?)`;
  };
}

/** `[{ name, value }]`: each named variable, visible in the scope, must match the value filter. */
function variableFilter(scopeColumn: string): CustomFilter {
  return (raw, field, params) => {
    if (!Array.isArray(raw)) throw badRequest(`Expected '${field}' to be an array of { name, value }, but was ${JSON.stringify(raw)}.`);
    const conditions = raw.map((entry: unknown, index) => {
      const { name, value } = (entry ?? {}) as { name?: unknown; value?: unknown };
      if (typeof name !== 'string' || name === '') throw badRequest(`No ${field}[${index}].name provided.`);
      params.push(name);
      const valueCondition = filterCondition({ sql: 'v.value', kind: 'string' }, value, field, params);
      return `EXISTS (SELECT 1 FROM variables v WHERE v.scope_key = user_tasks.${scopeColumn} AND v.name = ? AND ${valueCondition})`;
    });
    return conditions.length === 0 ? undefined : conditions.join(' AND ');
  };
}

export const USER_TASK_SEARCH: SqlSearchSpec<UserTaskView> = {
  noun: 'user task',
  from: 'user_tasks',
  select: [
    keyColumn('user_task_key', 'userTaskKey'),
    'name',
    'state',
    'assignee',
    'element_id AS elementId',
    keyColumn('element_instance_key', 'elementInstanceKey'),
    'candidate_groups AS candidateGroups',
    'candidate_users AS candidateUsers',
    'process_definition_id AS processDefinitionId',
    keyColumn('process_definition_key', 'processDefinitionKey'),
    'process_definition_version AS processDefinitionVersion',
    keyColumn('process_instance_key', 'processInstanceKey'),
    'process_name AS processName',
    'creation_date AS creationDate',
    'completion_date AS completionDate',
    'due_date AS dueDate',
    'follow_up_date AS followUpDate',
    'tenant_id AS tenantId',
    keyColumn('form_key', 'formKey'),
    'external_form_reference AS externalFormReference',
    'custom_headers AS customHeaders',
    'priority',
  ].join(', '),
  filters: {
    state: { sql: 'state', kind: 'string' },
    assignee: { sql: 'assignee', kind: 'string' },
    priority: { sql: 'priority', kind: 'integer' },
    elementId: { sql: 'element_id', kind: 'string' },
    name: { sql: 'name', kind: 'string' },
    candidateGroup: candidateFilter('group'),
    candidateUser: candidateFilter('user'),
    tenantId: { sql: 'tenant_id', kind: 'string' },
    processDefinitionId: { sql: 'process_definition_id', kind: 'string' },
    creationDate: { sql: 'creation_date', kind: 'date' },
    completionDate: { sql: 'completion_date', kind: 'date' },
    followUpDate: { sql: 'follow_up_date', kind: 'date' },
    dueDate: { sql: 'due_date', kind: 'date' },
    processInstanceVariables: variableFilter('process_instance_key'),
    localVariables: variableFilter('element_instance_key'),
    userTaskKey: { sql: 'user_task_key', kind: 'key' },
    processDefinitionKey: { sql: 'process_definition_key', kind: 'key' },
    processInstanceKey: { sql: 'process_instance_key', kind: 'key' },
    elementInstanceKey: { sql: 'element_instance_key', kind: 'key' },
  },
  drivers: { candidateGroup: candidateDriver('group'), candidateUser: candidateDriver('user') },
  sortFields: {
    creationDate: { sql: 'creation_date', kind: 'date' },
    completionDate: { sql: 'completion_date', kind: 'date' },
    followUpDate: { sql: 'follow_up_date', kind: 'date' },
    dueDate: { sql: 'due_date', kind: 'date' },
    priority: { sql: 'priority', kind: 'integer' },
    name: { sql: 'name', kind: 'string' },
  },
  key: 'user_task_key',
  toItem: (row) => ({
    userTaskKey: String(row.userTaskKey),
    name: text(row.name),
    state: row.state as UserTaskState,
    assignee: text(row.assignee),
    elementId: String(row.elementId),
    elementInstanceKey: String(row.elementInstanceKey),
    candidateGroups: JSON.parse(String(row.candidateGroups)) as string[],
    candidateUsers: JSON.parse(String(row.candidateUsers)) as string[],
    processDefinitionId: String(row.processDefinitionId),
    processDefinitionKey: String(row.processDefinitionKey),
    processDefinitionVersion: Number(row.processDefinitionVersion),
    processInstanceKey: String(row.processInstanceKey),
    processName: text(row.processName),
    creationDate: iso(row.creationDate)!,
    completionDate: iso(row.completionDate),
    dueDate: iso(row.dueDate),
    followUpDate: iso(row.followUpDate),
    tenantId: String(row.tenantId),
    formKey: key(row.formKey),
    externalFormReference: text(row.externalFormReference),
    customHeaders: JSON.parse(String(row.customHeaders)) as Record<string, string>,
    priority: Number(row.priority),
  }),
};

/** Who may see which tasks, as SQL: a person sees tasks of their groups, their candidacy or their assignment. */
export function visibleTasksCondition(principal: { username: string; groups: readonly string[]; roles: readonly string[] } | undefined): { conditions: string[]; params: unknown[] } {
  if (!principal || principal.roles.some((role) => role === 'auditor' || role === 'admin')) return { conditions: [], params: [] };
  if (!principal.roles.some((role) => role === 'staff' || role === 'supervisor')) return { conditions: ['0'], params: [] };
  const params: unknown[] = [principal.username, principal.username];
  let groups = '';
  if (principal.groups.length > 0) {
    groups = ` OR user_task_key IN (SELECT c.user_task_key FROM user_task_candidates c WHERE c.kind = 'group' AND c.candidate IN (${principal.groups.map(() => '?').join(', ')}))`;
    params.push(...principal.groups);
  }
  return {
    conditions: [
      `(assignee = ? OR user_task_key IN (SELECT c.user_task_key FROM user_task_candidates c WHERE c.kind = 'user' AND c.candidate = ?)${groups})`,
    ],
    params,
  };
}
