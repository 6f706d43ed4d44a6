/**
 * The apps' history reads by name, as the apps' reader thread (`apps-reader-thread.ts`) runs them: the audit case
 * search and one case in full, the 亮灯 board, the statistics, the exports, the department dashboard, the
 * calendar banner's open deadlines, and the task list's case facts and case page. Each gets the thread's case index (caught up with history first), its
 * calendar and the directory's names, and plain arguments; each answers plain data (an export: the file's bytes).
 */
import type { BusinessCalendar } from '../../../workers/calendar';
import { sqlGet } from '../../../engine/history/sql-search';
import { PROCESS_INSTANCE_SEARCH } from '../../../engine/history/readers/process-instances';
import { HttpProblem } from '../../../engine/gateway/rest/problem';
import type { IdentityDirectory, Principal } from '../../../engine/identity';
import { caseSheet, exportFile, lightsSheet, MAX_EXPORT_ROWS, statisticsSheets, type ExportFormat, type ExportList } from '../audit-export';
import { lightBoardPage, type BoardNames, type BoardPageRow } from '../audit-light-board';
import { auditStatistics } from '../audit-statistics';
import { caseFactsFromVariables, caseVariablesOf } from '../case-lights';
import { caseResultOf } from '../case-result';
import { departmentDashboard } from '../department-dashboard';
import { elementStatesOf, historyOf, instancePage, summaryOf } from '../instance-records';
import { readableHistoryOf } from '../readable-history';
import { variableLabelsOf, variableOptionsOf } from '../variable-labels';
import { processFormLabels } from '../readable-values';
import { searchTasksWithLight, type TaskLight } from '../task-light-search';
import { caseStarterOf, caseTasksOf, taskCasePage } from '../task-case-page';
import { taskCasesOf } from '../task-case-history';
import type { CaseIndex } from './case-index';

/** The directory's names as plain data (the thread has no directory of its own). */
export interface NameBook {
  groups: Record<string, string>;
  people: Record<string, { name: string; groups: string[] }>;
}

/** The names of `directory` (none without one: `--auth none`). */
export function nameBookOf(directory: IdentityDirectory | undefined): NameBook {
  const book: NameBook = { groups: {}, people: {} };
  for (const person of directory?.allPrincipals() ?? []) {
    book.people[person.username] = { name: person.name, groups: [...person.groups] };
    for (const group of person.groups) book.groups[group] ??= directory!.groupName(group);
  }
  return book;
}

/** What a read works with. */
export interface AppsReadContext {
  index: CaseIndex;
  calendar: BusinessCalendar;
  names: NameBook;
}

/** The part of a directory the readable history asks, answered from a {@link NameBook}. */
function directoryOf(names: NameBook): Pick<IdentityDirectory, 'principal' | 'groupName'> {
  return {
    principal: (username: string) => {
      const person = names.people[username];
      return person ? ({ username, name: person.name, groups: person.groups, roles: [] } as Principal) : undefined;
    },
    groupName: (id: string) => names.groups[id] ?? id,
  };
}

function boardNames(names: NameBook): BoardNames {
  return { department: (id) => names.groups[id] ?? id, person: (username) => names.people[username]?.name ?? username };
}

/** Every row of the board for an export (its filters as the page shows them), ranked once, up to the export limit. */
function wholeBoard({ index, calendar, names }: AppsReadContext, now: number, query: Record<string, unknown>): BoardPageRow[] {
  return lightBoardPage(index, calendar, now, { ...query, from: '0', limit: String(MAX_EXPORT_ROWS) }, boardNames(names), MAX_EXPORT_ROWS).items;
}

/** Today in Beijing, for file names. */
const beijingDay = (now: number) => new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);

/** The reads by name; the first argument is the thread's context, the others come from the request. */
export const APPS_READS = {
  /** `GET /v2/apps/audit/process-instances`. */
  instances: ({ index }: AppsReadContext, query: Record<string, unknown>, now: number) => instancePage(index, query, now),

  /** `GET /v2/apps/audit/process-instances/{key}`: the case in full; 404 when history does not have it. */
  instance: ({ index, calendar, names }: AppsReadContext, key: string, now: number) => {
    const history = index.history;
    const found = /^\d{1,19}$/.test(key) ? sqlGet(history, PROCESS_INSTANCE_SEARCH, key) : undefined;
    if (!found) throw new HttpProblem(404, 'NOT_FOUND', `Process instance with key '${key}' not found`);
    const instance = summaryOf(found);
    // An ended instance's lights are gone (its result says how it ended); its case id and title come from history.
    const variables = instance.state === 'ACTIVE' ? (caseVariablesOf(history, [key]).get(key) ?? {}) : {};
    // Read once for both the readable history and the variable table (the model's XML and each form it names).
    const forms = processFormLabels(history, key);
    const variableLabels = variableLabelsOf(history, key, forms);
    return {
      instance,
      case: { ...caseFactsFromVariables(key, variables, calendar, now), caseId: instance.caseId, caseTitle: instance.caseTitle },
      /** 按时办结 / 超期办结 once the case is finished (its lights are gone then). */
      result: caseResultOf(history, key),
      elements: elementStatesOf(history, key),
      history: historyOf(history, key),
      readableHistory: readableHistoryOf(history, key, directoryOf(names), forms),
      /** What the variable table names each variable and member by, in Chinese and English. */
      variableLabels,
      /** The labels of option values (codes) the variable table shows instead of the codes, in Chinese and English. */
      variableOptions: variableOptionsOf(variableLabels, forms),
    };
  },

  /** `GET /v2/apps/audit/statistics`. */
  statistics: ({ index, names }: AppsReadContext, query: Record<string, unknown>, now: number) => auditStatistics(index, query, now, (id) => names.groups[id] ?? id),

  /** `GET /v2/apps/audit/lights`. */
  lights: ({ index, calendar, names }: AppsReadContext, query: Record<string, unknown>, now: number) => lightBoardPage(index, calendar, now, query, boardNames(names)),

  /** `GET /v2/apps/audit/export/{list}`: the file. */
  export: async (context: AppsReadContext, list: ExportList, format: ExportFormat, query: Record<string, unknown>, now: number) => {
    const { index, calendar, names } = context;
    const sheets =
      list === 'cases'
        ? [caseSheet(index, query, now)]
        : list === 'lights'
          ? [lightsSheet(wholeBoard(context, now, query), calendar.minutesPerWorkingDay)]
          : statisticsSheets(await auditStatistics(index, query, now, (id) => names.groups[id] ?? id));
    return exportFile(list, format, sheets, beijingDay(now));
  },

  /** `GET /v2/apps/tasklist/dashboard`. */
  dashboard: ({ index, calendar, names }: AppsReadContext, departments: { id: string; name: string }[], now: number) => {
    const dashboard = departmentDashboard(index, calendar, departments, now);
    // Who holds each overdue step by name (张三, not zhang.san): a supervisor chases people, not accounts.
    for (const row of dashboard.overdue) {
      for (const step of row.steps) {
        const name = step.assignee ? names.people[step.assignee]?.name : undefined;
        if (name) step.assigneeName = name;
      }
    }
    return dashboard;
  },

  /** `POST /v2/apps/tasklist/user-tasks/search`: Camunda's task search with the case light (`task-light-search.ts`). */
  taskSearch: ({ index }: AppsReadContext, body: Record<string, unknown>, scope: { conditions: string[]; params: unknown[] }, light: TaskLight | undefined, now: number) =>
    searchTasksWithLight(index.history, body, scope, light, now),

  /** `POST /v2/apps/task-cases`: the cases of a task list page, with each task's facts for the caller's check. */
  taskCases: ({ index, calendar }: AppsReadContext, userTaskKeys: string[], now: number) => taskCasesOf(index.history, userTaskKeys, calendar, now),

  /** A case's user tasks: who may read one of them may read the case (the task list's case page and notes). */
  caseTasks: ({ index }: AppsReadContext, processInstanceKey: string) => caseTasksOf(index.history, processInstanceKey),

  /** Who opened a case (a window clerk may follow the case they accepted), null when no person did. */
  caseStarter: ({ index }: AppsReadContext, processInstanceKey: string) => caseStarterOf(index.history, processInstanceKey),

  /** `GET /v2/apps/tasklist/cases/{key}`: the case header, notes and readable history; undefined when history lacks it. */
  taskCase: ({ index, calendar, names }: AppsReadContext, processInstanceKey: string, now: number) => taskCasePage(index.history, processInstanceKey, calendar, directoryOf(names), now) ?? null,

  /** The calendar banner's open deadlines. */
  openDeadlines: ({ index }: AppsReadContext) => index.openDeadlines(),

  /** Nothing but the catch-up every read starts with (the server asks for it at start). */
  catchUp: () => null,
} as const;

/** Reads of history alone, which need not wait for the case index to catch up (the task list's, on every page). */
export const HISTORY_ONLY_READS: ReadonlySet<string> = new Set(['taskCases', 'caseTasks', 'caseStarter', 'taskCase']);

/** The name of a read. */
export type AppsReadName = keyof typeof APPS_READS;
