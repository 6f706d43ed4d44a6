/**
 * Which days are working days: the statutory holidays and 调休 make-up days bundled by `chinese-days`
 * (2004–2026), overlaid with reviewed year files from `calendars/` folders. It knows which years it
 * covers, because `chinese-days` silently treats any later year as weekends-only. A day in a year nobody
 * has published counts Monday–Friday less the holidays the law fixes (statutory-holidays.ts: 元旦, 春节, 清明,
 * 劳动节, 端午, 中秋, 国庆节) and is *reported*: callers collect those years and mark what they computed as
 * provisional (暂定), because the bridging days and 调休 wait for the State Council's notice.
 */
import bundled from 'chinese-days/dist/chinese-days.json';
import type { HolidayYear } from './holiday-file';
import { REVISED_HOLIDAY_RULES_FROM, statutoryHolidays } from './statutory-holidays';
import { dayKeyOf, weekdayOf, yearOf, type DayNumber } from './shanghai-time';

interface BundledData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// chinese-days writes "English name,中文名,index"; the Chinese name is what people read.
function chineseName(label: string): string {
  return label.split(',')[1]?.trim() || label;
}

function bundledYears(): Map<number, HolidayYear> {
  const data = bundled as BundledData;
  const years = new Map<number, { holidays: Set<string>; workdays: Set<string>; names: Map<string, string>; source: string }>();
  const yearEntry = (key: string) => {
    const year = Number(key.slice(0, 4));
    let entry = years.get(year);
    if (!entry) years.set(year, (entry = { holidays: new Set(), workdays: new Set(), names: new Map(), source: 'chinese-days' }));
    return entry;
  };
  for (const [key, label] of Object.entries(data.holidays)) yearEntry(key).holidays.add(key), yearEntry(key).names.set(key, chineseName(label));
  for (const [key, label] of Object.entries(data.workdays)) yearEntry(key).workdays.add(key), yearEntry(key).names.set(key, chineseName(label));
  return years;
}

/** The years `chinese-days` bundles, keyed by year. */
export const bundledHolidayYears: ReadonlyMap<number, HolidayYear> = bundledYears();

/** Options for {@link HolidayTable}. */
export interface HolidayTableOptions {
  /** Years from calendar files; each replaces the bundled year of the same number. */
  extraYears?: ReadonlyMap<number, HolidayYear>;
  /** Name of where `extraYears` came from, for messages. */
  extraSource?: string;
  /** Receives one warning per uncovered year the first time a computation needs it. */
  warn?: (message: string) => void;
}

/** The statutory working-day table. */
export class HolidayTable {
  private years: Map<number, HolidayYear>;
  private readonly warnedYears = new Set<number>();
  // The holidays the law fixes, per uncovered year, computed when first needed.
  private readonly statutoryDays = new Map<number, ReadonlyMap<string, string>>();
  // Uncovered years met while a collection is open (see `collectUncoveredYears`); computations are synchronous.
  private collecting: Set<number> | null = null;

  constructor(private readonly options: HolidayTableOptions = {}) {
    this.years = new Map(bundledHolidayYears);
    for (const [year, entry] of options.extraYears ?? []) this.years.set(year, entry);
  }

  /** Years the table has published data for, ascending. */
  coveredYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  /** One covered year's arrangement, or undefined. */
  year(year: number): HolidayYear | undefined {
    return this.years.get(year);
  }

  /**
   * Replaces the overlay years (a reload after an import): the bundled years stay, `extraYears` replace
   * theirs. Swapped in one assignment, so a computation never sees half a reload.
   */
  reload(extraYears: ReadonlyMap<number, HolidayYear>): void {
    const years = new Map(bundledHolidayYears);
    for (const [year, entry] of extraYears) years.set(year, entry);
    this.years = years;
    for (const year of extraYears.keys()) this.warnedYears.delete(year);
  }

  /**
   * Runs `compute` and returns its value with the years without holiday data it counted in (ascending).
   * Those days counted Monday–Friday, so the value is provisional.
   */
  collectUncoveredYears<T>(compute: () => T): { value: T; uncoveredYears: number[] } {
    const outer = this.collecting;
    const years = new Set<number>();
    this.collecting = years;
    try {
      const value = compute();
      return { value, uncoveredYears: [...years].sort((a, b) => a - b) };
    } finally {
      this.collecting = outer;
      if (outer) for (const year of years) outer.add(year);
    }
  }

  /**
   * Whether a Shanghai day is a working day; a year without data counts Monday–Friday less the statutory
   * holidays, and is reported.
   */
  isWorkingDay(day: DayNumber): boolean {
    const year = yearOf(day);
    const entry = this.years.get(year);
    const key = dayKeyOf(day);
    const weekday = weekdayOf(day);
    if (!entry) {
      this.reportUncovered(year, key);
      return weekday >= 1 && weekday <= 5 && !this.statutoryHolidaysOf(year).has(key);
    }
    if (entry.workdays.has(key)) return true;
    if (entry.holidays.has(key)) return false;
    return weekday >= 1 && weekday <= 5;
  }

  /** The holidays the law fixes in an uncovered year (none before the revised rules: those years are published). */
  statutoryHolidaysOf(year: number): ReadonlyMap<string, string> {
    if (year < REVISED_HOLIDAY_RULES_FROM) return new Map();
    let days = this.statutoryDays.get(year);
    if (!days) this.statutoryDays.set(year, (days = statutoryHolidays(year)));
    return days;
  }

  private reportUncovered(year: number, key: string): void {
    this.collecting?.add(year);
    if (this.warnedYears.has(year)) return;
    this.warnedYears.add(year);
    const covered = this.coveredYears();
    this.options.warn?.(
      `The holiday calendar has no data for ${year} (needed for ${key}; it covers ${covered[0]}–${covered[covered.length - 1]}` +
        `${this.options.extraSource ? `, with ${this.options.extraSource}` : ''}): counting Monday–Friday less the holidays the law fixes (元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆节) and marking the deadline provisional` +
        ` (期限暂定) until the year is imported with \`onego calendar import ${year} <notice.txt>\``,
    );
  }
}
