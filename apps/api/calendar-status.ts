/**
 * What the admin's calendar page and banner show: the covered years with their days, the years that are
 * missing (next year, and any year an open deadline runs into), how many open deadlines are provisional,
 * and the banner text. Computed against the ENGINE clock, from the same calendar the workers count on.
 */
import path from 'node:path';
import { formatInstant, type BusinessCalendar } from '../../workers/calendar';
import type { OpenDeadline } from './case-index/case-index';

/** One listed day. */
export interface CalendarDayView {
  date: string;
  name: string;
}

/** One covered year. */
export interface CalendarYearView {
  year: number;
  /** `chinese-days`, or the file the year was read from (relative to the working directory when inside it). */
  source: string;
  holidays: CalendarDayView[];
  workdays: CalendarDayView[];
}

/** The body of `GET /v2/apps/calendar`. */
export interface CalendarStatus {
  years: CalendarYearView[];
  coveredYears: number[];
  missingYears: number[];
  provisional: { openDeadlines: number; years: number[] };
  /** The Chinese banner text, or null when there is nothing to warn about. */
  warning: string | null;
}

/** From this month on (Shanghai date), a missing next year is warned about: the notice usually comes in Oct–Nov. */
export const WARN_FROM_MONTH = 11;

function sourceOf(source: string | undefined): string {
  if (!source || source === 'chinese-days') return 'chinese-days';
  const relative = path.relative(process.cwd(), source);
  return relative.startsWith('..') || path.isAbsolute(relative) ? source : relative;
}

/** The Shanghai calendar year and month of an engine-clock instant. */
export function shanghaiYearMonth(now: number): { year: number; month: number } {
  const date = formatInstant(new Date(now));
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

/**
 * The banner text: provisional open deadlines first (they affect cases now), then — from 1 November — a
 * next year without data.
 */
export function calendarWarning(openProvisional: number, provisionalYears: number[], nextYearMissing: number | null): string | null {
  const parts: string[] = [];
  if (openProvisional > 0) {
    parts.push(
      `有${openProvisional}个在办期限为暂定：${provisionalYears.join('、')}年节假日安排尚未导入，暂按周一至周五、扣除法定节日计算。` +
        `国务院通知公布后请导入，期限将自动重算。`,
    );
  }
  if (nextYearMissing !== null && !provisionalYears.includes(nextYearMissing)) {
    parts.push(`${nextYearMissing}年节假日安排尚未导入：跨入${nextYearMissing}年的办理期限将暂按周一至周五、扣除法定节日计算。国务院通知公布后请及时导入。`);
  }
  return parts.length > 0 ? parts.join('') : null;
}

/** The calendar status at `now` (engine-clock epoch ms) for the open cases' `deadlines`. */
export function calendarStatus(calendar: BusinessCalendar, deadlines: readonly OpenDeadline[], now: number): CalendarStatus {
  const coveredYears = calendar.coveredYears();
  const years = coveredYears.map((year): CalendarYearView => {
    const entry = calendar.holidays.year(year)!;
    const view = (dates: Iterable<string>) => [...dates].sort().map((date) => ({ date, name: entry.names?.get(date) ?? '' }));
    return { year, source: sourceOf(entry.source), holidays: view(entry.holidays), workdays: view(entry.workdays) };
  });
  const provisionalYears = new Set<number>();
  const neededYears = new Set<number>();
  let openDeadlines = 0;
  for (const deadline of deadlines) {
    neededYears.add(deadline.dueYear);
    if (!deadline.provisional) continue;
    openDeadlines += 1;
    if (deadline.provisionalYear !== null) provisionalYears.add(deadline.provisionalYear);
  }
  const { year, month } = shanghaiYearMonth(now);
  const nextYear = year + 1;
  const missing = new Set<number>([...provisionalYears, ...[...neededYears].filter((needed) => !coveredYears.includes(needed))]);
  if (!coveredYears.includes(nextYear)) missing.add(nextYear);
  const sortedProvisional = [...provisionalYears].sort((a, b) => a - b);
  return {
    years,
    coveredYears,
    missingYears: [...missing].sort((a, b) => a - b),
    provisional: { openDeadlines, years: sortedProvisional },
    warning: calendarWarning(openDeadlines, sortedProvisional, month >= WARN_FROM_MONTH && !coveredYears.includes(nextYear) ? nextYear : null),
  };
}
