/**
 * Office hours: the periods of a working day during which statutory time runs. Only these periods
 * count, so "0.5 working day" and "2 hours" mean office time, not clock time.
 */
import { bilingualError } from '../bilingual';

/** One office period of a day, in minutes since midnight (Shanghai wall time), end exclusive. */
export interface OfficePeriod {
  startMinute: number;
  endMinute: number;
}

/** Default office hours: 09:00–12:00 and 13:30–17:30, i.e. 420 minutes per working day. */
export const DEFAULT_OFFICE_HOURS = '09:00-12:00,13:30-17:30';

function minuteOf(text: string, whole: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const hours = match ? Number(match[1]) : NaN;
  const minutes = match ? Number(match[2]) : NaN;
  if (!match || minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) {
    throw bilingualError(`办公时间须写成「${DEFAULT_OFFICE_HOURS}」这样的格式，「${whole}」中的「${text.trim()}」不是时刻（HH:MM）`, `Expected office hours like '${DEFAULT_OFFICE_HOURS}', but '${text.trim()}' in '${whole}' is not a time of day (HH:MM)`);
  }
  return hours * 60 + minutes;
}

/**
 * Reads office hours written as comma-separated `HH:MM-HH:MM` periods in day order, e.g.
 * `09:00-12:00,13:30-17:30`. Periods must be non-empty, ordered and must not overlap.
 */
export function parseOfficeHours(text: string): OfficePeriod[] {
  const periods = text
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const bounds = part.split('-');
      if (bounds.length !== 2) throw bilingualError(`办公时段须写成 HH:MM-HH:MM，「${text}」中的是「${part.trim()}」`, `Expected an office period as HH:MM-HH:MM, but got '${part.trim()}' in '${text}'`);
      return { startMinute: minuteOf(bounds[0]!, text), endMinute: minuteOf(bounds[1]!, text) };
    });
  if (periods.length === 0) throw bilingualError(`办公时间至少须有一个时段，收到的是「${text}」`, `Expected at least one office period, but got '${text}'`);
  let previousEnd = 0;
  for (const period of periods) {
    if (period.endMinute <= period.startMinute) {
      throw bilingualError(`每个办公时段须先开始后结束，「${text}」中有结束不晚于开始的时段`, `Expected each office period to end after it starts, but '${text}' has one that does not`);
    }
    if (period.startMinute < previousEnd) {
      throw bilingualError(`办公时段须按时间先后排列且互不重叠，「${text}」有重叠或顺序颠倒`, `Expected office periods in day order without overlap, but '${text}' overlaps or is out of order`);
    }
    previousEnd = period.endMinute;
  }
  return periods;
}

/** Office minutes in one working day (420 for the default hours). */
export function minutesPerWorkingDay(periods: readonly OfficePeriod[]): number {
  return periods.reduce((sum, period) => sum + period.endMinute - period.startMinute, 0);
}
