import { duration, parseDate, FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';
import { describeValue } from './describe-value';

/**
 * FEEL's binary `+`, `-`, `*` and `/` as Camunda's FEEL engine (feel-scala) defines them — see the
 * "Temporal expressions" page of the Camunda 8 FEEL docs — for numbers, strings, dates, times,
 * date-times and the two kinds of duration (days-time and years-months).
 *
 * feelin rejects `duration * number` and `duration / …` outright and gets several temporal cases wrong
 * (`date + PT1H` becomes a date-time; a zoned date-time minus a local one is a duration). The expression
 * evaluator routes every binary arithmetic operation here instead (see arithmetic-rewrite.ts).
 *
 * A combination the table does not define is `null` plus an INVALID_TYPE warning in feel-scala's words,
 * which reaches Zeebe's incident message when a typed result was required.
 */

/**
 * The INVALID_TYPE warnings of the evaluation running now. The operator functions are called by feelin,
 * which gives them no access to its warning list; evaluation is synchronous, so one list suffices.
 */
let arithmeticWarnings: string[] = [];

/** Returns and clears the INVALID_TYPE warnings collected since the last call. */
export function takeArithmeticWarnings(): string[] {
  const warnings = arithmeticWarnings;
  arithmeticWarnings = [];
  return warnings;
}

function invalid(message: string): null {
  if (arithmeticWarnings.length < 100) arithmeticWarnings.push(`[INVALID_TYPE] ${message}`);
  return null;
}

const MS_PER_DAY = 86_400_000;

/** `x + y`. */
export function add(x: unknown, y: unknown): unknown {
  if (typeof x === 'number' && typeof y === 'number') return x + y;
  if (typeof x === 'string' && typeof y === 'string') return x + y;
  if (isDaysTime(x) && isDaysTime(y)) return daysTime(millisOf(x) + millisOf(y));
  if (isYearsMonths(x) && isYearsMonths(y)) return yearsMonths(monthsOf(x) + monthsOf(y));
  // addition is commutative between a duration and a point in time
  const [point, shift] = y instanceof FeelDuration ? [x, y] : [y, x];
  if (shift instanceof FeelDuration && !(point instanceof FeelDuration)) {
    const result = shifted(point, shift, 1);
    if (result !== undefined) return result;
  }
  return invalid(`Can't add '${describeValue(y)}' to '${describeValue(x)}'`);
}

/** `x - y`. */
export function subtract(x: unknown, y: unknown): unknown {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (isDaysTime(x) && isDaysTime(y)) return daysTime(millisOf(x) - millisOf(y));
  if (isYearsMonths(x) && isYearsMonths(y)) return yearsMonths(monthsOf(x) - monthsOf(y));
  if (y instanceof FeelDuration) {
    const result = shifted(x, y, -1);
    if (result !== undefined) return result;
  }
  const between = difference(x, y);
  if (between !== undefined) return between;
  return invalid(`Can't subtract '${describeValue(y)}' from '${describeValue(x)}'`);
}

/**
 * `x * y`. A duration is multiplied by the integer part of the number: feel-scala calls
 * `Duration.multipliedBy(number.intValue)`, so `duration("PT1H") * 1.5` is `PT1H`.
 */
export function multiply(x: unknown, y: unknown): unknown {
  if (typeof x === 'number' && typeof y === 'number') return x * y;
  const [factor, scaled] = typeof x === 'number' ? [x, y] : [y, x];
  if (typeof factor === 'number') {
    if (isDaysTime(scaled)) return daysTime(millisOf(scaled) * Math.trunc(factor));
    if (isYearsMonths(scaled)) return yearsMonths(monthsOf(scaled) * Math.trunc(factor));
  }
  return invalid(`Can't multiply '${describeValue(x)}' by '${describeValue(y)}'`);
}

/**
 * `x / y`. Division by zero is null. As in feel-scala, a duration divided by a number keeps whole
 * milliseconds (days-time) or whole months (years-months), and a duration divided by a duration of the
 * same kind is the whole number of times it fits (`duration("P1Y") / duration("P5M")` is 2).
 */
export function divide(x: unknown, y: unknown): unknown {
  if (typeof x === 'number' && typeof y === 'number' && y !== 0) return x / y;
  if (isDaysTime(x)) {
    if (typeof y === 'number' && y !== 0) return daysTime(Math.trunc(millisOf(x) / y));
    if (isDaysTime(y) && millisOf(y) !== 0) return Math.trunc(millisOf(x) / millisOf(y));
  }
  if (isYearsMonths(x)) {
    if (typeof y === 'number' && y !== 0) return yearsMonths(Math.trunc(monthsOf(x) / y));
    if (isYearsMonths(y) && monthsOf(y) !== 0) return Math.trunc(monthsOf(x) / monthsOf(y));
  }
  return invalid(`Can't divide '${describeValue(x)}' by '${describeValue(y)}'`);
}

/**
 * A point in time moved by a duration (`sign` -1 subtracts), or undefined if FEEL does not define it:
 * a time only moves by a days-time duration, a date by either kind (the result stays a date).
 */
function shifted(point: unknown, shift: FeelDuration, sign: 1 | -1): unknown {
  if (point instanceof FeelDate) {
    if (shift.yearsMonths) return new FeelDate(point.value.add(calendarShift(shift, sign)));
    // feel-scala: the date at the start of the day, plus the duration, cut back to its date
    return new FeelDate(point.value.toPlainDateTime().add({ milliseconds: sign * millisOf(shift) }).toPlainDate());
  }
  if (point instanceof FeelDateTime) {
    if (shift.yearsMonths) return new FeelDateTime(point.value.add(calendarShift(shift, sign)), point.zone);
    return exactlyShifted(point, sign * millisOf(shift));
  }
  if (point instanceof FeelTime && !shift.yearsMonths) {
    // a time of day wraps around midnight and keeps its offset or zone
    return new FeelTime(point.value.add({ milliseconds: sign * millisOf(shift) }), point.zone);
  }
  return undefined;
}

/** Years and months move the wall clock (Jan 31 + 1 month is the last day of February). */
function calendarShift(shift: FeelDuration, sign: 1 | -1): { months: number } {
  return { months: sign * monthsOf(shift) };
}

/**
 * A days-time duration is an exact amount of time (java.time.Duration), so a zoned date-time moves by
 * that many milliseconds on the time line: across a daylight-saving change `P1D` is 24 hours, not the
 * same wall-clock time on the next day.
 */
function exactlyShifted(point: FeelDateTime, milliseconds: number): FeelDateTime | null {
  if (point.zone === null || fixedOffsetMillis(point.zone) !== undefined) {
    return new FeelDateTime(point.value.add({ milliseconds }), point.zone);
  }
  try {
    return new FeelDateTime(point.value.toZonedDateTime(point.zone).add({ milliseconds }).toPlainDateTime(), point.zone);
  } catch {
    return null;
  }
}

/**
 * `x - y` of two points in time of the same type, as a days-time duration; undefined for any other
 * pair. A local and a zoned value have no difference ("If one value has a timezone or time-offset, the
 * other value must have a timezone or time-offset too").
 */
function difference(x: unknown, y: unknown): FeelDuration | null | undefined {
  if (x instanceof FeelDate && y instanceof FeelDate) {
    return daysTime(y.value.until(x.value, { largestUnit: 'day' }).days * MS_PER_DAY);
  }
  if ((x instanceof FeelDateTime && y instanceof FeelDateTime) || (x instanceof FeelTime && y instanceof FeelTime)) {
    if ((x.zone === null) !== (y.zone === null)) return undefined;
    const from = instantMillis(y);
    const to = instantMillis(x);
    return from === null || to === null ? null : daysTime(to - from);
  }
  return undefined;
}

const REFERENCE_DATE = parseDate('1970-01-01')!.value;

/**
 * Milliseconds on the time line: the instant of a zoned value, the wall clock read as UTC for a local
 * one. A time of day is placed on 1970-01-01, as feelin places it to compare times.
 */
function instantMillis(value: FeelDateTime | FeelTime): number | null {
  const wall = value instanceof FeelDateTime ? value.value : REFERENCE_DATE.toPlainDateTime(value.value);
  const utcWall = wall.toZonedDateTime('UTC').epochMilliseconds;
  if (value.zone === null) return utcWall;
  const offset = fixedOffsetMillis(value.zone);
  if (offset !== undefined) return utcWall - offset;
  try {
    return wall.toZonedDateTime(value.zone).epochMilliseconds;
  } catch {
    return null;
  }
}

/** The offset of a fixed-offset zone (`UTC`, `Z`, `+02:00`, `-05:30:15`), undefined for a region zone. */
function fixedOffsetMillis(zone: string): number | undefined {
  if (zone === 'UTC' || zone === 'Z') return 0;
  const match = /^([+-])(\d\d):(\d\d)(?::(\d\d))?$/.exec(zone);
  if (!match) return undefined;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0);
  return (match[1] === '-' ? -1 : 1) * seconds * 1000;
}

function isDaysTime(value: unknown): value is FeelDuration {
  return value instanceof FeelDuration && !value.yearsMonths;
}

function isYearsMonths(value: unknown): value is FeelDuration {
  return value instanceof FeelDuration && value.yearsMonths;
}

/**
 * The length of a days-time duration in whole milliseconds (a day is 24 hours, as in java.time.Duration).
 * feel-scala also computes in milliseconds when it divides; finer fractions of a second are dropped.
 */
function millisOf(value: FeelDuration): number {
  const { days, hours, minutes, seconds, milliseconds } = value.value;
  return days * MS_PER_DAY + hours * 3_600_000 + minutes * 60_000 + seconds * 1000 + milliseconds;
}

function monthsOf(value: FeelDuration): number {
  return value.value.years * 12 + value.value.months;
}

/** A days-time duration of whole milliseconds (feelin's `duration(ms)` balances it into days and time). */
function daysTime(milliseconds: number): FeelDuration | null {
  return Number.isFinite(milliseconds) ? duration(Math.trunc(milliseconds)) : null;
}

function yearsMonths(months: number): FeelDuration | null {
  if (!Number.isFinite(months)) return null;
  const size = Math.abs(months);
  return duration(`${months < 0 ? '-' : ''}P${Math.floor(size / 12)}Y${size % 12}M`);
}
