import { expect } from 'chai';
import { BusinessCalendar } from '../../../workers/calendar';
import { DEFAULT_WARN_RULE, startDeadline } from '../../../workers/lights';
import { composeNotification, resolveNotificationChannel } from '../../../workers/notify';

const log = (lines: string[]) => ({ info: (message: string) => lines.push(message), warn: (message: string) => lines.push(`WARN ${message}`) });
const config = (env: Record<string, string>) => ({ env, random: () => 0.5 });

describe('choosing the notification channel', () => {
  it('logs when no webhook is configured, with the red alert text', async () => {
    const lines: string[] = [];
    const channel = resolveNotificationChannel(config({}), log(lines));
    expect(channel.name).to.equal('log');
    const deadline = startDeadline({ name: 'case', limitWorkingMinutes: 420, startedAt: '2025-09-30T09:00:00+08:00' }, new BusinessCalendar(), DEFAULT_WARN_RULE);
    const sent = await channel.send(composeNotification({ light: 'red', deadline, caseId: 'QY-1', caseTitle: '某公司设立登记', recipientGroup: 'approval-service' }));
    expect(sent.channel).to.equal('log');
    expect(lines).to.deep.equal(['【红灯督办】approval-service：案件“某公司设立登记”（QY-1）的办理时限“case”已于 2025-09-30 17:30 超期，已转督办并记入电子监察。']);
  });

  it('uses the webhook when its URL is set', () => {
    expect(resolveNotificationChannel(config({ ONEGO_NOTIFY_WEBHOOK_URL: 'http://127.0.0.1:9/x' }), log([])).name).to.equal('webhook');
  });

  it('can be told to log even when a URL is set', () => {
    expect(resolveNotificationChannel(config({ ONEGO_NOTIFY_WEBHOOK_URL: 'http://127.0.0.1:9/x', ONEGO_NOTIFY_CHANNEL: 'log' }), log([])).name).to.equal('log');
  });

  it('refuses an unknown channel, a webhook without URL and a bad timeout', () => {
    expect(() => resolveNotificationChannel(config({ ONEGO_NOTIFY_CHANNEL: 'sms' }), log([]))).to.throw(/'log' or 'webhook', but got 'sms'/);
    expect(() => resolveNotificationChannel(config({ ONEGO_NOTIFY_CHANNEL: 'webhook' }), log([]))).to.throw(/ONEGO_NOTIFY_WEBHOOK_URL to be set/);
    expect(() => resolveNotificationChannel(config({ ONEGO_NOTIFY_WEBHOOK_URL: 'http://x/', ONEGO_NOTIFY_TIMEOUT_MS: '-5' }), log([]))).to.throw(/ONEGO_NOTIFY_TIMEOUT_MS/);
  });
});
