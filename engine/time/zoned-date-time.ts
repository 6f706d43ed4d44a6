import { quote, type TimeResult } from './time-result';

const DATE_TIME_PATTERN =
  /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:[.,](\d{1,9}))?)?(Z|[+-]\d\d(?::?\d\d)?)?(?:\[([^\]]+)\])?$/;

/**
 * Reads an ISO-8601 date-time that pins an instant: `2025-03-01T09:00:00Z`, `…+08:00`,
 * `…+08:00[Asia/Shanghai]` or `…[Asia/Shanghai]`. A date-time without an offset or zone is refused,
 * since it names no single instant (Zeebe refuses it too).
 */
export function parseZonedDateTime(value: unknown): TimeResult<number> {
  const failure = (why: string) => ({
    ok: false as const,
    failure: `Expected a date-time in ISO-8601 format with a time zone (e.g. '2025-03-01T09:00:00+08:00' or '2025-03-01T09:00:00[Asia/Shanghai]'), but was ${quote(value)}${why}`,
  });
  if (typeof value !== 'string') return failure('');
  const match = DATE_TIME_PATTERN.exec(value.trim());
  if (!match) return failure('');
  const [, year, month, day, hour, minute, second = '0', fraction = '0', offset, zone] = match;
  const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)) +
    Math.floor(Number(`0.${fraction}`) * 1000);
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== Number(year) || check.getUTCMonth() !== Number(month) - 1 ||
    check.getUTCDate() !== Number(day) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59
  ) {
    return failure(': no such date or time');
  }
  if (zone !== undefined && !isKnownZone(zone)) return failure(`: unknown time zone '${zone}'`);
  if (offset !== undefined) return { ok: true, value: wall - offsetMs(offset) };
  if (zone !== undefined) return { ok: true, value: wallClockToInstant(wall, zone) };
  return failure(': it has no offset or zone');
}

function offsetMs(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')) * 60_000;
}

/** Whether the runtime's time-zone database knows the zone id. */
export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in milliseconds. */
export function zoneOffsetAt(zone: string, epochMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(epochMs));
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant a zone's wall clock shows `wallMs` (read as UTC fields). In a DST gap the later offset
 * wins and in an overlap the earlier instant, as java.time resolves them.
 */
export function wallClockToInstant(wallMs: number, zone: string): number {
  const firstGuess = wallMs - zoneOffsetAt(zone, wallMs);
  const offsetThere = zoneOffsetAt(zone, firstGuess);
  const candidate = wallMs - offsetThere;
  const earlier = wallMs - zoneOffsetAt(zone, candidate - 3_600_000 * 3);
  if (earlier < candidate && earlier + zoneOffsetAt(zone, earlier) === wallMs) return earlier;
  return candidate;
}
