/**
 * The holiday file: how an operator adds a year that `chinese-days` does not bundle yet (the State
 * Council publishes each year's arrangement in the autumn before). Point `ONEGO_HOLIDAY_FILE` at it.
 *
 * @example
 * {
 *   "2027": {
 *     "holidays": ["2027-01-01", "2027-02-05", "2027-02-06"],
 *     "workdays": ["2027-02-13"]
 *   }
 * }
 * `holidays` are days off (weekend days inside a holiday block may be listed or not); `workdays` are the
 * weekend days declared working days (调休 make-up days). A year in the file replaces the bundled year.
 */
import { readFileSync } from 'node:fs';
import { dayOfKey, weekdayOf } from './shanghai-time';

/** One year's statutory arrangement. */
export interface HolidayYear {
  /** Days off that would otherwise be working days (and, optionally, the weekend days around them). */
  holidays: ReadonlySet<string>;
  /** Weekend days declared working days (调休). */
  workdays: ReadonlySet<string>;
  /** The festival each listed day belongs to (元旦, 春节 …), where the source names it. */
  names?: ReadonlyMap<string, string>;
  /** Where the year came from (`chinese-days`, a file path). */
  source?: string;
}

function datesOf(value: unknown, where: string, year: number): string[] {
  if (!Array.isArray(value)) throw new Error(`Expected ${where} to be an array of YYYY-MM-DD dates, but got ${JSON.stringify(value)}`);
  return value.map((entry) => {
    if (typeof entry !== 'string') throw new Error(`Expected ${where} to hold YYYY-MM-DD strings, but it holds ${JSON.stringify(entry)}`);
    try {
      dayOfKey(entry);
    } catch (error) {
      throw new Error(`Expected ${where} to hold real dates, but ${(error as Error).message}`);
    }
    if (!entry.startsWith(`${year}-`)) throw new Error(`Expected ${where} to hold dates of ${year}, but it holds ${entry}`);
    return entry;
  });
}

/**
 * Checks and reads the JSON text of a holiday file. `source` names the file in error messages.
 * Refuses a date listed both as holiday and workday, and a "make-up workday" that is not a weekend day.
 */
export function parseHolidayFile(text: string, source: string): Map<number, HolidayYear> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(`Expected the holiday file ${source} to be JSON, but ${(error as Error).message}`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new Error(`Expected the holiday file ${source} to be an object keyed by year, but it is not`);
  }
  const years = new Map<number, HolidayYear>();
  for (const [key, value] of Object.entries(document)) {
    if (!/^\d{4}$/.test(key)) throw new Error(`Expected the keys of ${source} to be years such as "2027", but found "${key}"`);
    const year = Number(key);
    if (typeof value !== 'object' || value === null) throw new Error(`Expected ${source} year ${key} to be { holidays, workdays }, but it is not`);
    const entry = value as Record<string, unknown>;
    const holidays = datesOf(entry.holidays, `${source} ${key}.holidays`, year);
    const workdays = datesOf(entry.workdays ?? [], `${source} ${key}.workdays`, year);
    for (const day of workdays) {
      if (holidays.includes(day)) throw new Error(`Expected ${day} in ${source} to be either a holiday or a workday, but it is listed as both`);
      const weekday = weekdayOf(dayOfKey(day));
      if (weekday !== 0 && weekday !== 6) {
        throw new Error(`Expected make-up workday ${day} in ${source} to fall on a weekend, but it is a weekday (already a working day)`);
      }
    }
    years.set(year, { holidays: new Set(holidays), workdays: new Set(workdays), source });
  }
  return years;
}

/** Reads and checks a holiday file from disk. */
export function loadHolidayFile(file: string): Map<number, HolidayYear> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Expected to read the holiday file ${file} (ONEGO_HOLIDAY_FILE), but ${(error as Error).message}`);
  }
  return parseHolidayFile(text, file);
}
