import { expect } from 'chai';
import { Camunda8 } from '@camunda8/sdk';
import { ADMIN, WORKER, ZHANG_SAN, licenceReviewBpmn, startRestTestBed, type RestTestBed } from './rest-test-bed';

describe('the REST gateway with --auth basic: sessions for the apps and Basic on gRPC', () => {
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
  });
  after(async () => {
    await bed?.close();
  });

  async function login(username: string, password: string): Promise<Response> {
    return fetch(`${bed.url}/v2/authentication/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  }

  it('logs a clerk in with a signed HttpOnly SameSite=Strict cookie that then authenticates requests', async () => {
    // when
    const response = await login('zhang.san', 'onego-demo');
    // then
    expect(response.status).to.equal(200);
    const me = (await response.json()) as { username: string; displayName: string; groups: string[]; roles: string[] };
    expect(me).to.include({ username: 'zhang.san', displayName: '张三' });
    expect(me.groups).to.deep.equal(['市场监管局']);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).to.match(/^onego_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800/);
    const session = cookie.split(';')[0];
    const current = await fetch(`${bed.url}/v2/authentication/me`, { headers: { cookie: session } });
    expect(((await current.json()) as { username: string }).username).to.equal('zhang.san');
    const search = await fetch(`${bed.url}/v2/user-tasks/search`, { method: 'POST', headers: { cookie: session, 'content-type': 'application/json' }, body: '{}' });
    expect(search.status).to.equal(200);
  });

  it('accepts a form-encoded login as a browser form posts it', async () => {
    const response = await fetch(`${bed.url}/v2/authentication/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=li.si&password=onego-demo',
    });
    expect(response.status).to.equal(200);
  });

  it('refuses a wrong password with 401 and sets no cookie', async () => {
    const response = await login('zhang.san', 'wrong');
    expect(response.status).to.equal(401);
    expect(response.headers.get('set-cookie')).to.equal(null);
    expect(bed.denied.at(-1)).to.include({ actor: 'zhang.san', attempted: 'POST /v2/authentication/login' });
  });

  it('refuses a login without a password with 400 naming the field', async () => {
    const response = await login('zhang.san', '');
    expect(response.status).to.equal(400);
    expect(((await response.json()) as { detail: string }).detail).to.equal('No password provided.');
  });

  it('refuses a tampered session cookie with 401 and no Basic dialog', async () => {
    const cookie = ((await login('zhang.san', 'onego-demo')).headers.get('set-cookie') ?? '').split(';')[0];
    const [name, token] = cookie.split('=');
    const [payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string };
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'guan.li' })).toString('base64url');
    const response = await fetch(`${bed.url}/v2/authentication/me`, { headers: { cookie: `${name}=${forged}.${signature}` } });
    expect(response.status).to.equal(401);
    expect(response.headers.get('www-authenticate')).to.equal(null);
  });

  it('clears the cookie on logout', async () => {
    const response = await fetch(`${bed.url}/v2/authentication/logout`, { method: 'POST' });
    expect(response.status).to.equal(204);
    expect(response.headers.get('set-cookie')).to.match(/^onego_session=; .*Max-Age=0/);
  });

  it('accepts the same Basic credentials on gRPC: the admin deploys, the worker may not', async () => {
    const grpc = (caller: { username: string; password: string }) =>
      new Camunda8({
        ZEEBE_GRPC_ADDRESS: `grpc://${bed.server.grpcAddress}`,
        ZEEBE_REST_ADDRESS: bed.url,
        CAMUNDA_AUTH_STRATEGY: 'BASIC',
        CAMUNDA_BASIC_AUTH_USERNAME: caller.username,
        CAMUNDA_BASIC_AUTH_PASSWORD: caller.password,
        CAMUNDA_LOG_LEVEL: 'none',
        zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
      } as never).getZeebeGrpcApiClient();
    const admin = grpc(ADMIN);
    const worker = grpc(WORKER);
    const staff = grpc(ZHANG_SAN);
    try {
      const deployed = await admin.deployResource({ name: 'grpc-auth.bpmn', process: Buffer.from(licenceReviewBpmn('grpc-auth')) } as never);
      expect(deployed.deployments).to.have.length(1);
      const refused = await worker.deployResource({ name: 'grpc-auth2.bpmn', process: Buffer.from(licenceReviewBpmn('grpc-auth2')) } as never).then(
        () => undefined,
        (error: { code?: number; message: string }) => error,
      );
      expect(refused?.code).to.equal(7); // PERMISSION_DENIED
      const topology = await staff.topology();
      expect(topology.brokers).to.have.length(1);
      expect(bed.denied.some((attempt) => attempt.actor === 'onego-worker' && attempt.attempted === 'gRPC DeployResource')).to.equal(true);
    } finally {
      await Promise.allSettled([admin.close(), worker.close(), staff.close()]);
    }
  });
});
