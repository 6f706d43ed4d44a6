/**
 * 电子监察 statistics, read from the history store: per department and per process, the cases finished in a
 * period, 按时办结 vs 超期办结, the on-time rate, the overdue ranking by department, the average handling
 * time in working days against the statutory limit, the open cases already overdue, and a weekly trend.
 *
 * A finished case keeps its final result: its case deadline (the `deadline_<name>` variable with the
 * largest limit, whose last value history keeps after the instance ends) is compared with its end date in
 * SQL. A case counts for every department that had one of its user tasks (candidate groups).
 */
import type Database from 'better-sqlite3';
import { badRequest } from '../../engine/gateway/rest/problem';
import type { BusinessCalendar } from '../../workers/calendar';
import { WorkingTimeIndex } from './working-time-index';

/** Counts for one department, one process, or everything. */
export interface StatisticsRow {
  finished: number;
  onTime: number;
  overdue: number;
  /** onTime / finished, 0..1, or null with nothing finished. */
  onTimeRate: number | null;
  /** Average handling time in working days (pauses for 补正 left out), or null. */
  averageWorkingDays: number | null;
  /** Average statutory limit of those cases in working days, or null. */
  averageLimitWorkingDays: number | null;
  /** Open cases past their case deadline now (a case paused for 补正 that is already late counts). */
  openOverdue: number;
}

/** The answer of `GET /v2/apps/audit/statistics`. */
export interface AuditStatistics {
  from: string;
  to: string;
  bpmnProcessId: string | null;
  totals: StatisticsRow;
  /** Worst first: most overdue, then lowest on-time rate; `rank` 1 is the worst. */
  byDepartment: (StatisticsRow & { department: string; name: string; rank: number })[];
  byProcess: (StatisticsRow & { bpmnProcessId: string; name: string })[];
  /** Monday of each Beijing week in the period, with what finished in it. */
  weekly: { week: string; finished: number; onTime: number; overdue: number }[];
}

/** What one finished case contributes. */
interface FinishedCase {
  key: string;
  processId: string;
  processName: string | null;
  startDate: number;
  endDate: number;
  deadline: string | null;
  onTime: number | null;
}

const DAY = 86_400_000;
const BEIJING = 8 * 3_600_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Longest period one request may ask for (the weekly trend stays readable, the query bounded). */
const MAX_DAYS = 3 * 366;

/** Epoch ms of a deadline's dueAt, in SQL (ISO-8601 with offset → Julian day → ms). */
const DUE_MS = `((julianday(json_extract(deadline, '$.dueAt')) - 2440587.5) * 86400000.0)`;
/** The case deadline of the instance `p`: its `deadline_*` variable with the largest limit (index on process instance). */
const CASE_DEADLINE = `(SELECT v.value FROM variables v WHERE v.process_instance_key = p.process_instance_key AND v.scope_key = p.process_instance_key
  AND v.name GLOB 'deadline_*' AND json_valid(v.value) ORDER BY json_extract(v.value, '$.limitWorkingMinutes') DESC LIMIT 1)`;

function beijingDay(epochMs: number): string {
  return new Date(epochMs + BEIJING).toISOString().slice(0, 10);
}

function parsePeriod(query: Record<string, unknown>, now: number): { from: string; to: string; fromMs: number; toMs: number; bpmnProcessId: string | null } {
  const text = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw badRequest(`Expected the query parameter '${name}' once, as text, but was ${JSON.stringify(value)}. / 参数 ${name} 只能给一次。`);
    return value;
  };
  const date = (name: string, fallback: string): string => {
    const value = text(name) ?? fallback;
    if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00+08:00`)) || beijingDay(Date.parse(`${value}T00:00:00+08:00`)) !== value) {
      throw badRequest(`Expected the query parameter '${name}' to be a date YYYY-MM-DD, but was '${value}'. / 参数 ${name} 须为日期（YYYY-MM-DD）。`);
    }
    return value;
  };
  const to = date('to', beijingDay(now));
  const from = date('from', beijingDay(Date.parse(`${to}T00:00:00+08:00`) - 83 * DAY));
  const fromMs = Date.parse(`${from}T00:00:00+08:00`);
  const toMs = Date.parse(`${to}T00:00:00+08:00`) + DAY;
  if (toMs <= fromMs) throw badRequest(`Expected 'from' (${from}) not after 'to' (${to}). / 开始日期不能晚于结束日期。`);
  if (toMs - fromMs > MAX_DAYS * DAY) throw badRequest(`Expected a period of at most ${MAX_DAYS} days, but ${from} to ${to} is longer. / 统计区间最长 ${MAX_DAYS} 天。`);
  return { from, to, fromMs, toMs, bpmnProcessId: text('bpmnProcessId') ?? null };
}

function emptyRow(): StatisticsRow & { workingDaysSum: number; workingDaysCount: number; limitSum: number; limitCount: number } {
  return { finished: 0, onTime: 0, overdue: 0, onTimeRate: null, averageWorkingDays: null, averageLimitWorkingDays: null, openOverdue: 0, workingDaysSum: 0, workingDaysCount: 0, limitSum: 0, limitCount: 0 };
}

type Accumulator = ReturnType<typeof emptyRow>;

function finish(row: Accumulator): StatisticsRow {
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    finished: row.finished,
    onTime: row.onTime,
    overdue: row.overdue,
    onTimeRate: row.onTime + row.overdue > 0 ? Math.round((row.onTime / (row.onTime + row.overdue)) * 1000) / 1000 : null,
    averageWorkingDays: row.workingDaysCount ? round(row.workingDaysSum / row.workingDaysCount) : null,
    averageLimitWorkingDays: row.limitCount ? round(row.limitSum / row.limitCount) : null,
    openOverdue: row.openOverdue,
  };
}

/** Working days a finished case took: its deadline's consumed time (pauses left out), else start to end. */
function handlingWorkingDays(row: FinishedCase, calendar: BusinessCalendar, index: WorkingTimeIndex): { days: number | null; limit: number | null } {
  try {
    if (row.deadline) {
      const deadline = JSON.parse(row.deadline) as { limitWorkingMinutes: number; consumedWorkingMinutes: number; startedAt: string; pausedAt: string | null };
      const running = deadline.pausedAt ? 0 : index.minutesBetween(Date.parse(deadline.startedAt), row.endDate);
      return { days: (deadline.consumedWorkingMinutes + Math.max(0, running)) / calendar.minutesPerWorkingDay, limit: deadline.limitWorkingMinutes / calendar.minutesPerWorkingDay };
    }
    return { days: index.minutesBetween(row.startDate, row.endDate) / calendar.minutesPerWorkingDay, limit: null };
  } catch {
    // A deadline the calendar cannot count (e.g. a broken variable) leaves the averages, not the counts.
    return { days: null, limit: null };
  }
}

/** Monday (Beijing) of the week an instant falls in. */
function weekOf(epochMs: number): string {
  const day = Math.floor((epochMs + BEIJING) / DAY);
  // 1970-01-01 was a Thursday: day 0 → weekday 3 (Monday = 0).
  const monday = day - ((day + 3) % 7);
  return new Date(monday * DAY).toISOString().slice(0, 10);
}

/** The statistics for `query` (`from`, `to` as Beijing dates, inclusive; `bpmnProcessId`), at engine time `now`. */
export function auditStatistics(db: Database.Database, calendar: BusinessCalendar, query: Record<string, unknown>, now: number, departmentName: (id: string) => string): AuditStatistics {
  const period = parsePeriod(query, now);
  const processFilter = period.bpmnProcessId ? 'AND process_definition_id = ?' : '';
  const processParams = period.bpmnProcessId ? [period.bpmnProcessId] : [];
  const finishedCases = `SELECT process_instance_key AS k FROM process_instances
    WHERE state = 'COMPLETED' AND parent_process_instance_key IS NULL AND end_date >= ? AND end_date < ? ${processFilter}`;
  const finished = db
    .prepare(
      `SELECT key, processId, processName, startDate, endDate, deadline,
         CASE WHEN deadline IS NULL THEN NULL
              WHEN json_extract(deadline, '$.pausedAt') IS NOT NULL THEN json_extract(deadline, '$.consumedWorkingMinutes') <= json_extract(deadline, '$.limitWorkingMinutes')
              ELSE endDate <= ${DUE_MS} END AS onTime
       FROM (SELECT CAST(p.process_instance_key AS TEXT) AS key, p.process_definition_id AS processId, p.process_definition_name AS processName,
               p.start_date AS startDate, p.end_date AS endDate, ${CASE_DEADLINE} AS deadline
             FROM process_instances p WHERE p.process_instance_key IN (${finishedCases}))`,
    )
    .all(period.fromMs, period.toMs, ...processParams) as FinishedCase[];
  const finishedDepartments = db
    .prepare(
      `WITH cases AS (${finishedCases})
       SELECT DISTINCT CAST(t.process_instance_key AS TEXT) AS key, g.value AS department
       FROM user_tasks t JOIN cases c ON c.k = t.process_instance_key, json_each(t.candidate_groups) g`,
    )
    .all(period.fromMs, period.toMs, ...processParams) as { key: string; department: string }[];
  // Open cases late now: dueAt passed (a paused case keeps the dueAt it had, so a late one stays late).
  const openOverdue = db
    .prepare(
      `SELECT key, processId, departments FROM (
         SELECT CAST(p.process_instance_key AS TEXT) AS key, p.process_definition_id AS processId, ${CASE_DEADLINE} AS deadline,
           (SELECT json_group_array(DISTINCT g.value) FROM user_tasks t, json_each(t.candidate_groups) g WHERE t.process_instance_key = p.process_instance_key) AS departments
         FROM process_instances p WHERE p.state = 'ACTIVE' AND p.parent_process_instance_key IS NULL ${processFilter.replace('process_definition_id', 'p.process_definition_id')})
       WHERE deadline IS NOT NULL AND ${DUE_MS} < ?`,
    )
    .all(...processParams, now) as { key: string; processId: string; departments: string }[];

  const totals = emptyRow();
  const departments = new Map<string, Accumulator>();
  const processes = new Map<string, Accumulator & { name: string }>();
  const weeks = new Map<string, { finished: number; onTime: number; overdue: number }>();
  const lastWeek = weekOf(period.toMs - 1);
  for (let week = weekOf(period.fromMs); ; week = new Date(Date.parse(week) + 7 * DAY).toISOString().slice(0, 10)) {
    weeks.set(week, { finished: 0, onTime: 0, overdue: 0 });
    if (week >= lastWeek) break;
  }
  const departmentsOf = new Map<string, string[]>();
  for (const row of finishedDepartments) departmentsOf.set(row.key, [...(departmentsOf.get(row.key) ?? []), row.department]);
  const departmentRow = (id: string) => departments.get(id) ?? departments.set(id, emptyRow()).get(id)!;
  const processRow = (id: string, name: string | null) => processes.get(id) ?? processes.set(id, { ...emptyRow(), name: name ?? id }).get(id)!;
  const index = new WorkingTimeIndex(calendar);
  for (const row of finished) {
    const { days, limit } = handlingWorkingDays(row, calendar, index);
    const targets = [totals, processRow(row.processId, row.processName), ...(departmentsOf.get(row.key) ?? []).map(departmentRow)];
    for (const target of targets) {
      target.finished += 1;
      if (row.onTime === 1) target.onTime += 1;
      if (row.onTime === 0) target.overdue += 1;
      if (days !== null) {
        target.workingDaysSum += days;
        target.workingDaysCount += 1;
      }
      if (limit !== null) {
        target.limitSum += limit;
        target.limitCount += 1;
      }
    }
    const week = weeks.get(weekOf(row.endDate));
    if (week) {
      week.finished += 1;
      if (row.onTime === 1) week.onTime += 1;
      if (row.onTime === 0) week.overdue += 1;
    }
  }
  for (const row of openOverdue) {
    totals.openOverdue += 1;
    processRow(row.processId, null).openOverdue += 1;
    for (const department of (JSON.parse(row.departments) as (string | null)[]).filter((id): id is string => Boolean(id))) departmentRow(department).openOverdue += 1;
  }

  const byDepartment = [...departments]
    .map(([department, row]) => ({ department, name: departmentName(department), ...finish(row) }))
    .sort((a, b) => b.overdue + b.openOverdue - (a.overdue + a.openOverdue) || (a.onTimeRate ?? 1) - (b.onTimeRate ?? 1) || a.department.localeCompare(b.department))
    .map((row, index) => ({ ...row, rank: index + 1 }));
  const byProcess = [...processes].map(([bpmnProcessId, row]) => ({ bpmnProcessId, name: row.name, ...finish(row) })).sort((a, b) => b.finished - a.finished || a.bpmnProcessId.localeCompare(b.bpmnProcessId));
  return {
    from: period.from,
    to: period.to,
    bpmnProcessId: period.bpmnProcessId,
    totals: finish(totals),
    byDepartment,
    byProcess,
    weekly: [...weeks].map(([week, counts]) => ({ week, ...counts })),
  };
}
