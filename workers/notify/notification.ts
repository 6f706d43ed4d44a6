/**
 * What a light tells people: the yellow reminder to the assignee or group, the red alert that the step
 * is overdue and under supervision. Composed once, then handed to whichever channel is configured.
 */
import type { Deadline } from '../lights';

/** A light alert, ready to send. */
export interface Notification {
  light: 'yellow' | 'red';
  caseId: string;
  caseTitle: string;
  deadlineName: string;
  dueAt: string;
  warnAt: string;
  /** The candidate group to tell. */
  recipientGroup: string;
  /** The person working on the task, when there is one. */
  assignee?: string;
  /** The text shown to people (Chinese). */
  message: string;
}

/** What a channel reports after sending. */
export interface SentNotification {
  id: string;
  channel: string;
  sentAt: string;
}

/** Where notifications go: a log, a webhook, later perhaps a real messaging platform. */
export interface NotificationChannel {
  readonly name: string;
  /** Sends one notification; throws a RetryableFailure when the far side cannot take it now. */
  send(notification: Notification): Promise<SentNotification>;
}

// "2025-10-11T17:30:00+08:00" → "2025-10-11 17:30": what people read on a message.
function readable(instant: string): string {
  return instant.slice(0, 16).replace('T', ' ');
}

/** What composing a notification needs. */
export interface LightAlert {
  light: 'yellow' | 'red';
  deadline: Deadline;
  caseId: string;
  caseTitle: string;
  recipientGroup: string;
  assignee?: string | null;
}

/** Builds the notification, with the message people read. */
export function composeNotification(alert: LightAlert): Notification {
  const who = alert.assignee ? `${alert.assignee}（${alert.recipientGroup}）` : alert.recipientGroup;
  const message =
    alert.light === 'yellow'
      ? `【黄灯提醒】${who}：案件“${alert.caseTitle}”（${alert.caseId}）的办理时限“${alert.deadline.name}”将于 ${readable(alert.deadline.dueAt)} 到期，请抓紧办理。`
      : `【红灯督办】${who}：案件“${alert.caseTitle}”（${alert.caseId}）的办理时限“${alert.deadline.name}”已于 ${readable(alert.deadline.dueAt)} 超期，已转督办并记入电子监察。`;
  return {
    light: alert.light,
    caseId: alert.caseId,
    caseTitle: alert.caseTitle,
    deadlineName: alert.deadline.name,
    dueAt: alert.deadline.dueAt,
    warnAt: alert.deadline.warnAt,
    recipientGroup: alert.recipientGroup,
    ...(alert.assignee ? { assignee: alert.assignee } : {}),
    message,
  };
}
