/**
 * 电子监察 statistics, read from the history store: per department and per process, the cases finished in a
 * period, 按时办结 vs 超期办结, the on-time rate, the overdue ranking by department, the average handling
 * time in working days against the statutory limit, the open cases already overdue, and a weekly trend.
 *
 * A finished case keeps its final result: its case deadline (the `deadline_<name>` variable with the
 * largest limit, whose last value history keeps after the instance ends) is compared with its end date in
 * SQL. A case counts for every department that had one of its user tasks (candidate groups).
 */
import { badRequest } from '../../engine/gateway/rest/problem';
import type { CaseIndex, DayCounts } from './case-index/case-index';
import { evaluationStatistics, type EvaluationStatistics } from './evaluation-statistics';
import { onTimeRate } from '../public/shared/rates';

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
  /** 好差评 of the period: ratings, bad reviews and the rectification rate (整改率). */
  evaluations: EvaluationStatistics;
}

const DAY = 86_400_000;
const BEIJING = 8 * 3_600_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Longest period one request may ask for (the weekly trend stays readable, the query bounded). */
const MAX_DAYS = 3 * 366;

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
    onTimeRate: onTimeRate(row.onTime, row.overdue),
    averageWorkingDays: row.workingDaysCount ? round(row.workingDaysSum / row.workingDaysCount) : null,
    averageLimitWorkingDays: row.limitCount ? round(row.limitSum / row.limitCount) : null,
    openOverdue: row.openOverdue,
  };
}

/** Monday (Beijing) of the week an instant falls in. */
function weekOf(epochMs: number): string {
  const day = Math.floor((epochMs + BEIJING) / DAY);
  // 1970-01-01 was a Thursday: day 0 → weekday 3 (Monday = 0).
  const monday = day - ((day + 3) % 7);
  return new Date(monday * DAY).toISOString().slice(0, 10);
}

/**
 * The statistics for `query` (`from`, `to` as Beijing dates, inclusive; `bpmnProcessId`), at engine time
 * `now`: finished cases from the day counters of the case index (caught up with history first), open overdue
 * cases from its open cases.
 */
export async function auditStatistics(
  store: CaseIndex,
  query: Record<string, unknown>,
  now: number,
  departmentName: (id: string) => string,
): Promise<AuditStatistics> {
  const period = parsePeriod(query, now);
  await store.catchUp();
  const processFilter = period.bpmnProcessId ? 'AND c.process_id = ?' : '';
  const processParams = period.bpmnProcessId ? [period.bpmnProcessId] : [];
  // Open cases late now: dueAt passed (a paused case keeps the dueAt it had, so a late one stays late).
  // Their departments are joined for the late ones only, one row per (case, department).
  const openOverdue = store.db
    .prepare(
      `SELECT CAST(c.process_instance_key AS TEXT) AS key, c.process_id AS processId, d.department FROM cases c
         LEFT JOIN case_departments d ON d.process_instance_key = c.process_instance_key
       WHERE c.state = 'ACTIVE' AND c.top = 1 AND c.case_due < ? ${processFilter}`,
    )
    .all(now, ...processParams) as { key: string; processId: string; department: string | null }[];

  const totals = emptyRow();
  const departments = new Map<string, Accumulator>();
  const processes = new Map<string, Accumulator & { name: string }>();
  const weeks = new Map<string, { finished: number; onTime: number; overdue: number }>();
  const lastWeek = weekOf(period.toMs - 1);
  for (let week = weekOf(period.fromMs); ; week = new Date(Date.parse(week) + 7 * DAY).toISOString().slice(0, 10)) {
    weeks.set(week, { finished: 0, onTime: 0, overdue: 0 });
    if (week >= lastWeek) break;
  }
  const departmentRow = (id: string) => departments.get(id) ?? departments.set(id, emptyRow()).get(id)!;
  const processRow = (id: string, name: string | null) => processes.get(id) ?? processes.set(id, { ...emptyRow(), name: name ?? id }).get(id)!;
  const add = (target: Accumulator, counts: DayCounts) => {
    target.finished += counts.finished;
    target.onTime += counts.onTime;
    target.overdue += counts.overdue;
    target.workingDaysSum += counts.daysSum;
    target.workingDaysCount += counts.daysCount;
    target.limitSum += counts.limitSum;
    target.limitCount += counts.limitCount;
  };
  for (const row of store.dayRows(period.from, period.to, period.bpmnProcessId)) {
    if (row.department) {
      add(departmentRow(row.department), row);
      continue;
    }
    add(totals, row);
    add(processRow(row.processId, row.processName), row);
    const week = weeks.get(weekOf(Date.parse(`${row.day}T12:00:00+08:00`)));
    if (week) {
      week.finished += row.finished;
      week.onTime += row.onTime;
      week.overdue += row.overdue;
    }
  }
  const lateCases = new Set<string>();
  for (const row of openOverdue) {
    if (!lateCases.has(row.key)) {
      lateCases.add(row.key);
      totals.openOverdue += 1;
      processRow(row.processId, null).openOverdue += 1;
    }
    if (row.department) departmentRow(row.department).openOverdue += 1;
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
    evaluations: evaluationStatistics(store.history, period.fromMs, period.toMs, period.bpmnProcessId),
  };
}
