/**
 * A statutory deadline as the process carries it: one `deadline_<name>` variable holding the limit in
 * office minutes, what was consumed before the last (re)start, and the instants the model's timers use.
 * Starting, pausing (补正: the applicant's time does not count) and resuming are pure functions here.
 */
import { boolean, number, object, string, type InferType } from 'yup';
// The calendar's modules directly, not its index: the apps' reader thread bundles this without the calendar folders.
import type { BusinessCalendar } from '../calendar/business-calendar';
import { formatInstant, parseInstant } from '../calendar/shanghai-time';
import { warnOffsetMinutes, type WarnRule } from './warn-rule';

/** A yup string that must be an ISO-8601 date-time with an offset. */
export function isoInstant() {
  return string().test('iso-instant', '${path} must be an ISO-8601 date-time with an offset, e.g. 2025-10-09T17:30:00+08:00 (须为带时区的时间，如 2025-10-09T17:30:00+08:00)', (value) => {
    if (value === undefined || value === null) return true;
    try {
      parseInstant(value);
      return true;
    } catch {
      return false;
    }
  });
}

/** Deadline names become variable names (`deadline_<name>`), so they must be FEEL-friendly. */
export const deadlineName = () =>
  string().matches(/^[A-Za-z][A-Za-z0-9_]*$/, '${path} must start with a letter and hold only letters, digits and _ (it becomes deadline_<name>) (须以字母开头，只含字母、数字和下划线)');

/** The shape of a `deadline_<name>` variable. */
export const deadlineSchema = object({
  name: deadlineName().required(),
  limitWorkingMinutes: number().positive().required(),
  consumedWorkingMinutes: number().min(0).required(),
  startedAt: isoInstant().required(),
  warnAt: isoInstant().required(),
  dueAt: isoInstant().required(),
  // null while the clock runs; undefined is refused because the contract always carries the key.
  pausedAt: isoInstant().nullable().defined('${path} must be present (null while the clock runs)'),
  // Optional so deadlines written before provisional deadlines existed still read as deadlines.
  /** true when warnAt/dueAt counted days of a year without holiday data (Monday–Friday): 期限暂定. */
  provisional: boolean().optional(),
  /** The first such year, or null. */
  provisionalYear: number().integer().nullable().optional(),
  /** Why the dates were last recomputed (a calendar import), or null. */
  recomputedBecause: string().nullable().optional(),
  // Without this, a missing deadline would be validated as {} and reported field by field.
}).default(undefined);

/** A `deadline_<name>` variable. */
export type Deadline = InferType<typeof deadlineSchema>;

// Office minutes are kept to 1/100 so stored objects stay readable; that is under a second.
function roundMinutes(minutes: number): number {
  return Math.round(minutes * 100) / 100;
}

function scheduled(
  base: { name: string; limitWorkingMinutes: number; consumedWorkingMinutes: number },
  startedAt: string,
  calendar: BusinessCalendar,
  rule: WarnRule,
): Deadline {
  const remaining = Math.max(0, base.limitWorkingMinutes - base.consumedWorkingMinutes);
  const untilWarn = Math.max(0, warnOffsetMinutes(base.limitWorkingMinutes, rule, calendar.minutesPerWorkingDay) - base.consumedWorkingMinutes);
  const { value: instants, uncoveredYears } = calendar.provisionally(() => ({
    warnAt: formatInstant(calendar.addWorkingMinutes(startedAt, untilWarn)),
    dueAt: formatInstant(calendar.addWorkingMinutes(startedAt, remaining)),
  }));
  return {
    name: base.name,
    limitWorkingMinutes: base.limitWorkingMinutes,
    consumedWorkingMinutes: roundMinutes(base.consumedWorkingMinutes),
    startedAt: formatInstant(startedAt),
    ...instants,
    pausedAt: null,
    provisional: uncoveredYears.length > 0,
    provisionalYear: uncoveredYears[0] ?? null,
  };
}

/** What starting a deadline needs. */
export interface DeadlineStart {
  name: string;
  limitWorkingMinutes: number;
  startedAt: string;
  /** Office time already used (e.g. carried over from an earlier step); default 0. */
  consumedWorkingMinutes?: number;
}

/**
 * Starts the clock: `dueAt` is when the limit's office time has passed, `warnAt` when the warn rule
 * lights yellow. A start outside office hours counts from the next opening. Already-consumed time is
 * subtracted from both; a deadline consumed beyond its limit is due at once.
 */
export function startDeadline(start: DeadlineStart, calendar: BusinessCalendar, rule: WarnRule): Deadline {
  return scheduled({ name: start.name, limitWorkingMinutes: start.limitWorkingMinutes, consumedWorkingMinutes: start.consumedWorkingMinutes ?? 0 }, start.startedAt, calendar, rule);
}

/**
 * Stops the clock: the office time since `startedAt` is added to `consumedWorkingMinutes`.
 * `warnAt`/`dueAt` are left as they were; they mean nothing until the clock resumes.
 */
export function pauseDeadline(deadline: Deadline, pausedAt: string, calendar: BusinessCalendar): Deadline {
  if (deadline.pausedAt !== null) {
    throw new Error(`期限「${deadline.name}」自 ${deadline.pausedAt} 起已暂停，不能再次暂停 / Expected deadline '${deadline.name}' to be running, but it is paused since ${deadline.pausedAt}`);
  }
  const used = calendar.workingMinutesBetween(deadline.startedAt, pausedAt);
  if (used < 0 || parseInstant(pausedAt).getTime() < parseInstant(deadline.startedAt).getTime()) {
    throw new Error(
      `期限「${deadline.name}」的暂停时间 ${pausedAt} 早于起算时间 ${deadline.startedAt} / Expected deadline '${deadline.name}' to be paused after it started (${deadline.startedAt}), but pausedAt is ${pausedAt}`,
    );
  }
  return { ...deadline, consumedWorkingMinutes: roundMinutes(deadline.consumedWorkingMinutes + used), pausedAt: formatInstant(pausedAt) };
}

/** Restarts the clock at `resumedAt` with the remaining office time; `warnAt`/`dueAt` are recomputed. */
export function resumeDeadline(deadline: Deadline, resumedAt: string, calendar: BusinessCalendar, rule: WarnRule): Deadline {
  if (deadline.pausedAt === null) {
    throw new Error(`期限「${deadline.name}」未暂停，无需恢复计时 / Expected deadline '${deadline.name}' to be paused, but its clock is running since ${deadline.startedAt}`);
  }
  if (parseInstant(resumedAt).getTime() < parseInstant(deadline.pausedAt).getTime()) {
    throw new Error(
      `期限「${deadline.name}」的恢复时间 ${resumedAt} 早于暂停时间 ${deadline.pausedAt} / Expected deadline '${deadline.name}' to resume after it paused (${deadline.pausedAt}), but resumedAt is ${resumedAt}`,
    );
  }
  return scheduled(deadline, resumedAt, calendar, rule);
}

/**
 * Reruns the arithmetic of a running deadline on the calendar in force (after a year was imported or
 * corrected): same start, same consumed time, new `warnAt`/`dueAt` and provisional flag. A paused
 * deadline has no instants to move; it is returned as it is and recomputed when it resumes.
 */
export function recomputeDeadline(deadline: Deadline, calendar: BusinessCalendar, rule: WarnRule, because: string | null = null): Deadline {
  if (deadline.pausedAt !== null) return deadline;
  return { ...scheduled(deadline, deadline.startedAt, calendar, rule), recomputedBecause: because };
}

/** Whether a recompute moved any instant or the provisional flag. */
export function deadlineMoved(before: Deadline, after: Deadline): boolean {
  return before.warnAt !== after.warnAt || before.dueAt !== after.dueAt || Boolean(before.provisional) !== Boolean(after.provisional);
}
