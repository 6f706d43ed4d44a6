/**
 * Picks the notification channel from the configuration:
 * - `ONEGO_NOTIFY_CHANNEL` — `log` or `webhook`; default `webhook` when a URL is set, else `log`;
 * - `ONEGO_NOTIFY_WEBHOOK_URL` — where the webhook channel posts;
 * - `ONEGO_NOTIFY_TIMEOUT_MS` — how long the webhook may take (default 5000).
 */
import type { WorkerConfig, WorkerLogger } from '../define-worker';
import { createLogChannel } from './log-channel';
import type { NotificationChannel } from './notification';
import { createWebhookChannel } from './webhook-channel';
import { bilingualError } from '../bilingual';

/** The configured channel; refuses an unknown channel name or a webhook without a URL. */
export function resolveNotificationChannel(config: WorkerConfig, log: WorkerLogger): NotificationChannel {
  const url = config.env.ONEGO_NOTIFY_WEBHOOK_URL?.trim() || undefined;
  const name = config.env.ONEGO_NOTIFY_CHANNEL?.trim() || (url ? 'webhook' : 'log');
  if (name === 'log') return createLogChannel(log);
  if (name !== 'webhook') throw bilingualError(`设置 ONEGO_NOTIFY_CHANNEL 须为 log 或 webhook，收到的是「${name}」`, `Expected ONEGO_NOTIFY_CHANNEL to be 'log' or 'webhook', but got '${name}'`);
  if (!url) throw bilingualError('ONEGO_NOTIFY_CHANNEL=webhook 时须设置 ONEGO_NOTIFY_WEBHOOK_URL，目前为空', `Expected ONEGO_NOTIFY_WEBHOOK_URL to be set for ONEGO_NOTIFY_CHANNEL=webhook, but it is empty`);
  const timeoutText = config.env.ONEGO_NOTIFY_TIMEOUT_MS?.trim();
  const timeoutMs = timeoutText ? Number(timeoutText) : undefined;
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw bilingualError(`设置 ONEGO_NOTIFY_TIMEOUT_MS 须为正整数（毫秒），收到的是「${timeoutText}」`, `Expected ONEGO_NOTIFY_TIMEOUT_MS to be a positive whole number of milliseconds, but got '${timeoutText}'`);
  }
  return createWebhookChannel({ url, timeoutMs });
}
