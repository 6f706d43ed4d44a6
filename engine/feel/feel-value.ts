import { isFunction, isRange, FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';
import { MAX_VARIABLE_DEPTH } from '../variable-document';

/**
 * How deep a result may nest: as deep as a variable document may (a result becomes a variable). A recursive
 * function or a chain of decisions each wrapping the last one's output can build a value thousands of levels
 * deep, which would overflow the stack wherever it is copied or encoded next (issue 13).
 */
export const MAX_RESULT_DEPTH = MAX_VARIABLE_DEPTH;

/**
 * Converts a FEEL value into the plain JSON value Zeebe stores in a variable.
 *
 * Temporal values become ISO-8601 strings the way Zeebe writes them: a zoned date-time carries its offset
 * and, for a region zone, the zone id in brackets (`2020-01-01T10:00:00+08:00[Asia/Shanghai]`); a duration
 * becomes `P1D` / `PT1H30M`. Functions and ranges have no JSON form, so they are reported as a failure.
 */
export function toJsonValue(value: unknown): { ok: true; value: unknown } | { ok: false; failure: string } {
  try {
    return { ok: true, value: convert(value, 1) };
  } catch (error) {
    return { ok: false, failure: (error as Error).message };
  }
}

function convert(value: unknown, depth: number): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? withoutBinaryNoise(value) : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof FeelDateTime) return formatDateTime(value);
  if (value instanceof FeelDate) return value.iso;
  if (value instanceof FeelTime) return formatTime(value);
  if (value instanceof FeelDuration) return value.iso;
  if (isFunction(value) || typeof value === 'function') {
    throw new Error('a function has no JSON form and cannot be the result of an expression');
  }
  if (isRange(value)) throw new Error('a range has no JSON form and cannot be the result of an expression');
  if (typeof value === 'object' && depth > MAX_RESULT_DEPTH) {
    throw new Error(`结果嵌套超过 ${MAX_RESULT_DEPTH} 层 / Expected the result to be nested at most ${MAX_RESULT_DEPTH} levels deep, as variables are, but it is nested deeper`);
  }
  if (Array.isArray(value)) return value.map((entry) => convert(entry, depth + 1));
  if (typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) result[key] = convert(entry, depth + 1);
    return result;
  }
  throw new Error(`a value of type ${typeof value} has no JSON form`);
}

/** `2020-01-01T10:00:00`, `…Z`, `…+08:00` or `…+08:00[Asia/Shanghai]`, as Java's ISO_ZONED_DATE_TIME prints. */
export function formatDateTime(value: FeelDateTime): string {
  const local = value.value.toString();
  return local + zoneSuffix(value.zone, () => value['time offset']);
}

function formatTime(value: FeelTime): string {
  return value.value.toString() + zoneSuffix(value.zone, () => value['time offset']);
}

function zoneSuffix(zone: string | null, offsetOf: () => FeelDuration | null): string {
  if (zone === null) return '';
  if (zone === 'UTC' || zone === 'Z' || zone === '+00:00') return 'Z';
  if (/^[+-]\d\d:\d\d$/.test(zone)) return zone;
  return formatOffset(offsetOf()) + `[${zone}]`;
}

function formatOffset(offset: FeelDuration | null): string {
  if (!offset) return '';
  const totalMinutes = Math.round(offset.value.total({ unit: 'minutes' }));
  if (totalMinutes === 0) return 'Z';
  const sign = totalMinutes < 0 ? '-' : '+';
  const minutes = Math.abs(totalMinutes);
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * feel-scala computes with decimals (0.1 + 0.2 = 0.3); feelin with doubles (0.30000000000000004). A result
 * is rounded to 16 significant digits — all a double reliably holds — so that noise does not reach the
 * variables. Integers pass unchanged.
 */
function withoutBinaryNoise(value: number): number {
  return Number.isInteger(value) ? value : Number(value.toPrecision(16));
}
