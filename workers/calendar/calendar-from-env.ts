/**
 * The calendar a worker (and the apps) use, built from the configuration. Settings:
 * - `ONEGO_OFFICE_HOURS` — office periods, default `09:00-12:00,13:30-17:30` (Asia/Shanghai);
 * - `ONEGO_CALENDAR_DIRS` — folders of `<year>.json` files read after the repository's `calendars/`
 *   (`onego start` adds `<data>/calendars`, where imports through the admin API go);
 * - `ONEGO_HOLIDAY_FILE` — the older single-file format (see `holiday-file.ts`), read last.
 * Years without data count Monday–Friday and make deadlines provisional (no setting refuses them any more).
 */
import path from 'node:path';
import { BusinessCalendar } from './business-calendar';
import { calendarFoldersOf, loadCalendarFolders } from './calendar-folders';
import { loadHolidayFile, type HolidayYear } from './holiday-file';
import { HolidayTable } from './holiday-table';

const cache = new Map<string, { calendar: BusinessCalendar; table: HolidayTable; folders: string[]; load: () => Map<number, HolidayYear> }>();

function settingsOf(env: Record<string, string | undefined>) {
  const holidayFile = env.ONEGO_HOLIDAY_FILE?.trim() || undefined;
  const officeHours = env.ONEGO_OFFICE_HOURS?.trim() || undefined;
  const folders = calendarFoldersOf(env);
  return { holidayFile, officeHours, folders, key: JSON.stringify([holidayFile, officeHours, folders]) };
}

/**
 * The calendar for an environment, built once per distinct setting; {@link reloadCalendars} re-reads its
 * files in place, so every holder (workers, apps) sees an import at once. `warn` receives uncovered-year notes.
 */
export function calendarFromEnv(env: Record<string, string | undefined>, warn: (message: string) => void = console.warn): BusinessCalendar {
  const settings = settingsOf(env);
  let entry = cache.get(settings.key);
  if (!entry) {
    const load = () => {
      const years = loadCalendarFolders(settings.folders);
      if (settings.holidayFile) for (const [year, data] of loadHolidayFile(settings.holidayFile)) years.set(year, data);
      return years;
    };
    const table = new HolidayTable({ extraYears: load(), extraSource: [...settings.folders, settings.holidayFile].filter(Boolean).join(', '), warn });
    entry = { calendar: new BusinessCalendar({ officeHours: settings.officeHours, holidays: table }), table, folders: settings.folders, load };
    cache.set(settings.key, entry);
  }
  return entry.calendar;
}

/**
 * Re-reads the calendar files of the calendars built so far that read `folder` (all when no folder is
 * given), after an import. Every selected file is read before any calendar changes, so a broken file
 * throws and leaves the calendars as they were.
 */
export function reloadCalendars(folder?: string): void {
  const wanted = folder === undefined ? undefined : path.resolve(folder);
  const selected = [...cache.values()].filter((entry) => wanted === undefined || entry.folders.includes(wanted));
  const loaded = selected.map((entry) => [entry, entry.load()] as const);
  for (const [entry, years] of loaded) entry.table.reload(years);
}

/** Re-reads the files of the calendar an environment uses (a worker process learning of an import). */
export function reloadCalendarOf(env: Record<string, string | undefined>): void {
  const entry = cache.get(settingsOf(env).key);
  if (entry) entry.table.reload(entry.load());
}
