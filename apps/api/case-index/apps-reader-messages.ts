/** The messages between the server and the apps' reader thread (`apps-reader.ts` ⇄ `apps-reader-thread.ts`). */
import type { HolidayYear, OfficePeriod } from '../../../workers/calendar';
import type { AppsReadName } from './apps-reads';

/** A calendar as plain data: its office periods and every covered year. */
export interface CalendarSpec {
  officePeriods: OfficePeriod[];
  years: [number, HolidayYear][];
}

/** A read by name with plain arguments; `calendar` when it changed since the last request. */
export interface AppsReadRequest {
  id: number;
  name: AppsReadName;
  args: unknown[];
  calendar?: CalendarSpec;
}

/** The answer (with the id of the thread that worked it out), or the error (an HTTP problem keeps its status). */
export type AppsReadReply =
  | { id: number; ok: true; value: unknown; threadId: number }
  | { id: number; ok: false; problem?: { status: number; title: string; detail: string }; message: string; threadId: number };
