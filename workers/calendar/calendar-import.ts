/**
 * Importing a year: read the State Council notice, and — unless it is a dry run — write `<folder>/<year>.json`
 * atomically and reload every calendar in this process. The same steps serve `onego calendar import` and
 * the admin API, so both refuse the same things with the same words; nothing is written on any error.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { calendarFileText, type CalendarFile } from './calendar-file';
import { reloadCalendars } from './calendar-from-env';
import { monthGrids } from './month-grid';
import { readStateCouncilNotice, type NoticeError } from './state-council-notice';

/** What an import asks for. */
export interface CalendarImportRequest {
  year: number;
  /** The notice text as published. */
  text: string;
  /** The folder the year file is written to. */
  folder: string;
  /** Check and show, write nothing. */
  dryRun?: boolean;
}

/** What an import did. */
export type CalendarImportResult =
  | { ok: true; file: CalendarFile; grid: string; written: boolean; path: string; ignoredLines: number[] }
  | { ok: false; errors: NoticeError[] };

/** Years an import accepts: a State Council notice is published for the coming year, never for the far past. */
export function checkImportYear(year: unknown): string | null {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2004 || year > 2100) {
    return `年份应为2004至2100之间的整数，收到${JSON.stringify(year)}（the year must be a whole number from 2004 to 2100）`;
  }
  return null;
}

/** Reads, checks and (unless `dryRun`) writes one year. */
export function importCalendarYear(request: CalendarImportRequest): CalendarImportResult {
  const yearProblem = checkImportYear(request.year);
  if (yearProblem) return { ok: false, errors: [{ line: 0, text: String(request.year), reason: yearProblem }] };
  const reading = readStateCouncilNotice(request.text, request.year);
  if (!reading.ok) return { ok: false, errors: reading.errors };
  const target = path.join(request.folder, `${request.year}.json`);
  const result = { ok: true as const, file: reading.file, grid: monthGrids(reading.file), path: target, ignoredLines: reading.ignored.map((entry) => entry.line) };
  if (request.dryRun) return { ...result, written: false };
  mkdirSync(request.folder, { recursive: true });
  // Write beside, then rename: a reader never sees half a file, and a failed write leaves the old year.
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, calendarFileText(reading.file));
  renameSync(temporary, target);
  reloadCalendars(request.folder);
  return { ...result, written: true };
}
