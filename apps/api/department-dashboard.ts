/**
 * A supervisor's department dashboard (督办看板): the department's open cases by light, the overdue ones with
 * their current step, handler and how long overdue, handling time against the statutory limit per item
 * (process) for cases finished in the period, and a weekly trend of cases received and finished. A case
 * belongs to a department when one of its user tasks had one of the department's groups as candidate group.
 * Which cases are open and at which rank come from the apps' case index (`case-index/`), the weekly and per-item
 * numbers from its day counters (received per day, process and department; finished, on time, late and
 * handling time likewise), the open steps and the deadline variables of the red and paused cases from the
 * history store in a few batched queries, and their lights against the engine clock, as everywhere else. It
 * runs on the apps' reader thread (`case-index/apps-reader.ts`), never on the engine's.
 */
import type { BusinessCalendar } from '../../workers/calendar/business-calendar';
import { caseRankSql } from './audit-case-filters';
import { caseFactsFromVariables, caseVariablesOf, type CaseFacts } from './case-lights';
import type { CaseIndex } from './case-index/case-index';
import { indexedCalendar } from './working-time-index';
import { onTimeRate } from '../public/shared/rates';

const DAY = 86_400_000;
const BEIJING = 8 * 3_600_000;
/** The colours of the case index's light ranks (`caseRankSql`). */
const RANK_COLOURS = ['red', 'yellow', 'green', 'paused'] as const;
/** Weeks the trend and the handling-time table look back. */
export const DASHBOARD_WEEKS = 12;

/** One overdue open case. */
export interface OverdueCase {
  processInstanceKey: string;
  caseId: string | null;
  caseTitle: string | null;
  processName: string;
  /** The open steps of the department and who holds them (username, or null while unclaimed; `assigneeName` where the directory knows it). */
  steps: { userTaskKey: string; name: string; assignee: string | null; assigneeName?: string }[];
  /** True while the case waits for the applicant's 补正 (clock stopped, still overdue). */
  paused: boolean;
  dueAt: string;
  /** Office minutes past the due instant (positive). */
  overdueWorkingMinutes: number;
}

/** The dashboard of one or more departments. */
export interface DepartmentDashboard {
  departments: { id: string; name: string }[];
  now: string;
  /** Open cases by their light: red, yellow, green, paused (补正), none (no deadline). */
  byLight: Record<'red' | 'yellow' | 'green' | 'paused' | 'none', number>;
  overdue: OverdueCase[];
  /** Per item (process), cases finished in the period: average working days against the average limit. */
  handling: { bpmnProcessId: string; name: string; finished: number; onTime: number; overdue: number; /** 按时办结率 by the statistics page's rule (`public/shared/rates.ts`). */ onTimeRate: number | null; averageWorkingDays: number | null; limitWorkingDays: number | null }[];
  /** Per week (Monday, Beijing): cases received (started) and finished, finished late. */
  weekly: { week: string; received: number; finished: number; overdue: number }[];
}

function weekOf(epochMs: number): string {
  const day = Math.floor((epochMs + BEIJING) / DAY);
  return new Date((day - ((day + 3) % 7)) * DAY).toISOString().slice(0, 10);
}

/** The dashboard for `departments` (group ids; each department's `-supervisors` group counts with it) at engine time `now`. */
export function departmentDashboard(index: CaseIndex, calendar: BusinessCalendar, departments: { id: string; name: string }[], now: number): DepartmentDashboard {
  const groupIds = departments.flatMap((department) => [department.id, `${department.id}-supervisors`]);
  const inGroups = groupIds.map(() => '?').join(', ');
  const lightsCalendar = indexedCalendar(calendar);
  const db = index.db;
  const byLight = { red: 0, yellow: 0, green: 0, paused: 0, none: 0 };
  const overdue: OverdueCase[] = [];
  // From the open cases (50,000 at most in the index's state order) to the department's, by primary key: starting
  // from the department would visit every case it ever had.
  const open = db
    .prepare(
      `SELECT CAST(c.process_instance_key AS TEXT) AS key, COALESCE(c.process_name, c.process_id) AS processName, ${caseRankSql(now)} AS rank, c.has_paused AS hasPaused
       FROM cases c WHERE c.state = 'ACTIVE' AND c.top = 1
         AND EXISTS (SELECT 1 FROM case_departments d WHERE d.process_instance_key = c.process_instance_key AND d.department IN (${inGroups}))`,
    )
    .all(...groupIds) as { key: string; processName: string; rank: number | null; hasPaused: number }[];
  // Only a red case or one with a paused deadline (which keeps what it had left) can be overdue: the others are
  // counted by the colour the case index ranks them at (the same rule), without computing their lights.
  const candidates: typeof open = [];
  for (const row of open) {
    if (row.rank !== 0 && row.hasPaused === 0) byLight[row.rank === null ? 'none' : RANK_COLOURS[row.rank]] += 1;
    else candidates.push(row);
  }
  const keys = candidates.map((row) => row.key);
  const variables = caseVariablesOf(index.history, keys);
  const steps = openStepsOf(index, keys, new Set(groupIds));
  for (const row of candidates) {
    const facts: CaseFacts = caseFactsFromVariables(row.key, variables.get(row.key) ?? {}, lightsCalendar, now);
    byLight[facts.light.colour ?? 'none'] += 1;
    const late = facts.light.deadlines.filter((deadline) => deadline.remainingWorkingMinutes < 0).sort((a, b) => a.remainingWorkingMinutes - b.remainingWorkingMinutes)[0];
    if (!late) continue;
    overdue.push({
      processInstanceKey: row.key,
      caseId: facts.caseId,
      caseTitle: facts.caseTitle,
      processName: row.processName,
      steps: steps.get(row.key) ?? [],
      paused: late.colour === 'paused',
      dueAt: late.dueAt,
      overdueWorkingMinutes: -late.remainingWorkingMinutes,
    });
  }
  overdue.sort((a, b) => b.overdueWorkingMinutes - a.overdueWorkingMinutes);

  // The period: the last DASHBOARD_WEEKS weeks up to now, whole weeks from Monday.
  const firstWeek = weekOf(now - (DASHBOARD_WEEKS - 1) * 7 * DAY);
  const fromMs = Date.parse(`${firstWeek}T00:00:00+08:00`);
  const weeks = new Map<string, { received: number; finished: number; overdue: number }>();
  for (let week = fromMs; week <= now; week += 7 * DAY) weeks.set(weekOf(week), { received: 0, finished: 0, overdue: 0 });
  const weekOfDay = (day: string) => weeks.get(weekOf(Date.parse(`${day}T12:00:00+08:00`)));
  // From the day counters (a department may have a hundred thousand cases in 12 weeks). They count a case once per
  // department, so each department is counted by its own id (its supervisors' tasks are on its own cases).
  const ids = departments.map((department) => department.id);
  const inIds = ids.map(() => '?').join(', ');
  for (const row of db.prepare(`SELECT day, SUM(received) AS n FROM day_received WHERE day >= ? AND department IN (${inIds}) GROUP BY day`).all(firstWeek, ...ids) as { day: string; n: number }[]) {
    const week = weekOfDay(row.day);
    if (week) week.received += row.n;
  }
  // Without a deadline (or one the calendar could not count) a case counts as finished only; paused time is not
  // handling time (the index counted it so).
  const finished = db
    .prepare(
      `SELECT d.process_id AS processId, COALESCE(n.name, d.process_id) AS processName, d.day, SUM(d.finished) AS finished, SUM(d.on_time) AS onTime, SUM(d.overdue) AS overdue,
         SUM(d.days_sum) AS daysSum, SUM(d.days_count) AS daysCount, SUM(d.limit_sum) AS limitSum, SUM(d.limit_count) AS limitCount
       FROM day_counts d LEFT JOIN process_names n ON n.process_id = d.process_id
       WHERE d.day >= ? AND d.department IN (${inIds}) GROUP BY d.process_id, d.day`,
    )
    .all(firstWeek, ...ids) as { processId: string; processName: string; day: string; finished: number; onTime: number; overdue: number; daysSum: number; daysCount: number; limitSum: number; limitCount: number }[];
  const perProcess = new Map<string, { name: string; finished: number; onTime: number; overdue: number; daysSum: number; daysCount: number; limitSum: number; limitCount: number }>();
  for (const row of finished) {
    const item =
      perProcess.get(row.processId) ??
      perProcess.set(row.processId, { name: row.processName, finished: 0, onTime: 0, overdue: 0, daysSum: 0, daysCount: 0, limitSum: 0, limitCount: 0 }).get(row.processId)!;
    item.finished += row.finished;
    item.onTime += row.onTime;
    item.overdue += row.overdue;
    item.daysSum += row.daysSum;
    item.daysCount += row.daysCount;
    item.limitSum += row.limitSum;
    item.limitCount += row.limitCount;
    const week = weekOfDay(row.day);
    if (week) {
      week.finished += row.finished;
      week.overdue += row.overdue;
    }
  }
  const average = (sum: number, count: number) => (count ? Math.round((sum / count) * 10) / 10 : null);
  return {
    departments,
    now: new Date(now).toISOString(),
    byLight,
    overdue,
    handling: [...perProcess].map(([bpmnProcessId, item]) => ({
      bpmnProcessId,
      name: item.name,
      finished: item.finished,
      onTime: item.onTime,
      overdue: item.overdue,
      onTimeRate: onTimeRate(item.onTime, item.overdue),
      averageWorkingDays: average(item.daysSum, item.daysCount),
      limitWorkingDays: average(item.limitSum, item.limitCount),
    })),
    weekly: [...weeks].map(([week, counts]) => ({ week, ...counts })),
  };
}

/** The open steps of `keys` that one of `groups` may work, and who holds them (unclaimed: null), in creation order. */
function openStepsOf(index: CaseIndex, keys: readonly string[], groups: ReadonlySet<string>): Map<string, OverdueCase['steps']> {
  const steps = new Map<string, OverdueCase['steps']>();
  for (let start = 0; start < keys.length; start += 500) {
    const some = keys.slice(start, start + 500);
    const rows = index.history
      .prepare(
        `SELECT CAST(process_instance_key AS TEXT) AS caseKey, CAST(user_task_key AS TEXT) AS userTaskKey, name, assignee, candidate_groups AS groups
         FROM user_tasks WHERE process_instance_key IN (${some.map(() => '?').join(',')}) AND +state = 'CREATED' ORDER BY creation_date`,
      )
      .all(...some) as { caseKey: string; userTaskKey: string; name: string; assignee: string | null; groups: string }[];
    for (const row of rows) {
      let candidates: unknown;
      try {
        candidates = JSON.parse(row.groups);
      } catch {
        continue;
      }
      if (!Array.isArray(candidates) || !candidates.some((group) => groups.has(group as string))) continue;
      const list = steps.get(row.caseKey) ?? steps.set(row.caseKey, []).get(row.caseKey)!;
      list.push({ userTaskKey: row.userTaskKey, name: row.name, assignee: row.assignee || null });
    }
  }
  return steps;
}
