/**
 * `deadline-recompute`: after a holiday year was imported or corrected (signal `calendar-updated`), reruns
 * a running deadline's arithmetic on the calendar in force — same start, same consumed time — and says
 * whether `warnAt`, `dueAt` or the provisional flag moved, so the model re-arms its light timers. The
 * reason (year and importer) is kept in the deadline (`recomputedBecause`), so the record stream says why.
 */
import { number, object, string, boolean } from 'yup';
import { calendarFromEnv, reloadCalendarOf } from '../calendar';
import { defineWorker } from '../define-worker';
import { deadlineMoved, deadlineSchema, recomputeDeadline, warnRuleFromEnv } from '../lights';

const input = object({
  deadline: deadlineSchema.required(),
  // The signal's variable; null when the signal came without it (e.g. broadcast by hand).
  calendarUpdate: object({ year: number().integer().required(), importedBy: string().required() }).nullable().default(null),
});

export default defineWorker({
  type: 'deadline-recompute',
  description: 'Recomputes a running deadline after the holiday calendar changed; tells the model whether to re-arm its lights',
  input,
  output: object({ deadline: deadlineSchema.required(), deadlineMoved: boolean().required() }),
  async handle({ deadline, calendarUpdate }, { config, log }) {
    // A worker process apart from the service that imported the year reads the calendar files again.
    const calendar = calendarFromEnv(config.env, (message) => log.warn(message));
    reloadCalendarOf(config.env);
    const because = calendarUpdate ? `${calendarUpdate.year}年节假日安排由${calendarUpdate.importedBy}导入后重算` : '节假日安排更新后重算';
    const recomputed = recomputeDeadline(deadline, calendar, warnRuleFromEnv(config.env), because);
    const moved = deadlineMoved(deadline, recomputed);
    log.info(`deadline ${deadline.name} ${moved ? 'moved' : 'unchanged'}`, { warnAt: recomputed.warnAt, dueAt: recomputed.dueAt, provisional: recomputed.provisional });
    return { deadline: moved ? recomputed : deadline, deadlineMoved: moved };
  },
});
