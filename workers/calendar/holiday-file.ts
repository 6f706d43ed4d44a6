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
import { bilingualError, halvesOf } from '../bilingual';

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
  if (!Array.isArray(value)) throw bilingualError(`${where} 须为 YYYY-MM-DD 日期的列表，实际是 ${JSON.stringify(value)}`, `Expected ${where} to be an array of YYYY-MM-DD dates, but got ${JSON.stringify(value)}`);
  return value.map((entry) => {
    if (typeof entry !== 'string') throw bilingualError(`${where} 只能包含 YYYY-MM-DD 格式的日期文字，其中有 ${JSON.stringify(entry)}`, `Expected ${where} to hold YYYY-MM-DD strings, but it holds ${JSON.stringify(entry)}`);
    try {
      dayOfKey(entry);
    } catch (error) {
      const [zh, en] = halvesOf((error as Error).message);
      throw bilingualError(`${where} 中有无效日期：${zh}`, `Expected ${where} to hold real dates, but ${en}`);
    }
    if (!entry.startsWith(`${year}-`)) throw bilingualError(`${where} 只能包含 ${year} 年的日期，其中有 ${entry}`, `Expected ${where} to hold dates of ${year}, but it holds ${entry}`);
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
    throw bilingualError(`节假日文件 ${source} 不是有效的 JSON（详情见英文部分）`, `Expected the holiday file ${source} to be JSON, but ${(error as Error).message}`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw bilingualError(`节假日文件 ${source} 须为以年份为键的对象`, `Expected the holiday file ${source} to be an object keyed by year, but it is not`);
  }
  const years = new Map<number, HolidayYear>();
  for (const [key, value] of Object.entries(document)) {
    if (!/^\d{4}$/.test(key)) throw bilingualError(`节假日文件 ${source} 的键须为年份（如 "2027"），其中有 "${key}"`, `Expected the keys of ${source} to be years such as "2027", but found "${key}"`);
    const year = Number(key);
    if (typeof value !== 'object' || value === null) throw bilingualError(`节假日文件 ${source} 中 ${key} 年须写成 { holidays, workdays }`, `Expected ${source} year ${key} to be { holidays, workdays }, but it is not`);
    const entry = value as Record<string, unknown>;
    const holidays = datesOf(entry.holidays, `${source} ${key}.holidays`, year);
    const workdays = datesOf(entry.workdays ?? [], `${source} ${key}.workdays`, year);
    for (const day of workdays) {
      if (holidays.includes(day)) throw bilingualError(`节假日文件 ${source} 把 ${day} 同时列为放假日和调休上班日，只能是其中之一`, `Expected ${day} in ${source} to be either a holiday or a workday, but it is listed as both`);
      const weekday = weekdayOf(dayOfKey(day));
      if (weekday !== 0 && weekday !== 6) {
        throw bilingualError(`节假日文件 ${source} 中的调休上班日 ${day} 须在周末，但它是工作日（本来就上班）`, `Expected make-up workday ${day} in ${source} to fall on a weekend, but it is a weekday (already a working day)`);
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
    throw bilingualError(`无法读取节假日文件 ${file}（ONEGO_HOLIDAY_FILE）：${(error as Error).message}`, `Expected to read the holiday file ${file} (ONEGO_HOLIDAY_FILE), but ${(error as Error).message}`);
  }
  return parseHolidayFile(text, file);
}
