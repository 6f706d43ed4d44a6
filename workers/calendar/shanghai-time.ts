/**
 * Instants and Asia/Shanghai wall-clock time without the machine's time zone. China has kept a fixed
 * UTC+08:00 offset with no daylight saving since 1991, and holiday data starts in 2004, so a constant
 * offset is exact for every date the calendar accepts — and independent of `TZ`.
 */
import { bilingualError } from '../bilingual';

/** Asia/Shanghai's offset from UTC in milliseconds. */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Milliseconds in a calendar day. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** An instant as the calendar accepts it: a `Date` or an ISO-8601 string with an offset. */
export type InstantInput = Date | string;

// Date-time with an explicit offset (or Z); FEEL/Java may append a region id such as [Asia/Shanghai].
const isoInstant = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})(?:\[[A-Za-z0-9_+\-/]+\])?$/;

/**
 * Reads an instant. Strings must carry an offset: a local time without one is ambiguous, so it is
 * refused instead of being read in the machine's zone.
 */
export function parseInstant(input: InstantInput): Date {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw bilingualError('时间无效（不是有效的时刻）', 'Expected a valid instant, but got an invalid Date');
    return new Date(input.getTime());
  }
  const match = typeof input === 'string' ? isoInstant.exec(input.trim()) : null;
  if (!match) {
    throw bilingualError(`时间须为带时区的 ISO-8601 格式（如 2025-10-09T17:30:00+08:00），收到的是「${String(input)}」`, `Expected an ISO-8601 date-time with an offset (e.g. 2025-10-09T17:30:00+08:00), but got '${String(input)}'`);
  }
  const [, local, zone] = match;
  const offset = zone === 'Z' ? 'Z' : zone!.length === 5 ? `${zone!.slice(0, 3)}:${zone!.slice(3)}` : zone!;
  // JavaScript parses at most millisecond precision; trim longer fractions (Java prints nanoseconds).
  const trimmed = local!.replace(/(\.\d{3})\d+$/, '$1');
  const date = new Date(`${trimmed}${offset}`);
  if (Number.isNaN(date.getTime())) throw bilingualError(`「${input}」不是真实存在的时间`, `Expected a real date-time, but got '${input}'`);
  return date;
}

/** A day of the Shanghai calendar, counted from 1970-01-01 (day 0). */
export type DayNumber = number;

/** Where an instant falls on the Shanghai wall clock: which day, and how far into it. */
export interface ShanghaiPosition {
  day: DayNumber;
  /** Milliseconds since local midnight. */
  msOfDay: number;
}

/** The Shanghai day and time of day of an instant. */
export function shanghaiPositionOf(instant: Date): ShanghaiPosition {
  const shifted = instant.getTime() + SHANGHAI_OFFSET_MS;
  const day = Math.floor(shifted / DAY_MS);
  return { day, msOfDay: shifted - day * DAY_MS };
}

/** The instant at a Shanghai day and time of day. */
export function instantAt(day: DayNumber, msOfDay: number): Date {
  return new Date(day * DAY_MS + msOfDay - SHANGHAI_OFFSET_MS);
}

/** `YYYY-MM-DD` of a Shanghai day. */
export function dayKeyOf(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The Shanghai day of a `YYYY-MM-DD` key; refuses impossible dates such as 2025-02-30. */
export function dayOfKey(key: string): DayNumber {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!match) throw bilingualError(`日期须写成 YYYY-MM-DD，收到的是「${key}」`, `Expected a date as YYYY-MM-DD, but got '${key}'`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const day = ms / DAY_MS;
  if (dayKeyOf(day) !== key) throw bilingualError(`「${key}」不是真实存在的日期`, `Expected a real calendar date, but got '${key}'`);
  return day;
}

/** 0 = Sunday … 6 = Saturday, for a Shanghai day. */
export function weekdayOf(day: DayNumber): number {
  return new Date(day * DAY_MS).getUTCDay();
}

/** The Gregorian year of a Shanghai day. */
export function yearOf(day: DayNumber): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * Prints an instant the way the process contract stores instants: Shanghai wall time with its offset,
 * e.g. `2025-10-09T17:30:00+08:00` (milliseconds only when there are some).
 */
export function formatInstant(instant: InstantInput): string {
  const { day, msOfDay } = shanghaiPositionOf(parseInstant(instant));
  const hours = Math.floor(msOfDay / 3_600_000);
  const minutes = Math.floor((msOfDay % 3_600_000) / 60_000);
  const seconds = Math.floor((msOfDay % 60_000) / 1000);
  const millis = msOfDay % 1000;
  const fraction = millis ? `.${pad(millis, 3)}` : '';
  return `${dayKeyOf(day)}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}${fraction}+08:00`;
}
