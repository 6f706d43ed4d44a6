/**
 * The REST v2 searches Operate, Tasklist, the apps and `npm run bench:scale` ask most, as request bodies
 * over a synthetic store ({@link fillSyntheticHistory}): each filter with the sorts those screens offer. The
 * history search benchmark times them; the query-plan test checks that each reads an index, not a table.
 */
import type { SqlSearchSpec } from '../../engine/history/sql-search';
import { AUDIT_LOG_SEARCH } from '../../engine/history/readers/audit-logs';
import { ELEMENT_INSTANCE_SEARCH } from '../../engine/history/readers/element-instances';
import { INCIDENT_SEARCH } from '../../engine/history/readers/incidents';
import { JOB_SEARCH } from '../../engine/history/readers/jobs';
import { PROCESS_INSTANCE_SEARCH } from '../../engine/history/readers/process-instances';
import { USER_TASK_SEARCH } from '../../engine/history/readers/user-tasks';
import { VARIABLE_SEARCH } from '../../engine/history/readers/variables';
import { INCIDENT_REMAINDER, syntheticApplicant, syntheticInstanceKey } from './synthetic-history';

/** One search as a screen asks it: request bodies to cycle through (different cases, same shape). */
export interface HistorySearchCase {
  label: string;
  spec: SqlSearchSpec<unknown>;
  bodies(size: { finished: number; waiting: number }): unknown[];
  extra?: { conditions: string[]; params: unknown[] };
  /** The page must come out of an index in the sort's order (no sort of every match), however many match. */
  indexOrdered?: boolean;
  /** Neither the page nor the count builds a list of every match first (SQLite's `LIST SUBQUERY` of `key IN (SELECT …)`). */
  noMatchList?: boolean;
}

const PAGE = { limit: 50 };
const SAMPLES = 64;

/** `SAMPLES` case indexes spread over the store, finished and waiting alternating. */
function sampledCases(size: { finished: number; waiting: number }): number[] {
  const cases: number[] = [];
  for (let sample = 0; sample < SAMPLES; sample++) {
    const fraction = (sample * 7919) % SAMPLES / SAMPLES;
    cases.push(sample % 2 === 0 || size.waiting === 0 ? Math.floor(fraction * size.finished) : size.finished + Math.floor(fraction * size.waiting));
  }
  return cases;
}

const spec = <T>(search: SqlSearchSpec<T>) => search as SqlSearchSpec<unknown>;
const byInstance = (sort?: unknown) => (size: { finished: number; waiting: number }) =>
  sampledCases(size).map((index) => ({ filter: { processInstanceKey: syntheticInstanceKey(index) }, ...(sort ? { sort } : {}), page: { limit: 100 } }));

const DEFINITION_STATES = [
  { processDefinitionId: 'scale-finished', state: 'COMPLETED' },
  { processDefinitionId: 'scale-user-task', state: 'ACTIVE' },
];

/** Every search the benchmark times and the plan test checks. */
export const HISTORY_SEARCH_CASES: HistorySearchCase[] = [
  // One group, sorted by key: read from the candidates' primary key in key order, a page at a time.
  {
    label: 'user tasks by candidate group',
    spec: spec(USER_TASK_SEARCH),
    bodies: () => ['dept-a', 'dept-b'].map((candidateGroup) => ({ filter: { candidateGroup }, page: PAGE })),
    indexOrdered: true,
    noMatchList: true,
  },
  {
    label: "user tasks by candidate group ($in one department) and state, Tasklist's department list",
    spec: spec(USER_TASK_SEARCH),
    bodies: () => ['dept-a', 'dept-b'].map((group) => ({ filter: { candidateGroup: { $in: [group] }, state: 'CREATED' }, page: PAGE })),
    indexOrdered: true,
    noMatchList: true,
  },
  {
    label: 'user tasks by candidate group and state, newest first',
    spec: spec(USER_TASK_SEARCH),
    bodies: () => ['dept-a', 'dept-b'].map((candidateGroup) => ({ filter: { candidateGroup, state: 'CREATED' }, sort: [{ field: 'creationDate', order: 'DESC' }], page: PAGE })),
  },
  {
    label: 'user tasks by state (CREATED), newest first',
    spec: spec(USER_TASK_SEARCH),
    bodies: () => [{ filter: { state: 'CREATED' }, sort: [{ field: 'creationDate', order: 'DESC' }], page: PAGE }],
    indexOrdered: true,
  },
  { label: 'user tasks by assignee and state', spec: spec(USER_TASK_SEARCH), bodies: () => [{ filter: { assignee: 'clerk-1', state: 'CREATED' }, page: PAGE }] },
  {
    label: 'process instances by definition and state',
    spec: spec(PROCESS_INSTANCE_SEARCH),
    bodies: () => DEFINITION_STATES.map((filter) => ({ filter, page: PAGE })),
    indexOrdered: true,
  },
  ...(['startDate', 'endDate'] as const).flatMap((field) =>
    (['ASC', 'DESC'] as const).map((order) => ({
      label: `process instances by definition and state, by ${field} ${order}`,
      spec: spec(PROCESS_INSTANCE_SEARCH),
      bodies: () => DEFINITION_STATES.map((filter) => ({ filter, sort: [{ field, order }], page: PAGE })),
      indexOrdered: true,
    })),
  ),
  ...(['startDate', 'endDate'] as const).map((field) => ({
    label: `process instances by definition (any state), by ${field} DESC`,
    spec: spec(PROCESS_INSTANCE_SEARCH),
    bodies: () => ['scale-finished', 'scale-user-task'].map((processDefinitionId) => ({ filter: { processDefinitionId }, sort: [{ field, order: 'DESC' }], page: PAGE })),
    indexOrdered: true,
  })),
  {
    label: 'process instances by definition key and state, by startDate DESC',
    spec: spec(PROCESS_INSTANCE_SEARCH),
    bodies: () => [{ filter: { processDefinitionKey: '1', state: 'COMPLETED' }, sort: [{ field: 'startDate', order: 'DESC' }], page: PAGE }],
    indexOrdered: true,
  },
  {
    label: 'process instances by definition key (any state), by startDate DESC',
    spec: spec(PROCESS_INSTANCE_SEARCH),
    bodies: () => ['1', '2'].map((processDefinitionKey) => ({ filter: { processDefinitionKey }, sort: [{ field: 'startDate', order: 'DESC' }], page: PAGE })),
    indexOrdered: true,
  },
  {
    label: 'process instances by state, by startDate DESC',
    spec: spec(PROCESS_INSTANCE_SEARCH),
    bodies: () => [{ filter: { state: 'ACTIVE' }, sort: [{ field: 'startDate', order: 'DESC' }], page: PAGE }],
    indexOrdered: true,
  },
  {
    label: 'process instances, all, by startDate DESC',
    spec: spec(PROCESS_INSTANCE_SEARCH),
    bodies: () => [{ sort: [{ field: 'startDate', order: 'DESC' }], page: PAGE }],
    indexOrdered: true,
  },
  { label: "one instance's element instances", spec: spec(ELEMENT_INSTANCE_SEARCH), bodies: byInstance() },
  { label: "one instance's element instances, by startDate", spec: spec(ELEMENT_INSTANCE_SEARCH), bodies: byInstance([{ field: 'startDate', order: 'ASC' }]) },
  {
    label: 'element instances by definition key',
    spec: spec(ELEMENT_INSTANCE_SEARCH),
    bodies: () => ['1', '2'].map((processDefinitionKey) => ({ filter: { processDefinitionKey }, page: PAGE })),
    indexOrdered: true,
  },
  {
    label: 'element instances by definition key, element and state',
    spec: spec(ELEMENT_INSTANCE_SEARCH),
    bodies: () => [{ filter: { processDefinitionKey: '2', elementId: 'review', state: 'ACTIVE' }, page: PAGE }],
  },
  { label: "one instance's audit log", spec: spec(AUDIT_LOG_SEARCH), bodies: byInstance() },
  { label: "one instance's audit log, by timestamp DESC", spec: spec(AUDIT_LOG_SEARCH), bodies: byInstance([{ field: 'timestamp', order: 'DESC' }]) },
  { label: "one instance's variables", spec: spec(VARIABLE_SEARCH), bodies: byInstance() },
  {
    label: 'variables by name and value (applicantName = a name)',
    spec: spec(VARIABLE_SEARCH),
    bodies: (size) => sampledCases(size).map((index) => ({ filter: { name: 'applicantName', value: JSON.stringify(syntheticApplicant(index)) }, page: PAGE })),
  },
  { label: 'variables by name', spec: spec(VARIABLE_SEARCH), bodies: () => [{ filter: { name: 'caseNo' }, page: PAGE }] },
  { label: "one instance's jobs", spec: spec(JOB_SEARCH), bodies: byInstance() },
  {
    label: "one instance's incidents",
    spec: spec(INCIDENT_SEARCH),
    // waiting cases with an incident (every tenth)
    bodies: (size) =>
      Array.from({ length: Math.min(SAMPLES, Math.floor(size.waiting / 10)) }, (_, sample) => {
        const first = size.finished + ((INCIDENT_REMAINDER - (size.finished % 10) + 10) % 10);
        return { filter: { processInstanceKey: syntheticInstanceKey(first + 10 * Math.floor((sample * size.waiting) / 10 / SAMPLES)) }, page: { limit: 100 } };
      }),
  },
  { label: 'active incidents, newest first', spec: spec(INCIDENT_SEARCH), bodies: () => [{ filter: { state: 'ACTIVE' }, sort: [{ field: 'creationTime', order: 'DESC' }], page: PAGE }] },
];
