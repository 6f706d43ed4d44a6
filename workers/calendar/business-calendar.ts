/**
 * The business calendar: office time on statutory working days, Asia/Shanghai. Pure — it never reads
 * the system clock; every "now" comes from the caller (the engine clock, through `=now()` in the model).
 */
import { HolidayTable } from './holiday-table';
import { DEFAULT_OFFICE_HOURS, minutesPerWorkingDay, parseOfficeHours, type OfficePeriod } from './office-hours';
import { DAY_MS, dayOfKey, instantAt, parseInstant, shanghaiPositionOf, type DayNumber, type InstantInput } from './shanghai-time';
import { bilingualError } from '../bilingual';

/** Options for {@link BusinessCalendar}. */
export interface BusinessCalendarOptions {
  /** Office hours as text (`09:00-12:00,13:30-17:30`) or parsed periods. */
  officeHours?: string | readonly OfficePeriod[];
  /** The working-day table; defaults to the bundled `chinese-days` data (uncovered years count Monday–Friday, reported). */
  holidays?: HolidayTable;
}

// A walk that finds no office time within ten years has a broken holiday table, not a long deadline.
const MAX_DAYS_WALKED = 3660;

const MINUTE_MS = 60_000;

/**
 * Counts office time on Chinese working days.
 *
 * @example
 * const calendar = new BusinessCalendar();
 * calendar.addWorkingDays('2025-09-30T16:00:00+08:00', 1); // 2025-10-09T16:00:00+08:00 (National Day)
 */
export class BusinessCalendar {
  /** Office periods of a working day, in day order. */
  readonly officePeriods: readonly OfficePeriod[];
  /** Office minutes in one working day (420 by default). */
  readonly minutesPerWorkingDay: number;
  /** The working-day table this calendar counts on. */
  readonly holidays: HolidayTable;

  constructor(options: BusinessCalendarOptions = {}) {
    const hours = options.officeHours ?? DEFAULT_OFFICE_HOURS;
    this.officePeriods = typeof hours === 'string' ? parseOfficeHours(hours) : [...hours];
    this.minutesPerWorkingDay = minutesPerWorkingDay(this.officePeriods);
    this.holidays = options.holidays ?? new HolidayTable();
  }

  /** Years with published holiday data. */
  coveredYears(): number[] {
    return this.holidays.coveredYears();
  }

  /**
   * Runs `compute` (calls on this calendar) and returns its value with the years without holiday data it
   * counted in: a non-empty list means the value is provisional (暂定).
   */
  provisionally<T>(compute: () => T): { value: T; uncoveredYears: number[] } {
    return this.holidays.collectUncoveredYears(compute);
  }

  /**
   * Whether a day is a working day: a `YYYY-MM-DD` date, or the Shanghai day an instant falls on.
   * A year without holiday data counts Monday–Friday (see {@link provisionally}).
   */
  isWorkingDay(date: InstantInput): boolean {
    const day = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? dayOfKey(date) : shanghaiPositionOf(parseInstant(date)).day;
    return this.holidays.isWorkingDay(day);
  }

  /**
   * The instant after `minutes` of office time have passed from `instant`. Outside office hours the
   * count starts at the next office opening; a result at the end of a period stays there (12:00,
   * 17:30) rather than jumping to the next opening. Zero minutes gives the next moment of office time.
   */
  addWorkingMinutes(instant: InstantInput, minutes: number): Date {
    if (!Number.isFinite(minutes) || minutes < 0) {
      throw bilingualError(`工作分钟数须为不小于 0 的有限数，收到的是 ${minutes}`, `Expected a finite, non-negative number of working minutes, but got ${minutes}`);
    }
    let remaining = Math.round(minutes * MINUTE_MS);
    const start = shanghaiPositionOf(parseInstant(instant));
    let msOfDay = start.msOfDay;
    for (let day: DayNumber = start.day, walked = 0; walked <= MAX_DAYS_WALKED; day += 1, walked += 1, msOfDay = 0) {
      if (!this.holidays.isWorkingDay(day)) continue;
      for (const period of this.officePeriods) {
        const periodEnd = period.endMinute * MINUTE_MS;
        if (periodEnd <= msOfDay) continue;
        const from = Math.max(msOfDay, period.startMinute * MINUTE_MS);
        const available = periodEnd - from;
        if (remaining <= available) return instantAt(day, from + remaining);
        remaining -= available;
      }
    }
    throw bilingualError(`自 ${String(instant)} 起 ${MAX_DAYS_WALKED} 天内日历中没有任何办公时间，请检查办公时间和节假日设置`, `Expected to find office time within ${MAX_DAYS_WALKED} days of ${String(instant)}, but the calendar has none`);
  }

  /** Like {@link addWorkingMinutes} in working days; fractions count office time (0.5 WD = 210 min by default). */
  addWorkingDays(instant: InstantInput, days: number): Date {
    if (!Number.isFinite(days) || days < 0) throw bilingualError(`工作日数须为不小于 0 的有限数，收到的是 ${days}`, `Expected a finite, non-negative number of working days, but got ${days}`);
    return this.addWorkingMinutes(instant, days * this.minutesPerWorkingDay);
  }

  /** Like {@link addWorkingMinutes} in office hours (2 hours = 120 office minutes). */
  addWorkingHours(instant: InstantInput, hours: number): Date {
    if (!Number.isFinite(hours) || hours < 0) throw bilingualError(`工作小时数须为不小于 0 的有限数，收到的是 ${hours}`, `Expected a finite, non-negative number of working hours, but got ${hours}`);
    return this.addWorkingMinutes(instant, hours * 60);
  }

  /** Office minutes between two instants; negative when `to` is before `from`. */
  workingMinutesBetween(from: InstantInput, to: InstantInput): number {
    const a = parseInstant(from);
    const b = parseInstant(to);
    if (b.getTime() < a.getTime()) return -this.workingMinutesBetween(b, a);
    const first = shanghaiPositionOf(a);
    const last = shanghaiPositionOf(b);
    let total = 0;
    for (let day = first.day; day <= last.day; day += 1) {
      if (!this.holidays.isWorkingDay(day)) continue;
      const low = day === first.day ? first.msOfDay : 0;
      const high = day === last.day ? last.msOfDay : DAY_MS;
      for (const period of this.officePeriods) {
        const overlap = Math.min(high, period.endMinute * MINUTE_MS) - Math.max(low, period.startMinute * MINUTE_MS);
        if (overlap > 0) total += overlap;
      }
    }
    return total / MINUTE_MS;
  }
}
