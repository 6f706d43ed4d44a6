/**
 * The 亮灯看板 one page at a time: which open cases, in which order (red, yellow, green, paused, none, then
 * the earliest due instant) and how many of each colour are ranked in SQL over the apps' case index
 * (`case-index/`) at engine time; only the page's cases are then read in full, a few batched history queries per
 * page — their exact lights from their deadline variables, the step they are at, the department and the person
 * handling them, and how long they are overdue. Runs on the apps' reader thread, never on the engine's.
 */
import type Database from 'better-sqlite3';
import { badRequest } from '../../engine/gateway/rest/problem';
import type { BusinessCalendar } from '../../workers/calendar';
import { caseRankSql } from './audit-case-filters';
import { SUPERVISORS_SUFFIX } from '../../engine/identity/departments';
import { caseAcceptedAt, caseFactsFromVariables, caseVariablesOf, type BoardRow } from './case-lights';
import { OPEN_TASK_STATES, type CaseIndex } from './case-index/case-index';
import { indexedCalendar } from './working-time-index';

/** One row of the paged board: a case with where it stands. */
export interface BoardPageRow extends BoardRow {
  /** The process's name (as deployed), or null. */
  processName: string | null;
  /** The steps active now (element names, or ids without a name). */
  currentSteps: string[];
  /** Departments (candidate groups) of its open tasks, with names. */
  departments: { id: string; name: string }[];
  /** Who holds its open tasks (display names), empty while unclaimed. */
  handlers: string[];
  /** Office minutes past the worst deadline (a paused one counts what it had left), 0 when not overdue. */
  overdueWorkingMinutes: number;
}

/** The answer of `GET /v2/apps/audit/lights`. */
export interface BoardPage {
  now: string;
  /** Open cases by colour (after the process and department filters, before the colour filter). */
  counts: { red: number; yellow: number; green: number; paused: number; none: number; all: number };
  items: BoardPageRow[];
  page: { from: number; limit: number; totalItems: number };
}

/** Names the board needs from identity (a directory, or ids as they are without one). */
export interface BoardNames {
  department(id: string): string;
  person(username: string): string;
}

const COLOURS = ['red', 'yellow', 'green', 'paused', 'none'] as const;
/** Most rows one board page holds. */
export const MAX_BOARD_PAGE = 1000;

function one(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest(`Expected the query parameter '${name}' once, as text, but was ${JSON.stringify(value)}. / 参数 ${name} 只能给一次。`);
  return value;
}

function integer(query: Record<string, unknown>, name: string, fallback: number, max: number): number {
  const text = one(query, name);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) > max) throw badRequest(`Expected the query parameter '${name}' to be an integer from 0 to ${max}, but was '${text}'. / 参数 ${name} 须为 0 到 ${max} 的整数。`);
  return Number(text);
}

/**
 * One page of the board for `query` (`colour`, `bpmnProcessId`, `department`, `from`, `limit`) at `now`; `maxLimit`
 * bounds `limit` (an export asks for the whole board in one page, ranked once).
 */
export function lightBoardPage(index: CaseIndex, calendar: BusinessCalendar, now: number, query: Record<string, unknown>, names: BoardNames, maxLimit = MAX_BOARD_PAGE): BoardPage {
  const colour = one(query, 'colour');
  if (colour !== undefined && !(COLOURS as readonly string[]).includes(colour)) {
    throw badRequest(`Expected the query parameter 'colour' to be one of ${COLOURS.join(', ')}, but was '${colour}'. / 亮灯须为红、黄、绿、暂停或无时限（${COLOURS.join('、')}）。`);
  }
  const limit = Math.max(1, integer(query, 'limit', 50, maxLimit));
  const from = integer(query, 'from', 0, 10_000_000);
  const conditions = [`c.state = 'ACTIVE'`, 'c.top = 1'];
  const params: unknown[] = [];
  const processId = one(query, 'bpmnProcessId');
  if (processId) {
    conditions.push('c.process_id = ?');
    params.push(processId);
  }
  const department = one(query, 'department');
  if (department) {
    // The department of an open task: read from history's open tasks (a few per open case), not every task ever.
    const keys = (
      index.history
        .prepare(`SELECT DISTINCT CAST(process_instance_key AS TEXT) AS key FROM user_tasks WHERE state IN ${OPEN_TASK_STATES} AND instr(candidate_groups, ?) > 0`)
        .all(JSON.stringify(department)) as { key: string }[]
    ).map((row) => row.key);
    conditions.push('c.process_instance_key IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(keys));
  }
  const board = `WITH board AS (
      SELECT c.process_instance_key AS k, c.process_id AS processId, c.process_name AS processName, c.start_date AS startDate,
        COALESCE(${caseRankSql(now)}, 4) AS rank, c.min_due AS due
      FROM cases c WHERE ${conditions.join(' AND ')})`;
  const counts: BoardPage['counts'] = { red: 0, yellow: 0, green: 0, paused: 0, none: 0, all: 0 };
  for (const row of index.db.prepare(`${board} SELECT rank, COUNT(*) AS n FROM board GROUP BY rank`).all(...params) as { rank: number; n: number }[]) {
    counts[COLOURS[row.rank]] = row.n;
    counts.all += row.n;
  }
  const rankFilter = colour ? `WHERE rank = ${COLOURS.indexOf(colour as (typeof COLOURS)[number])}` : '';
  const rows = index.db
    .prepare(`${board} SELECT CAST(k AS TEXT) AS k, processId, processName, startDate FROM board ${rankFilter} ORDER BY rank, COALESCE(due, 9e15), k LIMIT ? OFFSET ?`)
    .all(...params, limit, from) as { k: string; processId: string; processName: string | null; startDate: number }[];
  const items = describe(index.history, indexedCalendar(calendar), now, rows, names);
  return { now: new Date(now).toISOString(), counts, items, page: { from, limit, totalItems: colour ? counts[colour as keyof typeof counts] : counts.all } };
}

/**
 * The departments of a case's open tasks, each once: a 督办 task goes to the department's supervisors' group
 * (`<department>-supervisors`), which is the same department as its own step's — listed under the department
 * when that is there too, so a late case does not name its department twice.
 */
export function departmentsOnce(groups: readonly string[]): string[] {
  const distinct = new Set(groups);
  return [...distinct].filter((group) => !(group.endsWith(SUPERVISORS_SUFFIX) && distinct.has(group.slice(0, -SUPERVISORS_SUFFIX.length))));
}

type RankedRow = { k: string; processId: string; processName: string | null; startDate: number };

/** The page's rows in full: exact lights from their deadline variables, and their open steps and tasks, read per page. */
function describe(history: Database.Database, calendar: BusinessCalendar, now: number, rows: readonly RankedRow[], names: BoardNames): BoardPageRow[] {
  const keys = rows.map((row) => row.k);
  const variables = caseVariablesOf(history, keys);
  const active = new Map<string, { name: string; type: string }[]>();
  const tasks = new Map<string, { assignee: string | null; groups: string }[]>();
  for (let start = 0; start < keys.length; start += 500) {
    const some = keys.slice(start, start + 500);
    const list = some.map(() => '?').join(',');
    // Where a case stands: its open user tasks; without one, whatever else it waits at (a service call, 补正).
    // The lights' own timer events run beside the steps and are not steps.
    for (const row of history
      .prepare(
        `SELECT CAST(process_instance_key AS TEXT) AS k, COALESCE(element_name, element_id) AS name, type FROM element_instances
         WHERE process_instance_key IN (${list}) AND state = 'ACTIVE' AND type NOT IN ('PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS', 'MULTI_INSTANCE_BODY', 'BOUNDARY_EVENT')
         ORDER BY element_instance_key`,
      )
      .all(...some) as { k: string; name: string; type: string }[]) {
      const steps = active.get(row.k) ?? active.set(row.k, []).get(row.k)!;
      if (!steps.some((step) => step.name === row.name && step.type === row.type)) steps.push({ name: row.name, type: row.type });
    }
    for (const row of history
      .prepare(`SELECT CAST(process_instance_key AS TEXT) AS k, assignee, candidate_groups AS groups FROM user_tasks WHERE process_instance_key IN (${list}) AND state NOT IN ('COMPLETED', 'CANCELED', 'FAILED')`)
      .all(...some) as { k: string; assignee: string | null; groups: string }[]) {
      (tasks.get(row.k) ?? tasks.set(row.k, []).get(row.k)!).push(row);
    }
  }
  return rows.map((row) => {
    const caseVariables = variables.get(row.k) ?? {};
    const facts = caseFactsFromVariables(row.k, caseVariables, calendar, now);
    const open = active.get(row.k) ?? [];
    const userTasks = open.filter((step) => step.type === 'USER_TASK');
    const steps = userTasks.length > 0 ? userTasks : open;
    const caseTasks = tasks.get(row.k) ?? [];
    const departments = departmentsOnce(caseTasks.flatMap((task) => JSON.parse(task.groups) as string[]));
    const handlers = [...new Set(caseTasks.map((task) => task.assignee).filter((name): name is string => Boolean(name)))];
    // A paused deadline keeps the (negative) time it had left, so a case late before 补正 still shows how late.
    const worst = Math.min(0, ...facts.light.deadlines.map((light) => light.remainingWorkingMinutes));
    return {
      ...facts,
      bpmnProcessId: row.processId,
      processName: row.processName,
      startedAt: caseAcceptedAt(caseVariables, row.startDate),
      currentSteps: steps.map((step) => step.name),
      departments: departments.map((id) => ({ id, name: names.department(id) })),
      handlers: handlers.map((username) => names.person(username)),
      overdueWorkingMinutes: -worst,
    };
  });
}
