import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BusinessCalendar } from '../../../workers/calendar';
import lightNotify from '../../../workers/jobs/light-notify';
import { DEFAULT_WARN_RULE, startDeadline } from '../../../workers/lights';
import { runJob } from '../../../workers/run-job';
import { jobContext } from './job-context';

const deadline = startDeadline({ name: 'linkA', limitWorkingMinutes: 210, startedAt: '2025-09-30T16:00:00+08:00' }, new BusinessCalendar(), DEFAULT_WARN_RULE);
const variables = { light: 'yellow', deadline, caseId: 'QY-2025-0001', caseTitle: '某科技有限公司企业开办', recipientGroup: 'approval-service', assignee: null };

describe('the light-notify worker', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });

  it('sends through the log channel by default', async () => {
    const context = jobContext('light-notify');
    const outcome = await runJob(lightNotify, variables, context);
    expect(outcome.kind).to.equal('complete');
    if (outcome.kind !== 'complete') return;
    expect(outcome.variables.notification).to.include({ channel: 'log' });
    expect(context.lines).to.have.length(1);
    expect(context.lines[0]).to.match(/^info 【黄灯提醒】approval-service：案件“某科技有限公司企业开办”/);
  });

  it('posts to the webhook at ONEGO_NOTIFY_WEBHOOK_URL', async () => {
    // given a local receiver
    const bodies: unknown[] = [];
    server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk) => (text += chunk));
      request.on('end', () => {
        bodies.push(JSON.parse(text));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`;
    // when a red alert job runs
    const outcome = await runJob(lightNotify, { ...variables, light: 'red', assignee: 'li' }, jobContext('light-notify', { ONEGO_NOTIFY_WEBHOOK_URL: url }));
    // then the receiver has it and the job completes with its id
    expect(outcome.kind).to.equal('complete');
    if (outcome.kind !== 'complete') return;
    const notification = outcome.variables.notification as { id: string; channel: string };
    expect(notification.channel).to.equal('webhook');
    expect(bodies).to.have.length(1);
    expect(bodies[0]).to.deep.include({ id: notification.id });
    expect((bodies[0] as { notification: { light: string; assignee: string } }).notification).to.include({ light: 'red', assignee: 'li' });
  });

  it('fails with a retry left when the webhook is unreachable', async () => {
    const outcome = await runJob(lightNotify, variables, jobContext('light-notify', { ONEGO_NOTIFY_WEBHOOK_URL: 'http://127.0.0.1:9/down' }, 3));
    expect(outcome).to.include({ kind: 'fail', retries: 2 });
    if (outcome.kind === 'fail') expect(outcome.errorMessage).to.match(/Expected the notification webhook http:\/\/127\.0\.0\.1:9\/down to take the notification/);
  });

  it('refuses a light that is neither yellow nor red', async () => {
    const outcome = await runJob(lightNotify, { ...variables, light: 'green' }, jobContext('light-notify'));
    expect(outcome).to.include({ kind: 'fail', retries: 0 });
    if (outcome.kind === 'fail') expect(outcome.errorMessage).to.match(/light must be one of the following values: yellow, red/);
  });
});
