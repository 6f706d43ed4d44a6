/**
 * `evaluation-rating-window`: when the applicant's time to rate a finished service (好差评) ends — a number of
 * working days after the invitation, on the working-day calendar (holidays off, make-up working days on). This
 * is the applicant's window, not a staff clock, so it is no `deadline_<name>`: no lights, no 督办.
 * Run again after a holiday year was imported (signal `calendar-updated`, variable `calendarUpdate`), it re-reads
 * the calendar files first and says why the window was recomputed.
 */
import { boolean, number, object, string } from 'yup';
import { calendarFromEnv, formatInstant, reloadCalendarOf } from '../calendar';
import { defineWorker } from '../define-worker';
import { isoInstant } from '../lights';

export default defineWorker({
  type: 'evaluation-rating-window',
  description: 'Computes when the applicant’s time to rate (好差评) ends, in working days on the working-day calendar',
  input: object({
    ratingWorkingDays: number().positive('ratingWorkingDays must be a positive number of working days (评价期限须为正的工作日数)').required(),
    invitedAt: isoInstant().required(),
    // The calendar-updated signal's variable; null on the first computation.
    calendarUpdate: object({ year: number().integer().required(), importedBy: string().required() }).nullable().default(null),
  }),
  output: object({
    ratingWindow: object({
      workingDays: number().required(),
      opensAt: string().required(),
      closesAt: string().required(),
      provisional: boolean().required(),
      recomputedBecause: string().nullable().defined(),
    }).required(),
  }),
  async handle(input, { config, log }) {
    const calendar = calendarFromEnv(config.env, (message) => log.warn(message));
    // A worker process apart from the service that imported the year reads the calendar files again.
    if (input.calendarUpdate) reloadCalendarOf(config.env);
    // A year without holiday data yet is counted on weekends only and marked provisional, as deadlines are.
    const { value: closesAt, uncoveredYears } = calendar.provisionally(() => calendar.addWorkingDays(input.invitedAt, input.ratingWorkingDays));
    return {
      ratingWindow: {
        workingDays: input.ratingWorkingDays,
        opensAt: formatInstant(input.invitedAt),
        closesAt: formatInstant(closesAt),
        provisional: uncoveredYears.length > 0,
        recomputedBecause: input.calendarUpdate ? `${input.calendarUpdate.year}年节假日安排由${input.calendarUpdate.importedBy}导入后重算` : null,
      },
    };
  },
});
