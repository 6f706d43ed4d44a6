/**
 * The task list's search with the case's light (OneGo extension, `POST /v2/apps/tasklist/user-tasks/search`):
 * Camunda's user task search body — the same filter, sort and paging as `POST /v2/user-tasks/search` — plus
 * `filter.caseLight` (`red`, `yellow`, `green`, `paused` or `none`) and the sort field `caseLight` (red first
 * ascending, then yellow, green, paused, none). The light is the rank the apps' case index gives the task's
 * process instance at engine time (the rule the 亮灯 board and the dashboard count by), looked up per matching
 * task by primary key in the index attached to the history connection, so filtering and sorting cover every
 * task the search matches, not the first page's. Runs on the apps' reader thread.
 */
import type Database from 'better-sqlite3';
import { badRequest } from '../../engine/gateway/rest/problem';
import { sqlSearch, type SqlSearchPage } from '../../engine/history/sql-search';
import { USER_TASK_SEARCH, type UserTaskView } from '../../engine/history/readers/user-tasks';
import { caseRankSql } from './audit-case-filters';

/** The lights a task can be filtered by, in the order `caseLight` sorts them (the index's rank; none last). */
export const TASK_LIGHTS = ['red', 'yellow', 'green', 'paused', 'none'] as const;
export type TaskLight = (typeof TASK_LIGHTS)[number];

/** The schema name the case index is attached under on the history connection. */
export const CASE_INDEX_SCHEMA = 'apps_index';

/** The rank of the task's own process instance at `now` (0 red … 3 paused, 4 none): a primary-key look-up. */
function taskRankSql(now: number): string {
  return `COALESCE((SELECT ${caseRankSql(now)} FROM ${CASE_INDEX_SCHEMA}.cases c WHERE c.process_instance_key = user_tasks.process_instance_key), 4)`;
}

/** Reads `filter.caseLight` out of a search body (the rest is Camunda's), or undefined. */
export function splitCaseLight(body: unknown): { body: Record<string, unknown>; light: TaskLight | undefined } {
  if (body === undefined || body === null) return { body: {}, light: undefined };
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('Expected a search request object, but the body is not one. / 查询条件须为对象。');
  const { filter, ...rest } = body as Record<string, unknown>;
  if (filter === undefined || filter === null) return { body: rest, light: undefined };
  if (typeof filter !== 'object' || Array.isArray(filter)) throw badRequest(`Expected 'filter' to be an object, but was ${JSON.stringify(filter)}.`);
  const { caseLight, ...camunda } = filter as Record<string, unknown>;
  if (caseLight !== undefined && !(TASK_LIGHTS as readonly unknown[]).includes(caseLight)) {
    throw badRequest(`Expected 'filter.caseLight' to be one of ${TASK_LIGHTS.join(', ')}, but was ${JSON.stringify(caseLight)}. / 亮灯须为红、黄、绿、暂停或无时限（${TASK_LIGHTS.join('、')}）。`);
  }
  return { body: { ...rest, filter: camunda }, light: caseLight as TaskLight | undefined };
}

/**
 * One page of user tasks for `body` (Camunda's search body without `caseLight`), within `scope` (the caller's
 * visible tasks), of the case light `light` when given, at engine time `now`. `history` must have the case index
 * attached as {@link CASE_INDEX_SCHEMA}.
 */
export function searchTasksWithLight(
  history: Database.Database,
  body: Record<string, unknown>,
  scope: { conditions: string[]; params: unknown[] },
  light: TaskLight | undefined,
  now: number,
): { items: UserTaskView[]; page: SqlSearchPage } {
  const rank = taskRankSql(now);
  const spec = { ...USER_TASK_SEARCH, sortFields: { ...USER_TASK_SEARCH.sortFields, caseLight: { sql: rank, kind: 'integer' as const, notNull: true } } };
  const conditions = [...scope.conditions];
  const params = [...scope.params];
  if (light !== undefined) {
    conditions.push(`${rank} = ?`);
    params.push(TASK_LIGHTS.indexOf(light));
  }
  return sqlSearch(history, spec, body, { conditions, params });
}
