import { quote, type TimeResult } from './time-result';

/**
 * An ISO-8601 duration (`P1Y2M3DT4H5M6.7S`, `P2W`, `-PT5M`), kept as calendar and clock parts so that
 * months and years are added on the calendar (Jan 31 + P1M = Feb 28/29, as java.time does).
 */
export interface IsoDuration {
  readonly text: string;
  readonly negative: boolean;
  readonly years: number;
  readonly months: number;
  readonly days: number;
  /** Hours, minutes and seconds together, in milliseconds. */
  readonly clockMs: number;
}

const DURATION_PATTERN =
  /^([-+])?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** Reads an ISO-8601 duration; fails for anything else (including `P`, `PT` and empty text). */
export function parseIsoDuration(value: unknown): TimeResult<IsoDuration> {
  const failure = {
    ok: false as const,
    failure: `Expected a duration in ISO-8601 format (e.g. 'PT10S', 'P1DT2H', 'P2W'), but was ${quote(value)}`,
  };
  if (typeof value !== 'string') return failure;
  const text = value.trim();
  const match = DURATION_PATTERN.exec(text);
  if (!match || text.endsWith('T') || !/\d/.test(text)) return failure;
  const [, sign, years, months, weeks, days, hours, minutes, seconds] = match;
  const number = (part: string | undefined) => (part === undefined ? 0 : Number(part.replace(',', '.')));
  return {
    ok: true,
    value: {
      text,
      negative: sign === '-',
      years: number(years),
      months: number(months),
      days: number(weeks) * 7 + number(days),
      clockMs: Math.round(number(hours) * 3_600_000 + number(minutes) * 60_000 + number(seconds) * 1000),
    },
  };
}

/**
 * Adds a duration to an instant on the UTC calendar (the engine's zone, like a broker in a container):
 * years and months first, clamping the day of month, then days, then the clock part.
 */
export function addIsoDuration(fromMs: number, duration: IsoDuration): number {
  const sign = duration.negative ? -1 : 1;
  const from = new Date(fromMs);
  const totalMonths = from.getUTCFullYear() * 12 + from.getUTCMonth() + sign * (duration.years * 12 + duration.months);
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12;
  const lastDayOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    year,
    month,
    Math.min(from.getUTCDate(), lastDayOfMonth),
    from.getUTCHours(),
    from.getUTCMinutes(),
    from.getUTCSeconds(),
    from.getUTCMilliseconds(),
  );
  return shifted + sign * (duration.days * 86_400_000 + duration.clockMs);
}
