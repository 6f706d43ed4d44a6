/**
 * Office minutes between instants, for statistics over many cases: the same count as
 * `BusinessCalendar.workingMinutesBetween`, answered from a per-day running total of working minutes kept
 * for the span asked about, so each case costs two look-ups instead of a walk over its days.
 */
import type { BusinessCalendar } from '../../workers/calendar/business-calendar';
import { parseInstant, type InstantInput } from '../../workers/calendar/shanghai-time';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** A running total of office minutes per Shanghai day, grown on demand. */
export class WorkingTimeIndex {
  private firstDay = 0;
  /** totals[i]: office minutes on the days before `firstDay + i`. */
  private totals: number[] = [];

  constructor(private readonly calendar: BusinessCalendar) {}

  /** Office minutes from `from` to `to` (epoch ms); negative when `to` is before `from`. */
  minutesBetween(from: number, to: number): number {
    // Both days are covered first: growing the index backwards re-bases every total.
    this.cover(this.dayOf(from));
    this.cover(this.dayOf(to));
    return this.minutesBefore(to) - this.minutesBefore(from);
  }

  private dayOf(instant: number): number {
    return Math.floor((instant + SHANGHAI_OFFSET_MS) / DAY_MS);
  }

  /** Office minutes since the index's first day up to `instant`. */
  private minutesBefore(instant: number): number {
    const shifted = instant + SHANGHAI_OFFSET_MS;
    const day = Math.floor(shifted / DAY_MS);
    const msOfDay = shifted - day * DAY_MS;
    this.cover(day);
    const before = this.totals[day - this.firstDay];
    if (!this.calendar.holidays.isWorkingDay(day)) return before;
    let within = 0;
    for (const period of this.calendar.officePeriods) within += Math.max(0, Math.min(msOfDay, period.endMinute * MINUTE_MS) - period.startMinute * MINUTE_MS);
    return before + within / MINUTE_MS;
  }

  /** Make sure `totals` reaches `day` (and one past it), extending at either end. */
  private cover(day: number): void {
    if (this.totals.length === 0) {
      this.firstDay = day;
      this.totals = [0];
    }
    if (day < this.firstDay) {
      // Prepending days shifts every later total by their minutes; done once for the whole stretch.
      const earlier: number[] = [];
      let minutes = 0;
      for (let each = day; each < this.firstDay; each += 1) {
        earlier.push(minutes);
        minutes += this.minutesOn(each);
      }
      this.totals = [...earlier, ...this.totals.map((total) => total + minutes)];
      this.firstDay = day;
    }
    while (this.firstDay + this.totals.length - 1 < day) {
      const last = this.firstDay + this.totals.length - 1;
      this.totals.push(this.totals[this.totals.length - 1] + this.minutesOn(last));
    }
  }

  private minutesOn(day: number): number {
    return this.calendar.holidays.isWorkingDay(day) ? this.calendar.minutesPerWorkingDay : 0;
  }
}

/**
 * The calendar with its working-minute count answered from a fresh {@link WorkingTimeIndex}: the lights of
 * thousands of open cases (a dashboard, a board export) each need one such count, which walking the days would
 * make the slow part. Everything else is the calendar's own.
 */
export function indexedCalendar(calendar: BusinessCalendar): BusinessCalendar {
  const index = new WorkingTimeIndex(calendar);
  const fast = Object.create(calendar) as BusinessCalendar;
  fast.workingMinutesBetween = (from: InstantInput, to: InstantInput) => index.minutesBetween(parseInstant(from).getTime(), parseInstant(to).getTime());
  return fast;
}
