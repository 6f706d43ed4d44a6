import { randomUUID } from 'node:crypto';
import { evaluate, FeelDate, FeelDateTime, FeelFunction, isFunction, isRange } from 'feelin';
import { isKnownZone, wallClockToInstant, zoneOffsetAt } from '../time/zoned-date-time';
import { toJsonValue } from './feel-value';
import { regexFunctions } from './regex-functions';

/**
 * `assert(...)` is Camunda's one built-in that fails the whole evaluation instead of returning null. It
 * records its cause here (evaluation is synchronous, so one slot suffices) and the evaluator turns it into
 * a failure after feelin returns, keeping feelin's warnings for the message.
 */
let pendingAssertionFailure: string | undefined;

/** Returns and clears the cause of a failed `assert(...)` in the evaluation that just ran. */
export function takeAssertionFailure(): string | undefined {
  const cause = pendingAssertionFailure;
  pendingAssertionFailure = undefined;
  return cause;
}

type Builtin = (...args: unknown[]) => unknown;

/** feelin's own implementation of a built-in, looked up once so an override can delegate to it. */
function builtin(name: string): Builtin {
  const value = evaluate(name, { [name]: undefined }).value;
  if (typeof value !== 'function') throw new Error(`feelin has no built-in '${name}'`);
  return value as Builtin;
}

const feelinDateAndTime = builtin('date and time');
const feelinDuration = builtin('duration');
const feelinStringJoin = builtin('string join');

/**
 * The functions Camunda 8.8's FEEL engine (feel-scala) offers on top of the DMN standard, or implements
 * differently from feelin, keyed by their FEEL name. `now()` and `today()` read the engine clock passed in,
 * never the system clock, so timers and expressions agree on "now" (and tests can move time).
 */
export function camundaExtensions(nowMs: number): Record<string, FeelFunction> {
  const nowIso = new Date(nowMs).toISOString();
  return {
    // matches(), replace(), split() and extract() without backtracking (issue 13), as Camunda reads them
    ...regexFunctions,
    now: new FeelFunction(() => feelinDateAndTime(nowIso), []),
    today: new FeelFunction(() => dateOf(nowMs), []),

    // is defined(value): since Camunda 8.4 false for null as well as for a missing variable / entry.
    'is defined': new FeelFunction((value: unknown) => value !== null && value !== undefined, ['value']),
    'get or else': new FeelFunction(
      (value: unknown, fallback: unknown) => (value === null || value === undefined ? (fallback ?? null) : value),
      ['value', 'default'],
    ),
    assert: new FeelFunction((value: unknown, condition: unknown, cause: unknown) => {
      if (condition === true) return value;
      pendingAssertionFailure ??= typeof cause === 'string' ? cause : 'The condition is not fulfilled';
      return null;
    }, ['value', 'condition', 'cause']),

    'is empty': new FeelFunction((list: unknown) => (Array.isArray(list) ? list.length === 0 : null), ['list']),
    'is blank': new FeelFunction((text: unknown) => (typeof text === 'string' ? text.trim() === '' : null), ['string']),
    trim: new FeelFunction((text: unknown) => (typeof text === 'string' ? text.trim() : null), ['string']),
    uuid: new FeelFunction(() => randomUUID(), []),
    'to base64': new FeelFunction(
      (text: unknown) => (typeof text === 'string' ? Buffer.from(text, 'utf8').toString('base64') : null),
      ['value'],
    ),
    'string join': new FeelFunction((list: unknown, delimiter: unknown, prefix: unknown, suffix: unknown) => {
      const joined = feelinStringJoin(list, delimiter ?? null);
      if (typeof joined !== 'string') return joined;
      return `${typeof prefix === 'string' ? prefix : ''}${joined}${typeof suffix === 'string' ? suffix : ''}`;
    }, ['list', 'delimiter', 'prefix', 'suffix']),
    partition: new FeelFunction((list: unknown, size: unknown) => {
      if (!Array.isArray(list) || typeof size !== 'number' || !Number.isInteger(size) || size < 1) return null;
      const parts: unknown[][] = [];
      for (let index = 0; index < list.length; index += size) parts.push(list.slice(index, index + size));
      return parts;
    }, ['list', 'size']),
    'duplicate values': new FeelFunction((list: unknown) => {
      if (!Array.isArray(list)) return null;
      const seen = new Set<string>();
      const duplicates = new Map<string, unknown>();
      for (const item of list) {
        const key = JSON.stringify(toJsonValue(item));
        if (seen.has(key)) duplicates.set(key, item);
        seen.add(key);
      }
      return [...duplicates.values()];
    }, ['list']),
    'random number': new FeelFunction(() => Math.random(), []),

    'from json': new FeelFunction((text: unknown) => {
      if (typeof text !== 'string') return null;
      try {
        return JSON.parse(text);
      } catch {
        return null;
      }
    }, ['value']),
    'to json': new FeelFunction((value: unknown) => {
      if (isFunction(value) || isRange(value)) return null;
      const json = toJsonValue(value);
      return json.ok ? JSON.stringify(json.value) : null;
    }, ['value']),

    // Zeebe writes zoned date-times as `…+08:00[Asia/Shanghai]`; feelin only reads `…@Asia/Shanghai`.
    // `date and time(dateTime, "Asia/Shanghai")` (feel-scala 1.16) moves a date-time into a zone.
    'date and time': new FeelFunction((date: unknown, time: unknown, from: unknown) => {
      if (date instanceof FeelDateTime && typeof time === 'string') return inZone(date, time);
      return feelinDateAndTime(normalizeDateTimeText(date), time, normalizeDateTimeText(from));
    }, ['date', 'time', 'from']),
    // feel-scala's `get value(context, keys)` also takes a path of keys.
    'get value': new FeelFunction((context: unknown, key: unknown) => {
      const path = Array.isArray(key) ? key : [key];
      let current: unknown = context;
      for (const segment of path) {
        if (typeof segment !== 'string' || current === null || typeof current !== 'object' || Array.isArray(current)) return null;
        if (!Object.prototype.hasOwnProperty.call(current, segment)) return null;
        current = (current as Record<string, unknown>)[segment];
      }
      return current ?? null;
    }, ['context', 'key']),
    'from base64': new FeelFunction((text: unknown) => {
      if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
      return Buffer.from(text, 'base64').toString('utf8');
    }, ['value']),
    // feelin keeps the leftover days (P1Y2M5D); FEEL's answer is whole months only, like java.time's Period.
    'years and months duration': new FeelFunction((from: unknown, to: unknown) => {
      if (!isDateLike(from) || !isDateLike(to)) return null;
      let months = (to.year - from.year) * 12 + (to.month - from.month);
      if (months > 0 && to.day < from.day) months -= 1;
      if (months < 0 && to.day > from.day) months += 1;
      const size = Math.abs(months);
      return feelinDuration(`${months < 0 ? '-' : ''}P${Math.floor(size / 12)}Y${size % 12}M`);
    }, ['from', 'to']),
    'last day of month': new FeelFunction((date: unknown) => {
      if (!(date instanceof FeelDate) && !(date instanceof FeelDateTime)) return null;
      return new Date(Date.UTC(date.year, date.month, 0)).getUTCDate();
    }, ['date']),
  };
}

const feelinDate = builtin('date');

/** The UTC calendar date of an instant: the engine runs in UTC, as a Zeebe broker in a container does. */
function dateOf(epochMs: number): FeelDate {
  return feelinDate(new Date(epochMs).toISOString().slice(0, 10)) as FeelDate;
}

/** The same instant as `value`, on the wall clock of `zone`; null for a local date-time or an unknown zone. */
function inZone(value: FeelDateTime, zone: string): unknown {
  if (value.zone === null || !isKnownZone(zone)) return null;
  const local = Date.parse(`${value.value.toString()}Z`);
  const sourceZone = value.zone === 'UTC' || value.zone === 'Z' ? 'UTC' : value.zone;
  const instant = /^[+-]\d\d:\d\d$/.test(sourceZone)
    ? local - (sourceZone.startsWith('-') ? -1 : 1) * (Number(sourceZone.slice(1, 3)) * 60 + Number(sourceZone.slice(4, 6))) * 60_000
    : wallClockToInstant(local, sourceZone);
  const wall = new Date(instant + zoneOffsetAt(zone, instant)).toISOString().replace(/Z$/, '');
  return feelinDateAndTime(`${wall}@${zone}`);
}

function normalizeDateTimeText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const bracketZone = /^(.*?)(?:Z|[+-]\d\d:?\d\d)?\[([^\]]+)\]$/.exec(value);
  return bracketZone ? `${bracketZone[1]}@${bracketZone[2]}` : value;
}

function isDateLike(value: unknown): value is FeelDate | FeelDateTime {
  return value instanceof FeelDate || value instanceof FeelDateTime;
}

