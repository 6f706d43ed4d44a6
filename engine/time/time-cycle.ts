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
  const parts = rest.split('/');
  if (parts.length > 2) {
    return { ok: false, failure: `Expected a repeating interval 'R[n]/[start/]duration', but was '${text}'` };
  }
  const durationText = parts[parts.length - 1];
  const duration = parseIsoDuration(durationText);
  if (!duration.ok) return { ok: false, failure: `Invalid time cycle '${text}': ${duration.failure}` };
  if (duration.value.negative || addIsoDuration(0, duration.value) <= 0) {
    return { ok: false, failure: `Invalid time cycle '${text}': the interval '${durationText}' must be positive` };
  }
  let startMs: number | undefined;
  if (parts.length === 2) {
    const start = parseZonedDateTime(parts[0]);
    if (!start.ok) return { ok: false, failure: `Invalid time cycle '${text}': ${start.failure}` };
    startMs = start.value;
  }
  const interval = duration.value;
  return {
    ok: true,
    value: {
      text,
      repetitions,
      // Zeebe fires at the start date while it lies ahead, and one interval after the last due date otherwise.
      next: (afterMs) => (startMs !== undefined && startMs > afterMs ? startMs : addIsoDuration(afterMs, interval)),
    },
  };
}
