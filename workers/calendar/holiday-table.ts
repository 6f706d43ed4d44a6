/**
 * Which days are working days: the statutory holidays and 调休 make-up days bundled by `chinese-days`,
 * overlaid with years from a holiday file. It knows which years it covers, because `chinese-days`
 * silently treats any later year as weekends-only — which would quietly shift every deadline.
 */
import bundled from 'chinese-days/dist/chinese-days.json';
import type { HolidayYear } from './holiday-file';
import { dayKeyOf, weekdayOf, yearOf, type DayNumber } from './shanghai-time';

/** What to do with a day in a year nobody has published holidays for. */
export type UncoveredYearPolicy =
  /** Throw: no deadline is computed on a guess. The default. */
  | 'refuse'
  /** Count Monday–Friday as working days and report a warning once per year. */
  | 'weekends-only';

interface BundledData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function bundledYears(): Map<number, HolidayYear> {
  const data = bundled as BundledData;
  const years = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();
  const yearEntry = (key: string) => {
    const year = Number(key.slice(0, 4));
    let entry = years.get(year);
    if (!entry) years.set(year, (entry = { holidays: new Set(), workdays: new Set() }));
    return entry;
  };
  for (const key of Object.keys(data.holidays)) yearEntry(key).holidays.add(key);
  for (const key of Object.keys(data.workdays)) yearEntry(key).workdays.add(key);
  return years;
}

const bundledHolidayYears = bundledYears();

/** Options for {@link HolidayTable}. */
export interface HolidayTableOptions {
  /** Years from a holiday file; each replaces the bundled year of the same number. */
  extraYears?: ReadonlyMap<number, HolidayYear>;
  /** Name of where `extraYears` came from, for messages. */
  extraSource?: string;
  uncoveredYears?: UncoveredYearPolicy;
  /** Receives the warning for an uncovered year under the `weekends-only` policy. */
  warn?: (message: string) => void;
}

/** The statutory working-day table. */
export class HolidayTable {
  private readonly years: Map<number, HolidayYear>;
  private readonly warnedYears = new Set<number>();

  constructor(private readonly options: HolidayTableOptions = {}) {
    this.years = new Map(bundledHolidayYears);
    for (const [year, entry] of options.extraYears ?? []) this.years.set(year, entry);
  }

  /** Years the table has published data for, ascending. */
  coveredYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  /** Whether a Shanghai day is a working day; refuses (or warns about) years without data. */
  isWorkingDay(day: DayNumber): boolean {
    const year = yearOf(day);
    const entry = this.years.get(year);
    const key = dayKeyOf(day);
    if (!entry) {
      this.reportUncovered(year, key);
      const weekday = weekdayOf(day);
      return weekday >= 1 && weekday <= 5;
    }
    if (entry.workdays.has(key)) return true;
    if (entry.holidays.has(key)) return false;
    const weekday = weekdayOf(day);
    return weekday >= 1 && weekday <= 5;
  }

  private reportUncovered(year: number, key: string): void {
    const covered = this.coveredYears();
    const range = `${covered[0]}–${covered[covered.length - 1]}`;
    const message =
      `Expected the holiday calendar to cover ${year} (needed for ${key}), but it covers only ${range}` +
      ` (chinese-days${this.options.extraSource ? ` + ${this.options.extraSource}` : ''});` +
      ` add ${year} to a holiday file named by ONEGO_HOLIDAY_FILE`;
    if ((this.options.uncoveredYears ?? 'refuse') === 'refuse') throw new Error(message);
    if (!this.warnedYears.has(year)) {
      this.warnedYears.add(year);
      this.options.warn?.(`${message}; counting Monday–Friday as working days for now (ONEGO_HOLIDAY_UNCOVERED=weekends-only)`);
    }
  }
}
