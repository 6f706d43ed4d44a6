/**
 * A supervisor's department dashboard (督办看板): the department's open cases by light, the overdue ones with
 * their current step, handler and how long overdue, handling time against the statutory limit per item
 * (process) for cases finished in the period, and a weekly trend of cases received and finished. A case
 * belongs to a department when one of its user tasks had one of the department's groups as candidate group.
 * Which cases, when received and finished, and how they ended come from the apps' case index (`case-index/`),
 * the open steps from the history store, and lights from the live variables against the engine clock, as
 * everywhere else.
 */
import type { EngineApi } from '../../engine/api';
import { parseInstant, type BusinessCalendar, type InstantInput } from '../../workers/calendar';
import { caseRankSql } from './audit-case-filters';
import { caseFactsOf, type CaseFacts } from './case-lights';
import type { CaseIndex } from './case-index/case-index';
import { WorkingTimeIndex } from './working-time-index';

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
  /** The open steps of the department and who holds them (username, or null while unclaimed). */
  steps: { userTaskKey: string; name: string; assignee: string | null }[];
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
  handling: { bpmnProcessId: string; name: string; finished: number; onTime: number; overdue: number; averageWorkingDays: number | null; limitWorkingDays: number | null }[];
  /** Per week (Monday, Beijing): cases received (started) and finished, finished late. */
  weekly: { week: string; received: number; finished: number; overdue: number }[];
}

function weekOf(epochMs: number): string {
  const day = Math.floor((epochMs + BEIJING) / DAY);
  return new Date((day - ((day + 3) % 7)) * DAY).toISOString().slice(0, 10);
}

/**
 * A task `t` has one of the groups as candidate group: its JSON array holds the quoted id. Group ids are plain
 * slugs (nothing to escape in JSON), so a text search finds exactly the members, several times faster than
 * unpacking every array with json_each; the parameters are {@link groupParams}.
 */
function hasGroup(groups: readonly string[]): string {
  return `(${groups.map(() => 'instr(t.candidate_groups, ?) > 0').join(' OR ')})`;
}

/** The quoted group ids {@link hasGroup} looks for. */
function groupParams(groups: readonly string[]): string[] {
  return groups.map((group) => JSON.stringify(group));
}

/** The department's cases (a user task of one of `groups`) as a FROM clause giving the case index's rows `c`. */
function departmentCases(groups: readonly string[]): string {
  // From the department's cases to their rows (CROSS JOIN keeps that order): a date range alone would visit every case.
  return `(SELECT DISTINCT d.process_instance_key AS k FROM case_departments d WHERE d.department IN (${groups.map(() => '?').join(', ')})) m
    CROSS JOIN cases c ON c.process_instance_key = m.k`;
}

/**
 * The calendar with its working-minute count answered from a per-day running total: a department's open
 * cases each need one such count for their lights, which walking the days would make the slow part.
 */
function indexedCalendar(calendar: BusinessCalendar, index: WorkingTimeIndex): BusinessCalendar {
  const fast = Object.create(calendar) as BusinessCalendar;
  fast.workingMinutesBetween = (from: InstantInput, to: InstantInput) => index.minutesBetween(parseInstant(from).getTime(), parseInstant(to).getTime());
  return fast;
}

/** The dashboard for `departments` (group ids; each department's `-supervisors` group counts with it) at engine time `now`. */
export function departmentDashboard(
  index: CaseIndex,
  engine: Pick<EngineApi, 'getVariables'>,
  calendar: BusinessCalendar,
  departments: { id: string; name: string }[],
  now: number,
): DepartmentDashboard {
  const groupIds = departments.flatMap((department) => [department.id, `${department.id}-supervisors`]);
  const groups = groupParams(groupIds);
  const inDepartment = departmentCases(groupIds);
  const lightsCalendar = indexedCalendar(calendar, new WorkingTimeIndex(calendar));
  const db = index.db;
  const byLight = { red: 0, yellow: 0, green: 0, paused: 0, none: 0 };
  const overdue: OverdueCase[] = [];
  const open = db
    .prepare(
      `SELECT CAST(c.process_instance_key AS TEXT) AS key, COALESCE(c.process_name, c.process_id) AS processName, ${caseRankSql(now)} AS rank, c.has_paused AS hasPaused
       FROM ${inDepartment} WHERE c.top = 1 AND c.state = 'ACTIVE'`,
    )
    .all(...groupIds) as { key: string; processName: string; rank: number | null; hasPaused: number }[];
  // `+t.state`: look the case's few tasks up by instance, not every open task by state.
  const openSteps = index.history.prepare(
    `SELECT CAST(t.user_task_key AS TEXT) AS userTaskKey, t.name AS name, t.assignee AS assignee FROM user_tasks t
     WHERE t.process_instance_key = ? AND +t.state = 'CREATED' AND ${hasGroup(groups)}
     ORDER BY t.creation_date`,
  );
  for (const row of open) {
    // History may still call a case open that has just ended: the live state decides.
    if (engine.getVariables(row.key) === undefined) continue;
    // Only a red case or one with a paused deadline (which keeps what it had left) can be overdue: the others are
    // counted by the colour the case index ranks them at (the same rule), without computing their lights.
    if (row.rank !== 0 && row.hasPaused === 0) {
      byLight[row.rank === null ? 'none' : RANK_COLOURS[row.rank]] += 1;
      continue;
    }
    const facts: CaseFacts = caseFactsOf(engine, row.key, lightsCalendar, now);
    byLight[facts.light.colour ?? 'none'] += 1;
    const late = facts.light.deadlines.filter((deadline) => deadline.remainingWorkingMinutes < 0).sort((a, b) => a.remainingWorkingMinutes - b.remainingWorkingMinutes)[0];
    if (!late) continue;
    overdue.push({
      processInstanceKey: row.key,
      caseId: facts.caseId,
      caseTitle: facts.caseTitle,
      processName: row.processName,
      steps: (openSteps.all(row.key, ...groups) as OverdueCase['steps']).map((step) => ({ ...step, assignee: step.assignee || null })),
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
  // Counted per Beijing day in SQL (a department may have a hundred thousand cases in 12 weeks), then per week here.
  const day = (column: string) => `CAST((${column} + ${BEIJING}) / ${DAY} AS INTEGER)`;
  const received = db
    .prepare(`SELECT ${day('c.start_date')} AS day, COUNT(*) AS n FROM ${inDepartment} WHERE c.top = 1 AND c.start_date >= ? GROUP BY day`)
    .all(...groupIds, fromMs) as { day: number; n: number }[];
  for (const row of received) {
    const week = weeks.get(weekOf(row.day * DAY - BEIJING));
    if (week) week.received += row.n;
  }
  // Without a deadline (or one the calendar could not count) a case counts as finished only; paused time is not
  // handling time (the index counted it so).
  const finished = db
    .prepare(
      `SELECT c.process_id AS processId, MAX(COALESCE(c.process_name, c.process_id)) AS processName, ${day('c.end_date')} AS day, COUNT(*) AS finished,
         SUM(c.limit_days IS NOT NULL AND c.days IS NOT NULL AND c.result = 0) AS overdue, SUM(c.limit_days IS NOT NULL AND c.days IS NOT NULL AND c.result IS NOT 0) AS onTime,
         SUM(CASE WHEN c.limit_days IS NOT NULL AND c.days IS NOT NULL THEN c.days END) AS daysSum,
         SUM(CASE WHEN c.limit_days IS NOT NULL AND c.days IS NOT NULL THEN c.limit_days END) AS limitSum
       FROM ${inDepartment} WHERE c.top = 1 AND c.state = 'COMPLETED' AND c.end_date >= ? GROUP BY c.process_id, day`,
    )
    .all(...groupIds, fromMs) as { processId: string; processName: string; day: number; finished: number; overdue: number; onTime: number; daysSum: number | null; limitSum: number | null }[];
  const perProcess = new Map<string, { name: string; finished: number; onTime: number; overdue: number; daysSum: number; limitSum: number; counted: number }>();
  for (const row of finished) {
    const item = perProcess.get(row.processId) ?? perProcess.set(row.processId, { name: row.processName, finished: 0, onTime: 0, overdue: 0, daysSum: 0, limitSum: 0, counted: 0 }).get(row.processId)!;
    item.finished += row.finished;
    item.onTime += row.onTime;
    item.overdue += row.overdue;
    item.daysSum += row.daysSum ?? 0;
    item.limitSum += row.limitSum ?? 0;
    item.counted += row.onTime + row.overdue;
    const week = weeks.get(weekOf(row.day * DAY - BEIJING));
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
      averageWorkingDays: average(item.daysSum, item.counted),
      limitWorkingDays: average(item.limitSum, item.counted),
    })),
    weekly: [...weeks].map(([week, counts]) => ({ week, ...counts })),
  };
}
