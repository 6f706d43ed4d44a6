import { expect } from 'chai';
import { startRestTestBed, type RestTestBed } from '../gateway/rest/rest-test-bed';

describe('cross-site requests against cookie sessions', () => {
  let bed: RestTestBed;
  let session: string;
  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
  });
  after(async () => {
    await bed?.close();
  });
  beforeEach(async () => {
    const response = await fetch(`${bed.url}/v2/authentication/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: bed.url },
      body: JSON.stringify({ username: 'zhang.san', password: 'onego-demo' }),
    });
    session = (response.headers.get('set-cookie') ?? '').split(';')[0];
  });

  const ownHost = () => new URL(bed.url).host;
  const otherPort = () => `http://127.0.0.1:${Number(new URL(bed.url).port) + 1}`;

  it('refuses a state-changing request a page on another port of the same host sends with the clerk\'s cookie', async () => {
    // when a page on another port posts with the clerk's cookie (SameSite does not tell ports apart)
    const response = await fetch(`${bed.url}/v2/user-tasks/search`, {
      method: 'POST',
      headers: { cookie: session, 'content-type': 'application/json', origin: otherPort() },
      body: '{}',
    });
    // then
    expect(response.status).to.equal(403);
    expect(((await response.json()) as { detail: string }).detail).to.contain('请求须来自本站页面').and.contain(ownHost());
  });

  it('refuses a request a browser marks as cross-site even without an Origin header', async () => {
    const response = await fetch(`${bed.url}/v2/process-instances/search`, {
      method: 'POST',
      headers: { cookie: session, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body: '{}',
    });
    expect(response.status).to.equal(403);
  });

  it('refuses a login posted by another site\'s form (login CSRF)', async () => {
    const response = await fetch(`${bed.url}/v2/authentication/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
      body: 'username=zhang.san&password=onego-demo',
    });
    expect(response.status).to.equal(403);
    expect(response.headers.get('set-cookie')).to.equal(null);
  });

  it('lets the site\'s own pages through, and callers with their own credentials whatever they say of their origin', async () => {
    const own = await fetch(`${bed.url}/v2/user-tasks/search`, {
      method: 'POST',
      headers: { cookie: session, 'content-type': 'application/json', origin: bed.url, 'sec-fetch-site': 'same-origin' },
      body: '{}',
    });
    expect(own.status).to.equal(200);
    const basic = await fetch(`${bed.url}/v2/user-tasks/search`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('zhang.san:onego-demo').toString('base64')}`, 'content-type': 'application/json', origin: 'http://elsewhere' },
      body: '{}',
    });
    expect(basic.status).to.equal(200);
  });

  it('ends the session on the server at logout: the same cookie, copied before, is refused afterwards', async () => {
    // given a copy of the cookie
    const copied = session;
    // when the clerk logs out
    const logout = await fetch(`${bed.url}/v2/authentication/logout`, { method: 'POST', headers: { cookie: session, origin: bed.url } });
    // then
    expect(logout.status).to.equal(204);
    const replay = await fetch(`${bed.url}/v2/authentication/me`, { headers: { cookie: copied } });
    expect(replay.status).to.equal(401);
  });
});
