/**
 * What the audit view shows of process instances, read from the history store: the instance list (paged and
 * filtered in SQL), one instance's events with their actors, and which diagram elements are active or done.
 * Nothing here holds records in memory.
 */
import type Database from 'better-sqlite3';
import { sqlGet } from '../../engine/history/sql-search';
import { filterConditions } from '../../engine/history/sql-search';
import { PROCESS_INSTANCE_SEARCH, type ProcessInstanceRow } from '../../engine/history/readers/process-instances';
import { badRequest } from '../../engine/gateway/rest/problem';
import { auditCaseFilters, contains, substringQuery, trigramSearchable } from './audit-case-filters';
import type { CaseIndex } from './case-index/case-index';
import { placeNamesOf } from './places';

/** A process instance as the audit list shows it. */
export interface InstanceSummary {
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' | 'SUSPENDED';
  startedAt: string;
  endedAt: string | null;
  parentProcessInstanceKey?: string;
  /** The case's `caseId` and `caseTitle` as last set (kept after the instance ends, unlike its variables). */
  caseId: string | null;
  caseTitle: string | null;
  /** In the list: the places (full names, e.g. 济南市历下区) whose departments had its tasks. */
  places?: string[];
  /** In the list: the case's own place (its `jurisdiction` variable, a GB/T 2260 code), where the application named one. */
  jurisdiction?: string | null;
}

/** Where each element of an instance stands, for marking the diagram. */
export interface ElementStates {
  /** Element ids with at least one element instance still active. */
  active: string[];
  /** Element ids with an element instance that completed (and none active). */
  completed: string[];
  /** Element ids whose element instances were all terminated. */
  terminated: string[];
  /** Sequence flows taken at least once. */
  takenFlows: string[];
}

/** One line of an instance's history: who did what, when. */
export interface HistoryEntry {
  position: number;
  at: string;
  actor: string | null;
  recordType: string;
  valueType: string;
  intent: string;
  key: string;
  elementId: string | null;
  /** Variable name, job type, error message … whatever says most about this record. */
  detail: string | null;
  rejection: string | null;
}

export function summaryOf(row: ProcessInstanceRow): InstanceSummary {
  const summary: InstanceSummary = {
    processInstanceKey: row.processInstanceKey,
    processDefinitionKey: row.processDefinitionKey,
    bpmnProcessId: row.processDefinitionId,
    version: row.processDefinitionVersion,
    state: row.state,
    startedAt: row.startDate,
    endedAt: row.endDate ?? null,
    caseId: row.caseId,
    caseTitle: row.caseTitle,
  };
  if (row.parentProcessInstanceKey) summary.parentProcessInstanceKey = row.parentProcessInstanceKey;
  return summary;
}

/** The case index's columns the list filters by as Camunda's search does (`state`, process id). */
const CASE_COLUMNS = {
  state: { sql: 'c.state', kind: 'string' },
  processDefinitionId: { sql: 'c.process_id', kind: 'string' },
} as const;

/**
 * The audit list's filters over the case index: state and process, the free-text filter (case title, case id,
 * process id or key, as a substring: the trigram index from three characters on, a scan below) and the case
 * filters (`audit-case-filters.ts`) at engine time `now`.
 */
function auditCaseSearchFilters(db: Database.Database, now: number): Parameters<typeof filterConditions>[1] {
  return {
    ...CASE_COLUMNS,
    ...auditCaseFilters(now),
    text: (value, field, params) => {
      if (typeof value !== 'string') throw badRequest(`Expected '${field}' to be text, but was ${JSON.stringify(value)}.`);
      if (trigramSearchable(value)) {
        params.push(substringQuery(['case_title', 'case_id', 'process_id', 'instance_key'], value));
        return 'c.process_instance_key IN (SELECT rowid FROM case_text WHERE case_text MATCH ?)';
      }
      const pattern = contains(value);
      params.push(pattern, pattern, pattern, pattern);
      const matches = '(case_title GLOB ? OR case_id GLOB ? OR process_id GLOB ? OR CAST(process_instance_key AS TEXT) GLOB ?)';
      // Common text is found at once in date order (the page and the capped count stop early); rare text by a
      // scan of the narrow text index, not of the wide table. A capped count in that index tells them apart.
      const common = (db.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM cases INDEXED BY cases_by_text WHERE ${matches} LIMIT ${COUNT_CAP})`).get(pattern, pattern, pattern, pattern) as { n: number }).n >= COUNT_CAP;
      return common
        ? '(c.case_title GLOB ? OR c.case_id GLOB ? OR c.process_id GLOB ? OR CAST(c.process_instance_key AS TEXT) GLOB ?)'
        : `c.process_instance_key IN (SELECT process_instance_key FROM cases INDEXED BY cases_by_text WHERE ${matches})`;
    },
  };
}

/** Most instances one list page may hold. */
export const MAX_PAGE = 1000;

/** The query parameters the case search passes to `audit-case-filters.ts` as they are. */
const CASE_FILTERS = ['department', 'place', 'applicant', 'caseId', 'startedFrom', 'startedTo', 'light'] as const;

/**
 * One page of the audit list, newest first. Query parameters: `limit` (default 200, at most 1000), `from`
 * (offset) or `after` (the cursor of an earlier page), `state`, `bpmnProcessId`, `text`, and the
 * case filters `department`, `applicant`, `caseId`, `startedFrom` / `startedTo` (Beijing dates) and `light`
 * (red, yellow, green, paused at engine time `now`; onTime, overdue for finished cases).
 */
export function instancePage(index: CaseIndex, query: Record<string, unknown>, now: number): { items: InstanceSummary[]; page: InstancePageInfo } {
  const one = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw badRequest(`Expected the query parameter '${name}' once, as text, but was ${JSON.stringify(value)}.`);
    return value;
  };
  const integer = (name: string): number | undefined => {
    const text = one(name);
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text)) throw badRequest(`Expected the query parameter '${name}' to be a non-negative integer, but was '${text}'. / 参数 ${name} 须为非负整数。`);
    return Number(text);
  };
  const filter: Record<string, unknown> = {};
  const state = one('state');
  if (state !== undefined) filter.state = state;
  const bpmnProcessId = one('bpmnProcessId');
  if (bpmnProcessId !== undefined) filter.processDefinitionId = bpmnProcessId;
  const text = one('text');
  if (text) filter.text = text;
  for (const name of CASE_FILTERS) {
    const value = one(name);
    if (value) filter[name] = value;
  }
  const limit = integer('limit') ?? 200;
  if (limit < 1 || limit > MAX_PAGE) throw badRequest(`Expected the query parameter 'limit' to be from 1 to ${MAX_PAGE}, but was ${limit}. / 每页条数须在 1 到 ${MAX_PAGE} 之间。`);
  const params: unknown[] = [];
  const db = index.db;
  const conditions = filterConditions('process instance', auditCaseSearchFilters(db, now), filter, 'filter', params);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  // Counted up to a cap, as Camunda's searches count (hasMoreTotalItems beyond it): an exact count of a
  // million cases costs more than the page itself, and no one pages that far.
  const counted = (db.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM cases c ${where} LIMIT ${COUNT_CAP + 1})`).get(...params) as { n: number }).n;
  const windowParams = [...params];
  const window = [...conditions];
  const after = one('after');
  if (after !== undefined) {
    const [startDate, key] = decodeAfter(after);
    window.push('(c.start_date < ? OR (c.start_date = ? AND c.process_instance_key < ?))');
    windowParams.push(startDate, startDate, key);
  }
  const offset = after === undefined ? (integer('from') ?? 0) : 0;
  const keys = db
    .prepare(
      `SELECT CAST(c.process_instance_key AS TEXT) AS key FROM cases c ${window.length > 0 ? `WHERE ${window.join(' AND ')}` : ''}
       ORDER BY c.start_date DESC, c.process_instance_key DESC LIMIT ? OFFSET ?`,
    )
    .all(...windowParams, limit, offset) as { key: string }[];
  // The page's rows as history holds them (the index has every instance history had when it caught up).
  const items = keys.map((row) => sqlGet(index.history, PROCESS_INSTANCE_SEARCH, row.key)).filter((item): item is ProcessInstanceRow => item !== undefined);
  const page: InstancePageInfo = { totalItems: Math.min(counted, COUNT_CAP), hasMoreTotalItems: counted > COUNT_CAP };
  if (items.length > 0) {
    const last = items[items.length - 1];
    page.endCursor = Buffer.from(JSON.stringify([Date.parse(last.startDate), last.processInstanceKey])).toString('base64');
  }
  return { items: withPlaces(index, items.map(summaryOf)), page };
}

/**
 * The page's rows with the places of their departments (one indexed read for the page) and the case's own place
 * (its `jurisdiction` variable as history keeps it last, one indexed read per row).
 */
function withPlaces(index: CaseIndex, rows: InstanceSummary[]): InstanceSummary[] {
  if (rows.length === 0) return rows;
  const jurisdictionOf = index.history.prepare("SELECT value FROM variables WHERE scope_key = ? AND name = 'jurisdiction'");
  const groups = new Map<string, string[]>();
  const found = index.db
    .prepare(`SELECT CAST(process_instance_key AS TEXT) AS key, department FROM case_departments WHERE process_instance_key IN (${rows.map(() => '?').join(',')})`)
    .all(...rows.map((row) => row.processInstanceKey)) as { key: string; department: string }[];
  for (const row of found) groups.set(row.key, [...(groups.get(row.key) ?? []), row.department]);
  return rows.map((row) => ({ ...row, places: placeNamesOf(groups.get(row.processInstanceKey) ?? []), jurisdiction: placeCode((jurisdictionOf.get(row.processInstanceKey) as { value: string } | undefined)?.value) }));
}

/** A stored variable value (JSON text) as a place code, or null when it is not a string. */
function placeCode(json: string | undefined): string | null {
  if (json === undefined) return null;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'string' && value !== '' ? value : null;
  } catch {
    return null;
  }
}

/** The paging part of an audit list answer (Camunda's page shape; `endCursor` continues with `after`). */
export interface InstancePageInfo {
  totalItems: number;
  hasMoreTotalItems: boolean;
  endCursor?: string;
}

/** Most matches a list counts exactly. */
export const COUNT_CAP = 10_000;

function decodeAfter(cursor: string): [number, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as unknown;
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string' && /^\d{1,19}$/.test(value[1])) return [value[0], value[1]];
  } catch {
    // refused below
  }
  throw badRequest(`Expected the query parameter 'after' to be a cursor from an earlier page, but '${cursor}' is not one. / 翻页参数 after 无效，请从第一页重新查询。`);
}

/** Which elements of an instance are active, completed or terminated, and which flows were taken. */
export function elementStatesOf(db: Database.Database, processInstanceKey: string): ElementStates {
  const rows = db
    .prepare(
      `SELECT element_id AS elementId, SUM(state = 'ACTIVE') AS active, SUM(state = 'COMPLETED') AS completed FROM element_instances
       WHERE process_instance_key = ? AND type <> 'PROCESS' AND element_id <> '' GROUP BY element_id ORDER BY MIN(element_instance_key)`,
    )
    .all(processInstanceKey) as { elementId: string; active: number; completed: number }[];
  const states: ElementStates = { active: [], completed: [], terminated: [], takenFlows: [] };
  for (const row of rows) {
    if (row.active > 0) states.active.push(row.elementId);
    else if (row.completed > 0) states.completed.push(row.elementId);
    else states.terminated.push(row.elementId);
  }
  states.takenFlows = (db.prepare('SELECT element_id AS id FROM taken_sequence_flows WHERE process_instance_key = ?').all(processInstanceKey) as { id: string }[]).map((row) => row.id);
  return states;
}

/**
 * The history the auditors read: events and rejections (commands are intentions, the events say what
 * happened), each with the actor that caused it, in log order.
 */
export function historyOf(db: Database.Database, processInstanceKey: string): HistoryEntry[] {
  return (
    db
      .prepare(
        `SELECT position, at, actor, record_type AS recordType, value_type AS valueType, intent, CAST(record_key AS TEXT) AS key,
           element_id AS elementId, detail, rejection FROM instance_event_log WHERE process_instance_key = ? ORDER BY position`,
      )
      .all(processInstanceKey) as (Omit<HistoryEntry, 'at' | 'key'> & { at: number; key: string | null })[]
  ).map((row) => ({ ...row, at: new Date(row.at).toISOString(), key: row.key ?? '-1' }));
}
