import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BusinessCalendar } from '../../../workers/calendar';
import { RetryableFailure } from '../../../workers/define-worker';
import { DEFAULT_WARN_RULE, startDeadline } from '../../../workers/lights';
import { composeNotification, createWebhookChannel, type WebhookBody } from '../../../workers/notify';

const deadline = startDeadline({ name: 'stage1', limitWorkingMinutes: 2100, startedAt: '2025-09-29T09:00:00+08:00' }, new BusinessCalendar(), DEFAULT_WARN_RULE);
const notification = composeNotification({ light: 'yellow', deadline, caseId: 'GC-2025-001', caseTitle: '某厂房新建项目', recipientGroup: 'housing-construction', assignee: 'wang' });

interface Received {
  method: string;
  url: string;
  contentType: string;
  body: unknown;
}

/** A real HTTP server on port 0 answering each request with `answer`. */
async function startReceiver(answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', contentType: request.headers['content-type'] ?? '', body: JSON.parse(text) });
      answer(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/hooks/lights`, received };
}

describe('the webhook notification channel', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });

  it('posts the notification as JSON and reports what it sent', async () => {
    // given a receiver that accepts
    const receiver = await startReceiver((_request, response) => response.writeHead(204).end());
    server = receiver.server;
    // when a yellow reminder is sent
    const sent = await createWebhookChannel({ url: receiver.url, now: () => new Date('2025-10-10T09:30:00Z') }).send(notification);
    // then the receiver got one POST with the body, and the channel reports its id and time
    expect(sent).to.deep.include({ channel: 'webhook', sentAt: '2025-10-10T17:30:00+08:00' });
    expect(receiver.received).to.have.length(1);
    const [request] = receiver.received;
    expect(request).to.include({ method: 'POST', url: '/hooks/lights' });
    expect(request!.contentType).to.match(/^application\/json/);
    const body = request!.body as WebhookBody;
    expect(body.id).to.equal(sent.id);
    expect(body.notification).to.deep.equal(notification);
    expect(body.notification.message).to.equal(
      '【黄灯提醒】wang（housing-construction）：案件“某厂房新建项目”（GC-2025-001）的办理时限“stage1”将于 2025-10-11 17:30 到期，请抓紧办理。',
    );
  });

  it('fails retryably, naming the status, when the receiver answers with an error', async () => {
    const receiver = await startReceiver((_request, response) => response.writeHead(503, 'Service Unavailable').end('busy'));
    server = receiver.server;
    const failure = await createWebhookChannel({ url: receiver.url }).send(notification).catch((error: unknown) => error);
    expect(failure).to.be.instanceOf(RetryableFailure);
    expect((failure as Error).message).to.equal(`通知推送地址 ${receiver.url} 拒收通知（HTTP 503），将自动重试 / Expected the notification webhook ${receiver.url} to answer 2xx, but it answered 503 Service Unavailable`);
  });

  it('fails retryably when nothing listens at the URL', async () => {
    // given a port that was just freed
    const receiver = await startReceiver((_request, response) => response.end());
    await new Promise((resolve) => receiver.server.close(resolve));
    const failure = await createWebhookChannel({ url: receiver.url }).send(notification).catch((error: unknown) => error);
    expect(failure).to.be.instanceOf(RetryableFailure);
    expect((failure as Error).message).to.match(/to take the notification, but fetch failed \(ECONNREFUSED\)/);
  });

  it('fails retryably when the receiver does not answer in time', async () => {
    const receiver = await startReceiver(() => {
      /* never answers */
    });
    server = receiver.server;
    const failure = await createWebhookChannel({ url: receiver.url, timeoutMs: 100 }).send(notification).catch((error: unknown) => error);
    expect(failure).to.be.instanceOf(RetryableFailure);
    expect((failure as Error).message).to.match(/did not answer within 100 ms/);
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => createWebhookChannel({ url: 'ftp://example.org/x' })).to.throw(/ONEGO_NOTIFY_WEBHOOK_URL to be an http\(s\) URL, but got 'ftp:\/\/example.org\/x'/);
    expect(() => createWebhookChannel({ url: 'not a url' })).to.throw(/http\(s\) URL/);
  });
});
