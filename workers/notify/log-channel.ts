/** The log channel: writes each notification to the worker log. The default when no webhook is set. */
import { randomUUID } from 'node:crypto';
import { formatInstant } from '../calendar';
import type { WorkerLogger } from '../define-worker';
import type { Notification, NotificationChannel, SentNotification } from './notification';

/** A channel that only logs; `now` stamps `sentAt` (the wall clock by default). */
export function createLogChannel(log: WorkerLogger, now: () => Date = () => new Date()): NotificationChannel {
  return {
    name: 'log',
    async send(notification: Notification): Promise<SentNotification> {
      const id = randomUUID();
      log.info(notification.message, { notificationId: id, light: notification.light, caseId: notification.caseId, recipientGroup: notification.recipientGroup });
      return { id, channel: 'log', sentAt: formatInstant(now()) };
    },
  };
}
