/**
 * Timer definitions for the engine: ISO-8601 dates, durations and repeating intervals plus Spring-style
 * cron, turned into due dates on the engine clock (epoch ms). Failures are returned as data, never thrown.
 *
 * @example
 * import { parseTimeCycle, resolveTimeDate, resolveTimeDuration } from './time';
 * resolveTimeDate('2025-03-01T09:00:00[Asia/Shanghai]');       // { ok: true, value: Date.parse('2025-03-01T01:00:00Z') }
 * resolveTimeDuration('P1DT2H', now);                          // { ok: true, value: now + 26 h }
 * const cycle = parseTimeCycle('0 0 9 * * MON-FRI');           // { ok: true, value: { repetitions: null, … } }
 * if (cycle.ok) cycle.value.firstDueDate(now);                 // the next weekday 09:00 UTC
 */
import { addIsoDuration, parseIsoDuration } from './iso-duration';
import { parseZonedDateTime } from './zoned-date-time';
import type { TimeResult } from './time-result';

export type { TimeResult } from './time-result';
export type { TimeCycle } from './time-cycle';
export type { IsoDuration } from './iso-duration';
export { parseTimeCycle } from './time-cycle';
export { parseIsoDuration, addIsoDuration } from './iso-duration';

/** The due date of a `timeDate` timer: an ISO date-time with offset or zone id, as epoch ms. */
export function resolveTimeDate(value: unknown): TimeResult<number> {
  return parseZonedDateTime(value);
}

/** The due date of a `timeDuration` timer started at `fromMs`: `fromMs` plus the ISO-8601 duration. */
export function resolveTimeDuration(value: unknown, fromMs: number): TimeResult<number> {
  const duration = parseIsoDuration(value);
  if (!duration.ok) return duration;
  return { ok: true, value: addIsoDuration(fromMs, duration.value) };
}
