import { addIsoDuration, parseIsoDuration } from './iso-duration';
import { parseCronCycle } from './cron-cycle';
import { parseZonedDateTime } from './zoned-date-time';
import { quote, type TimeResult } from './time-result';

/**
 * A repeating timer definition. The engine counts repetitions itself; a cycle only knows when the next
 * one is due.
 */
export interface TimeCycle {
  /** The definition as written. */
  readonly text: string;
  /** How many times the timer fires in total; `null` for an unbounded cycle (`R/…` or cron). */
  readonly repetitions: number | null;
  /** The next due date strictly after `afterMs`, or undefined when the cycle has no further date. */
  next(afterMs: number): number | undefined;
  /**
   * The first due date when the timer is scheduled at `nowMs`, as Zeebe picks it: the start date of
   * `R/<start>/…` (or `nowMs` itself if that start has passed — the timer is overdue), else one interval
   * from now; for cron the next matching time after now.
   */
  firstDueDate(nowMs: number): number | undefined;
  /**
   * The due date after the timer fired at `lastDueMs`, rescheduled at `nowMs`: one interval after the last
   * due date, or — when cycles were missed and that lies at or before now — one interval after now, so a
   * late timer never fires twice in a row (Zeebe's RepeatingInterval#nextOccurrenceAfter).
   */
  nextDueDate(lastDueMs: number, nowMs: number): number | undefined;
}

const REPEATING_INTERVAL = /^R(\d*)\/(.+)$/;

/**
 * Reads a timer cycle: an ISO-8601 repeating interval (`R5/PT10S`, `R/PT1H`, `R3/2025-03-01T09:00:00Z/P1D`)
 * or a Spring-style cron expression with seconds (`0 0 9 * * MON-FRI`), as Zeebe accepts them.
 */
export function parseTimeCycle(value: unknown): TimeResult<TimeCycle> {
  if (typeof value !== 'string' || value.trim() === '') {
    return { ok: false, failure: `Expected a time cycle as an ISO-8601 repeating interval (e.g. 'R5/PT10S') or a cron expression (e.g. '0 0 9 * * MON-FRI'), but was ${quote(value)}` };
  }
  const text = value.trim();
  const interval = REPEATING_INTERVAL.exec(text);
  if (interval) return parseRepeatingInterval(text, interval[1], interval[2]);
  if (text.startsWith('R')) {
    return { ok: false, failure: `Expected a repeating interval like 'R5/PT10S' or 'R/2025-03-01T09:00:00Z/P1D', but was '${text}'` };
  }
  return parseCronCycle(text);
}

function parseRepeatingInterval(text: string, count: string, rest: string): TimeResult<TimeCycle> {
  const repetitions = count === '' ? null : Number(count);
  // The duration follows the last '/'; a start date may hold a '/' inside its zone id ([Asia/Shanghai]).
  const lastSlash = rest.lastIndexOf('/');
  const durationText = rest.slice(lastSlash + 1);
  const startText = lastSlash >= 0 ? rest.slice(0, lastSlash) : undefined;
  if (startText !== undefined && startText.replace(/\[[^\]]*\]/g, '').includes('/')) {
    return { ok: false, failure: `Expected a repeating interval 'R[n]/[start/]duration', but was '${text}'` };
  }
  const duration = parseIsoDuration(durationText);
  if (!duration.ok) return { ok: false, failure: `Invalid time cycle '${text}': ${duration.failure}` };
  if (duration.value.negative || addIsoDuration(0, duration.value) <= 0) {
    return { ok: false, failure: `Invalid time cycle '${text}': the interval '${durationText}' must be positive` };
  }
  let startMs: number | undefined;
  if (startText !== undefined) {
    const start = parseZonedDateTime(startText);
    if (!start.ok) return { ok: false, failure: `Invalid time cycle '${text}': ${start.failure}` };
    startMs = start.value;
  }
  const interval = duration.value;
  return {
    ok: true,
    value: {
      text,
      repetitions,
      next: (afterMs) => (startMs !== undefined && startMs > afterMs ? startMs : addIsoDuration(afterMs, interval)),
      firstDueDate: (nowMs) => (startMs === undefined ? addIsoDuration(nowMs, interval) : Math.max(startMs, nowMs)),
      nextDueDate: (lastDueMs, nowMs) => {
        const natural = addIsoDuration(lastDueMs, interval);
        return natural > nowMs ? natural : addIsoDuration(nowMs, interval);
      },
    },
  };
}
