/**
 * Notifications for the lights: a yellow reminder or a red alert, composed once and sent through a
 * pluggable channel (the log, or an HTTP webhook). Nothing here pretends to send SMS.
 *
 * @example
 * const channel = resolveNotificationChannel(config, log); // webhook when ONEGO_NOTIFY_WEBHOOK_URL is set
 * await channel.send(composeNotification({ light: 'yellow', deadline, caseId, caseTitle, recipientGroup }));
 */
export { composeNotification, type Notification, type NotificationChannel, type SentNotification, type LightAlert } from './notification';
export { createLogChannel } from './log-channel';
export { createWebhookChannel, type WebhookChannelOptions, type WebhookBody } from './webhook-channel';
export { resolveNotificationChannel } from './resolve-channel';
