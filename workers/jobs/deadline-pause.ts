/**
 * `deadline-pause`: stops a statutory clock while the applicant has the case (补正/整改): the office time
 * used so far is added to `consumedWorkingMinutes` and `pausedAt` is set.
 */
import { object } from 'yup';
import { calendarFromEnv } from '../calendar';
import { defineWorker } from '../define-worker';
import { deadlineSchema, isoInstant, pauseDeadline } from '../lights';

const input = object({
  deadline: deadlineSchema
    .required()
    .test('running', 'deadline must be running to be paused, but it is already paused (期限已暂停，不能再次暂停)', (deadline) => !deadline || deadline.pausedAt === null),
  pausedAt: isoInstant().required(),
});

export default defineWorker({
  type: 'deadline-pause',
  description: 'Pauses a deadline while the applicant corrects the application; the used office time is kept',
  input,
  output: object({ deadline: deadlineSchema.required() }),
  async handle({ deadline, pausedAt }, { config, log }) {
    const calendar = calendarFromEnv(config.env, (message) => log.warn(message));
    const paused = pauseDeadline(deadline, pausedAt, calendar);
    log.info(`deadline ${paused.name} paused`, { consumedWorkingMinutes: paused.consumedWorkingMinutes });
    return { deadline: paused };
  },
});
