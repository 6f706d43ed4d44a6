/**
 * `light-notify`: the yellow reminder to the assignee or candidate group, or the red alert, sent through
 * the configured channel (log, or the HTTP webhook at `ONEGO_NOTIFY_WEBHOOK_URL`).
 */
import { object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { deadlineSchema } from '../lights';
import { composeNotification, resolveNotificationChannel } from '../notify';

const input = object({
  light: string().oneOf(['yellow', 'red'] as const).required(),
  deadline: deadlineSchema.required(),
  caseId: string().required(),
  caseTitle: string().required(),
  recipientGroup: string().required(),
  assignee: string().nullable(),
});

export default defineWorker({
  type: 'light-notify',
  description: 'Sends the yellow or red light alert through the configured notification channel',
  input,
  output: object({
    notification: object({ id: string().required(), channel: string().required(), sentAt: string().required() }).required(),
  }),
  async handle(alert, { config, log }) {
    const channel = resolveNotificationChannel(config, log);
    const notification = await channel.send(composeNotification(alert));
    return { notification };
  },
});
