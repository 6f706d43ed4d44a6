/**
 * The signal that tells every open case the calendar changed: each model catches it and reruns its
 * deadlines' arithmetic. Its variable `calendarUpdate` says which year and who imported it, so the
 * record stream (the audit trail) says why the deadlines moved.
 */

/** The signal's name, as the models' signal events name it. */
export const CALENDAR_UPDATED_SIGNAL = 'calendar-updated';

/** The signal's one variable. */
export interface CalendarUpdate {
  year: number;
  /** The person (username) who imported the year. */
  importedBy: string;
}
