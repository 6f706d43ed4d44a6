/**
 * The audit case search's own filters, as SQL over the history store: department (a candidate group of
 * one of the case's user tasks), applicant, the start of a case number, start-date range, and the light — the live
 * colour of an open case at engine time, or the final result of a finished one (按时办结 / 超期办结).
 * Each is a condition on `process_instances`, so the list stays a paged, indexed read.
 */
import { badRequest } from '../../engine/gateway/rest/problem';
import { likeToGlob } from '../../engine/history/sql-search';
import { DUE_MS } from './audit-statistics-store';

/** The lights a case search may ask for: the four live colours and the two final results. */
export const CASE_LIGHTS = ['red', 'yellow', 'green', 'paused', 'onTime', 'overdue'] as const;
export type CaseLightFilter = (typeof CASE_LIGHTS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * SQL (over `variables v` of one case, `deadline` bound to `v.value`) ranking one deadline as the light
 * rolls it up: red 0, yellow 1, green 2, paused 3 (the case's colour is the smallest rank).
 */
export function deadlineRankSql(nowParam = '@now'): string {
  const due = DUE_MS.replaceAll('deadline', 'v.value');
  const warn = due.replace('$.dueAt', '$.warnAt');
  return `CASE WHEN json_extract(v.value, '$.pausedAt') IS NOT NULL THEN 3 WHEN ${due} <= ${nowParam} THEN 0 WHEN ${warn} <= ${nowParam} THEN 1 ELSE 2 END`;
}

/** The open case `p`'s light rank at `now` (engine time, epoch ms): 0 red … 3 paused, NULL without a deadline. */
export function openRankSql(now: number | string): string {
  return `(SELECT MIN(${deadlineRankSql(String(now))}) FROM variables v WHERE v.scope_key = p.process_instance_key AND v.name GLOB 'deadline_*' AND json_valid(v.value))`;
}

/** 1 when the finished case `p` ended after its case deadline (the one with the largest limit), 0 on time, NULL without one. */
const FINISHED_LATE = `(SELECT CASE WHEN json_extract(v.value, '$.pausedAt') IS NOT NULL
      THEN json_extract(v.value, '$.consumedWorkingMinutes') > json_extract(v.value, '$.limitWorkingMinutes')
      ELSE p.end_date > ${DUE_MS.replaceAll('deadline', 'v.value')} END
  FROM variables v WHERE v.scope_key = p.process_instance_key AND v.name GLOB 'deadline_*' AND json_valid(v.value)
  ORDER BY json_extract(v.value, '$.limitWorkingMinutes') DESC LIMIT 1)`;

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`Expected the query parameter '${field}' to be text, but was ${JSON.stringify(value)}. / 参数 ${field} 须为文字。`);
  return value.trim();
}

function contains(value: string): string {
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

/** The filters, bound to engine time `now` (the live lights need it). Table alias: `p`. */
export function auditCaseFilters(now: number): Record<string, (value: unknown, field: string, params: unknown[]) => string> {
  return {
    department: (value, field, params) => {
      params.push(text(value, field));
      return `p.process_instance_key IN (SELECT t.process_instance_key FROM user_task_candidates c JOIN user_tasks t ON t.user_task_key = c.user_task_key
        WHERE c.kind = 'group' AND c.candidate = ?)`;
    },
    applicant: (value, field, params) => {
      // The applicant is a person's or company's name inside the `applicant` variable (JSON text).
      params.push(contains(JSON.stringify(text(value, field)).slice(1, -1)));
      // The partial index holds only applicants (engine/history/history-schema.ts): a scan of it is a fraction of the table's.
      return `p.process_instance_key IN (SELECT process_instance_key FROM variables INDEXED BY apps_audit_applicants WHERE name = 'applicant' AND value GLOB ?)`;
    },
    caseId: (value, field, params) => {
      // The start of the number (an index range): people type case numbers from the beginning.
      const prefix = text(value, field);
      params.push(prefix, `${prefix}\u{10FFFF}`);
      return 'p.case_id >= ? AND p.case_id < ?';
    },
    startedFrom: (value, field, params) => {
      params.push(beijingMidnight(value, field));
      return 'p.start_date >= ?';
    },
    startedTo: (value, field, params) => {
      params.push(beijingMidnight(value, field) + 86_400_000);
      return 'p.start_date < ?';
    },
    light: (value, field) => {
      const light = text(value, field) as CaseLightFilter;
      if (!CASE_LIGHTS.includes(light)) {
        throw badRequest(`Expected the query parameter '${field}' to be one of ${CASE_LIGHTS.join(', ')}, but was '${light}'. / 亮灯筛选须为 ${CASE_LIGHTS.join('、')} 之一。`);
      }
      if (light === 'onTime' || light === 'overdue') {
        return `p.state = 'COMPLETED' AND ${FINISHED_LATE} = ${light === 'overdue' ? 1 : 0}`;
      }
      const rank = { red: 0, yellow: 1, green: 2, paused: 3 }[light];
      // `now` is a number the server owns, never user text, so it is written into the SQL.
      return `p.state = 'ACTIVE' AND ${openRankSql(Math.floor(now))} = ${rank}`;
    },
  };
}
