/**
 * The business calendar: Chinese statutory working days (holidays and 调休) and office hours, Asia/Shanghai,
 * so limits such as "0.5 working day" or "2 hours" count office time. Pure: callers pass every instant.
 *
 * @example
 * import { BusinessCalendar, formatInstant } from '../calendar';
 * const calendar = new BusinessCalendar();
 * formatInstant(calendar.addWorkingDays('2025-09-30T16:00:00+08:00', 0.5)); // '2025-10-09T11:00:00+08:00'
 */
export { BusinessCalendar, type BusinessCalendarOptions } from './business-calendar';
export { HolidayTable, bundledHolidayYears, type HolidayTableOptions } from './holiday-table';
export { parseHolidayFile, loadHolidayFile, type HolidayYear } from './holiday-file';
export { parseOfficeHours, minutesPerWorkingDay, DEFAULT_OFFICE_HOURS, type OfficePeriod } from './office-hours';
export { parseInstant, formatInstant, type InstantInput } from './shanghai-time';
export { calendarFromEnv, reloadCalendars, reloadCalendarOf } from './calendar-from-env';
export { checkCalendarFile, holidayYearOf, calendarFileText, readCalendarFile, type CalendarFile, type CalendarDay } from './calendar-file';
export { calendarFoldersOf, loadCalendarFolders, repositoryCalendarFolder } from './calendar-folders';
export { readStateCouncilNotice, type NoticeError, type NoticeReading } from './state-council-notice';
export { monthGrids } from './month-grid';
export { importCalendarYear, checkImportYear, type CalendarImportRequest, type CalendarImportResult } from './calendar-import';
export { CALENDAR_UPDATED_SIGNAL, type CalendarUpdate } from './calendar-signal';
