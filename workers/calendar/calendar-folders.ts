/**
 * Where holiday years are read from: the repository's reviewed `calendars/` folder, then each folder in
 * `ONEGO_CALENDAR_DIRS` (the running service's data folder keeps imported years in `<data>/calendars`).
 * A year in a later folder replaces the same year in an earlier one, and any file replaces `chinese-days`.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { holidayYearOf, readCalendarFile } from './calendar-file';
import type { HolidayYear } from './holiday-file';

/** The repository's reviewed calendar folder. */
export const repositoryCalendarFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../calendars');

/** The folders an environment reads, in override order: the repository's first. */
export function calendarFoldersOf(env: Record<string, string | undefined>): string[] {
  const extra = (env.ONEGO_CALENDAR_DIRS ?? '')
    .split(path.delimiter)
    .map((folder) => folder.trim())
    .filter(Boolean)
    .map((folder) => path.resolve(folder));
  return [repositoryCalendarFolder, ...extra.filter((folder) => folder !== repositoryCalendarFolder)];
}

/** Reads every `<year>.json` of the folders (missing folders are skipped); later folders win. */
export function loadCalendarFolders(folders: readonly string[]): Map<number, HolidayYear> {
  const years = new Map<number, HolidayYear>();
  for (const folder of folders) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).sort()) {
      const match = /^(\d{4})\.json$/.exec(name);
      if (!match) continue;
      const file = path.join(folder, name);
      years.set(Number(match[1]), holidayYearOf(readCalendarFile(file, Number(match[1])), file));
    }
  }
  return years;
}
