/**
 * The audit case search's own filters, as SQL over the history store: department (a candidate group of
 * one of the case's user tasks), place (a jurisdiction: the departments of that place, a city's with its districts'), applicant, the start of a case number, start-date range, and the light — the live
 * colour of an open case at engine time, or the final result of a finished one (按时办结 / 超期办结).
 * Each is a condition on the case index's `cases c` (`case-index/`), so the list stays a paged, indexed read.
 */
import { badRequest } from '../../engine/gateway/rest/problem';
import { likeToGlob } from '../../engine/history/sql-search';
import { placeCodesUnder } from './places';

/** The lights a case search may ask for: the four live colours and the two final results. */
export const CASE_LIGHTS = ['red', 'yellow', 'green', 'paused', 'onTime', 'overdue'] as const;
export type CaseLightFilter = (typeof CASE_LIGHTS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * SQL ranking an open case of the case index `c` as the light rolls its deadlines up at `now` (epoch ms):
 * red 0 (a running deadline is due), yellow 1 (one is past its warning), green 2, paused 3 (every deadline
 * paused for 补正); NULL without a deadline.
 */
export function caseRankSql(now: number): string {
  const at = Math.floor(now);
  return `(CASE WHEN c.open_due <= ${at} THEN 0 WHEN c.open_warn <= ${at} THEN 1 WHEN c.has_running = 1 THEN 2 WHEN c.has_paused = 1 THEN 3 END)`;
}

/** Shortest text the trigram index finds (shorter text is searched by a scan). */
const TRIGRAM = 3;

/** An FTS5 query for `needle` as a substring of `columns` (a phrase: no operator in the text counts). */
export function substringQuery(columns: string[], needle: string): string {
  return `{${columns.join(' ')}} : "${needle.replaceAll('"', '""')}"`;
}

/** True when the trigram index can answer a substring search for `needle`. */
export function trigramSearchable(needle: string): boolean {
  return [...needle].length >= TRIGRAM;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`Expected the query parameter '${field}' to be text, but was ${JSON.stringify(value)}. / 参数 ${field} 须为文字。`);
  return value.trim();
}

/** A GLOB pattern finding `value` anywhere in a text. */
export function contains(value: string): string {
  return `*${likeToGlob(value.replace(/[\\*?]/g, '\\$&'))}*`;
}

/** Beijing midnight of a `YYYY-MM-DD` date, in epoch ms, or a clear 400. */
export function beijingMidnight(value: unknown, field: string): number {
  const day = text(value, field);
  const ms = Date.parse(`${day}T00:00:00+08:00`);
  if (!DATE.test(day) || Number.isNaN(ms) || new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10) !== day) {
    throw badRequest(`Expected the query parameter '${field}' to be a date YYYY-MM-DD, but was '${day}'. / 参数 ${field} 须为日期（YYYY-MM-DD）。`);
  }
  return ms;
}

/** The filters, bound to engine time `now` (the live lights need it). Table alias: `c` (the case index). */
export function auditCaseFilters(now: number): Record<string, (value: unknown, field: string, params: unknown[]) => string> {
  return {
    department: (value, field, params) => {
      params.push(text(value, field));
      return 'c.process_instance_key IN (SELECT d.process_instance_key FROM case_departments d WHERE d.department = ?)';
    },
    place: (value, field, params) => {
      // A place (jurisdiction) by its code: cases one of whose tasks went to a department of that place — or, for a
      // city, of the city or one of its districts (`<department>-<code>` groups). The departments are picked from
      // the few distinct ones first, so the cases are then found through the department index.
      const code = text(value, field);
      if (!/^\d{6}$/.test(code)) throw badRequest(`Expected the query parameter '${field}' to be a six-digit place code, but was '${code}'. / 参数 ${field} 须为六位行政区划代码。`);
      const codes = placeCodesUnder(code);
      params.push(...codes.map((one) => `-${one}`));
      return `c.process_instance_key IN (SELECT d.process_instance_key FROM case_departments d WHERE d.department IN (SELECT DISTINCT department FROM case_departments WHERE substr(department, -7) IN (${codes.map(() => '?').join(', ')})))`;
    },
    applicant: (value, field, params) => {
      // The applicant is a person's or company's name inside the `applicant` variable (JSON text).
      const needle = JSON.stringify(text(value, field)).slice(1, -1);
      if (trigramSearchable(needle)) {
        params.push(substringQuery(['applicant'], needle));
        return 'c.process_instance_key IN (SELECT rowid FROM case_text WHERE case_text MATCH ?)';
      }
      params.push(contains(needle));
      return 'c.process_instance_key IN (SELECT process_instance_key FROM cases INDEXED BY cases_by_applicant WHERE applicant GLOB ?)';
    },
    caseId: (value, field, params) => {
      // The start of the number (an index range): people type case numbers from the beginning.
      const prefix = text(value, field);
      params.push(prefix, `${prefix}\u{10FFFF}`);
      return 'c.case_id >= ? AND c.case_id < ?';
    },
    startedFrom: (value, field, params) => {
      params.push(beijingMidnight(value, field));
      return 'c.start_date >= ?';
    },
    startedTo: (value, field, params) => {
      params.push(beijingMidnight(value, field) + 86_400_000);
      return 'c.start_date < ?';
    },
    light: (value, field) => {
      const light = text(value, field) as CaseLightFilter;
      if (!CASE_LIGHTS.includes(light)) {
        throw badRequest(`Expected the query parameter '${field}' to be one of ${CASE_LIGHTS.join(', ')}, but was '${light}'. / 亮灯筛选须为 ${CASE_LIGHTS.join('、')} 之一。`);
      }
      if (light === 'onTime' || light === 'overdue') {
        return `c.state = 'COMPLETED' AND c.result = ${light === 'overdue' ? 0 : 1}`;
      }
      const rank = { red: 0, yellow: 1, green: 2, paused: 3 }[light];
      // `now` is a number the server owns, never user text, so it is written into the SQL.
      return `c.state = 'ACTIVE' AND ${caseRankSql(now)} = ${rank}`;
    },
  };
}
