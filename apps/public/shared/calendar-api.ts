/**
 * The holiday calendar as `GET /v2/apps/calendar` answers it and `POST /v2/apps/calendar/import` takes a
 * State Council notice (the calendar helper's contract, `apps/api/calendar-routes.ts`).
 */
import { api } from './api';

/** One holiday or 调休 working day. */
export interface CalendarDay {
  /** `YYYY-MM-DD`. */
  date: string;
  name: string;
}

/** One year's arrangement. */
export interface CalendarYear {
  year: number;
  source: string;
  holidays: CalendarDay[];
  workdays: CalendarDay[];
}

/** The calendar in force. */
export interface CalendarOverview {
  years: CalendarYear[];
  coveredYears: number[];
  missingYears: number[];
  provisional: { openDeadlines: number; years: number[] };
  warning: string | null;
}

/** A notice's import (or its dry run). */
export interface CalendarImportResult {
  year: number;
  holidays: CalendarDay[];
  workdays: CalendarDay[];
  written: boolean;
  recomputedSignal: boolean | string | null;
}

/** One refused line of a notice. */
export interface NoticeLineError {
  line: number;
  text: string;
  reason: string;
}

/** The calendar in force. */
export function fetchCalendar(): Promise<CalendarOverview> {
  return api<CalendarOverview>('GET', '/apps/calendar', undefined, '查询节假日日历');
}

/** Parse (dry run) or import a notice text for `year`; a refused notice throws an ApiError whose `body` has the line errors. */
export function importNotice(year: number, text: string, dryRun: boolean): Promise<CalendarImportResult> {
  return api<CalendarImportResult>('POST', '/apps/calendar/import', { year, text, dryRun }, dryRun ? '预检公告' : '导入公告');
}
