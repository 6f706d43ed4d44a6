/**
 * One year's holiday arrangement as a reviewed file, `calendars/<year>.json`, in the format of the widely
 * used holiday-cn data (github.com/NateScarlet/holiday-cn): `{ year, papers, days: [{ name, date, isOffDay }] }`.
 * `isOffDay: true` is a day off inside a holiday block; `false` is a weekend day worked (调休 make-up day).
 * Days not listed follow the week: Monday–Friday work, Saturday and Sunday off. See `calendars/README.md`.
 */
import { readFileSync } from 'node:fs';
import type { HolidayYear } from './holiday-file';
import { dayOfKey, weekdayOf } from './shanghai-time';
import { bilingualError, halvesOf } from '../bilingual';

/** One listed day of a calendar file. */
export interface CalendarDay {
  /** The festival (元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节). */
  name: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** true: a day off; false: a weekend day worked (调休). */
  isOffDay: boolean;
}

/** A calendar file's content. */
export interface CalendarFile {
  year: number;
  /** Where the arrangement was published (the notice's title or address). */
  papers: string[];
  days: CalendarDay[];
}

/**
 * Checks a calendar file's content. `expectedYear` is the year its name says; `source` names it in
 * errors. Refuses dates of another year, impossible dates, a day listed twice, and a 调休 day that is
 * not a weekend day.
 */
export function checkCalendarFile(document: unknown, source: string, expectedYear?: number): CalendarFile {
  // "日历文件 X：<what is wrong> / Expected the calendar file X <what it should be>, but …"
  const fail = (zh: string, en: string): never => {
    throw bilingualError(`日历文件 ${source}：${zh}`, `Expected the calendar file ${source} ${en}`);
  };
  if (typeof document !== 'object' || document === null || Array.isArray(document)) fail('须为 { year, papers, days } 对象', 'to be an object { year, papers, days }, but it is not');
  const { year, papers, days } = document as Record<string, unknown>;
  if (typeof year !== 'number' || !Number.isInteger(year)) return fail(`年份须为数字，"year" 是 ${JSON.stringify(year)}`, `to name its year as a number, but "year" is ${JSON.stringify(year)}`);
  if (expectedYear !== undefined && year !== expectedYear) fail(`文件名表示 ${expectedYear} 年，内容却是 ${year} 年`, `to hold ${expectedYear} as its name says, but it holds ${year}`);
  if (!Array.isArray(papers) || papers.some((paper) => typeof paper !== 'string')) fail('须以 "papers": [文字] 列出依据的文件', 'to list its sources as "papers": [text], but it does not');
  if (!Array.isArray(days)) return fail('缺少 "days" 列表', 'to list "days", but it does not');
  const seen = new Set<string>();
  const checked = days.map((day, index): CalendarDay => {
    const entry = day as Record<string, unknown>;
    if (typeof entry !== 'object' || entry === null || typeof entry.name !== 'string' || typeof entry.date !== 'string' || typeof entry.isOffDay !== 'boolean') {
      return fail(`每一天须写成 { name, date, isOffDay }，第 ${index + 1} 天是 ${JSON.stringify(day)}`, `to hold days as { name, date, isOffDay }, but day ${index + 1} is ${JSON.stringify(day)}`);
    }
    let weekday: number;
    try {
      weekday = weekdayOf(dayOfKey(entry.date));
    } catch (error) {
      const [zh, en] = halvesOf((error as Error).message);
      return fail(`有无效日期：${zh}`, `to hold real dates, but ${en}`);
    }
    if (!entry.date.startsWith(`${year}-`)) fail(`只能包含 ${year} 年的日期，其中有 ${entry.date}`, `to hold dates of ${year}, but it holds ${entry.date}`);
    if (seen.has(entry.date)) fail(`${entry.date} 列了两次（一天要么放假，要么上班）`, `to list each date once, but ${entry.date} is listed twice (a day is either off or worked)`);
    seen.add(entry.date);
    if (!entry.isOffDay && weekday !== 0 && weekday !== 6) fail(`调休上班日只能是周末，${entry.date} 是工作日`, `to make only weekend days 调休 workdays, but ${entry.date} is a weekday`);
    return { name: entry.name, date: entry.date, isOffDay: entry.isOffDay };
  });
  return { year, papers: papers as string[], days: checked };
}

/** The working-day table's view of a calendar file. */
export function holidayYearOf(file: CalendarFile, source: string): HolidayYear {
  return {
    holidays: new Set(file.days.filter((day) => day.isOffDay).map((day) => day.date)),
    workdays: new Set(file.days.filter((day) => !day.isOffDay).map((day) => day.date)),
    names: new Map(file.days.map((day) => [day.date, day.name])),
    source,
  };
}

/** A calendar file's JSON text as we write it: two-space indentation, days in date order, one day a line. */
export function calendarFileText(file: CalendarFile): string {
  const days = [...file.days].sort((a, b) => a.date.localeCompare(b.date));
  const lines = days.map((day) => `    ${JSON.stringify({ name: day.name, date: day.date, isOffDay: day.isOffDay })}`);
  return `{\n  "year": ${file.year},\n  "papers": ${JSON.stringify(file.papers)},\n  "days": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

/** Reads and checks `<folder>/<year>.json`. */
export function readCalendarFile(path: string, expectedYear?: number): CalendarFile {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw bilingualError(`日历文件 ${path} 无法读取或不是有效的 JSON（详情见英文部分）`, `Expected the calendar file ${path} to be readable JSON, but ${(error as Error).message}`);
  }
  return checkCalendarFile(document, path, expectedYear);
}
