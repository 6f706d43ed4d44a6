/**
 * A finished case's final result for 电子监察: 按时办结 or 超期办结, kept after the instance ends (when its
 * live variables and lights are gone). Read from history: the case deadline (the `deadline_*` variable
 * with the largest limit, as the statistics count it) against the instance's end date.
 */
import type Database from 'better-sqlite3';

/** How a finished case ended against its deadline. */
export interface CaseResult {
  result: 'onTime' | 'overdue';
  /** The deadline's name (`deadline_<name>`). */
  deadline: string;
  dueAt: string;
  endedAt: string;
}

/** The final result of a finished (COMPLETED) case, or null while it runs or when it had no deadline. */
export function caseResultOf(db: Database.Database, processInstanceKey: string): CaseResult | null {
  const row = db
    .prepare(
      `SELECT p.end_date AS endDate, v.value AS value FROM process_instances p
       JOIN variables v ON v.process_instance_key = p.process_instance_key AND v.scope_key = p.process_instance_key AND v.name GLOB 'deadline_*' AND json_valid(v.value)
       WHERE p.process_instance_key = ? AND p.state = 'COMPLETED'
       ORDER BY json_extract(v.value, '$.limitWorkingMinutes') DESC LIMIT 1`,
    )
    .get(processInstanceKey) as { endDate: number; value: string } | undefined;
  if (!row) return null;
  const deadline = JSON.parse(row.value) as { name?: string; dueAt?: string; pausedAt?: string | null; consumedWorkingMinutes?: number; limitWorkingMinutes?: number };
  if (typeof deadline.dueAt !== 'string') return null;
  // Ended while paused (补正): the clock stood still, so what counts is the time consumed against the limit.
  const onTime = deadline.pausedAt ? (deadline.consumedWorkingMinutes ?? 0) <= (deadline.limitWorkingMinutes ?? 0) : row.endDate <= Date.parse(deadline.dueAt);
  return { result: onTime ? 'onTime' : 'overdue', deadline: deadline.name ?? '', dueAt: deadline.dueAt, endedAt: new Date(row.endDate).toISOString() };
}
