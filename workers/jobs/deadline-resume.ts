/**
 * `deadline-resume`: restarts a paused clock at `resumedAt` with the remaining office time; `warnAt`
 * and `dueAt` are recomputed, and the model re-enters the timed subprocess to recreate its timers.
 */
import { object } from 'yup';
import { calendarFromEnv } from '../calendar';
import { defineWorker } from '../define-worker';
import { deadlineSchema, isoInstant, resumeDeadline, warnRuleFromEnv } from '../lights';

const input = object({
  deadline: deadlineSchema
    .required()
    .test('paused', 'deadline must be paused to be resumed, but its clock is running (期限未暂停，无法恢复计时)', (deadline) => !deadline || deadline.pausedAt !== null),
  resumedAt: isoInstant().required(),
});

export default defineWorker({
  type: 'deadline-resume',
  description: 'Resumes a paused deadline with its remaining office time',
  input,
  output: object({ deadline: deadlineSchema.required() }),
  async handle({ deadline, resumedAt }, { config, log }) {
    const calendar = calendarFromEnv(config.env, (message) => log.warn(message));
    const resumed = resumeDeadline(deadline, resumedAt, calendar, warnRuleFromEnv(config.env));
    log.info(`deadline ${resumed.name} resumed`, { warnAt: resumed.warnAt, dueAt: resumed.dueAt });
    return { deadline: resumed };
  },
});
