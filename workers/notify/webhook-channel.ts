/**
 * The HTTP webhook channel: POSTs each notification as JSON to a URL (a messaging gateway, a chat bot
 * bridge). Anything but a 2xx answer, or no answer within the timeout, is a RetryableFailure.
 */
import { randomUUID } from 'node:crypto';
import { formatInstant } from '../calendar';
import { RetryableFailure } from '../define-worker';
import type { Notification, NotificationChannel, SentNotification } from './notification';
import { bilingualError } from '../bilingual';

/** Options for {@link createWebhookChannel}. */
export interface WebhookChannelOptions {
  url: string;
  /** How long to wait for the answer (ms); default 5000. */
  timeoutMs?: number;
  now?: () => Date;
}

/**
 * The JSON body posted: `{ id, sentAt, notification }`. The id lets the receiver drop duplicates when a
 * retried job posts the same alert again.
 */
export interface WebhookBody {
  id: string;
  sentAt: string;
  notification: Notification;
}

/** A channel posting to `url`; refuses a URL that is not http(s). */
export function createWebhookChannel(options: WebhookChannelOptions): NotificationChannel {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw bilingualError(`设置 ONEGO_NOTIFY_WEBHOOK_URL 须为 http(s) 网址，收到的是「${options.url}」`, `Expected ONEGO_NOTIFY_WEBHOOK_URL to be an http(s) URL, but got '${options.url}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw bilingualError(`设置 ONEGO_NOTIFY_WEBHOOK_URL 须为 http(s) 网址，收到的是「${options.url}」`, `Expected ONEGO_NOTIFY_WEBHOOK_URL to be an http(s) URL, but got '${options.url}'`);
  }
  const timeoutMs = options.timeoutMs ?? 5000;
  const now = options.now ?? (() => new Date());
  return {
    name: 'webhook',
    async send(notification: Notification): Promise<SentNotification> {
      const body: WebhookBody = { id: randomUUID(), sentAt: formatInstant(now()), notification };
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const cause = error instanceof Error && error.name === 'TimeoutError' ? `it did not answer within ${timeoutMs} ms` : describe(error);
        throw new RetryableFailure(`通知推送地址 ${url.origin}${url.pathname} 未能接收通知，将自动重试 / Expected the notification webhook ${url.origin}${url.pathname} to take the notification, but ${cause}`);
      }
      // Drain the body so the connection is released whatever the answer.
      await response.text().catch(() => '');
      if (!response.ok) {
        throw new RetryableFailure(
          `通知推送地址 ${url.origin}${url.pathname} 拒收通知（HTTP ${response.status}），将自动重试 / Expected the notification webhook ${url.origin}${url.pathname} to answer 2xx, but it answered ${response.status} ${response.statusText}`.trim(),
        );
      }
      return { id: body.id, channel: 'webhook', sentAt: body.sentAt };
    },
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ? `${error.message} (${cause.code})` : error.message;
}
