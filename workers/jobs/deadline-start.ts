/**
 * `deadline-start`: starts a statutory clock. The model passes the limit in working days or office
 * hours and `startedAt = =now()` (the engine clock); the worker answers the `deadline` object whose
 * `warnAt`/`dueAt` the model's non-interrupting timers use. Map it with `deadline_<name> = =deadline`.
 */
import { number, object } from 'yup';
import { calendarFromEnv } from '../calendar';
import { defineWorker } from '../define-worker';
import { deadlineName, deadlineSchema, isoInstant, startDeadline, warnRuleFromEnv } from '../lights';

// A FEEL mapping of a missing variable yields null, so null means "not given" for the optional inputs.
const input = object({
  deadlineName: deadlineName().required(),
  limitWorkingDays: number().positive().nullable(),
  limitWorkingHours: number().positive().nullable(),
  startedAt: isoInstant().required(),
  consumedWorkingMinutes: number().min(0).nullable(),
}).test('one-limit', 'exactly one of limitWorkingDays and limitWorkingHours must be given (工作日时限与工作小时时限须给出且只给出一个)', (value) => {
  const days = value.limitWorkingDays ?? undefined;
  const hours = value.limitWorkingHours ?? undefined;
  return (days === undefined) !== (hours === undefined);
});

export default defineWorker({
  type: 'deadline-start',
  description: 'Starts a deadline: dueAt and warnAt in office time on Chinese working days',
  input,
  output: object({ deadline: deadlineSchema.required() }),
  async handle(variables, { config, log }) {
    const calendar = calendarFromEnv(config.env, (message) => log.warn(message));
    const limitWorkingMinutes =
      variables.limitWorkingDays != null ? variables.limitWorkingDays * calendar.minutesPerWorkingDay : variables.limitWorkingHours! * 60;
    const deadline = startDeadline(
      {
        name: variables.deadlineName,
        limitWorkingMinutes,
        startedAt: variables.startedAt,
        consumedWorkingMinutes: variables.consumedWorkingMinutes ?? 0,
      },
      calendar,
      warnRuleFromEnv(config.env),
    );
    log.info(`deadline ${deadline.name} started`, { warnAt: deadline.warnAt, dueAt: deadline.dueAt });
    return { deadline };
  },
});
