import { expect } from 'chai';
import { ADMIN, LI_SI, ZHANG_SAN, startRestTestBed, type RestTestBed } from './rest-test-bed';

describe('the REST gateway with --auth basic: wrong passwords are slowed down and lock the account', () => {
  let bed: RestTestBed;
  let now = Date.parse('2026-12-04T09:00:00Z');
  const login = (username: string, password: string) =>
    fetch(`${bed.url}/v2/authentication/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

  beforeEach(async () => {
    now = Date.parse('2026-12-04T09:00:00Z');
    bed = await startRestTestBed({ auth: 'basic', loginThrottle: { now: () => now } });
  });
  afterEach(async () => {
    await bed?.close();
  });

  /** Guess wrong `times` times, waiting out each backoff on the injected clock, as a patient attacker would. */
  async function guessWrong(username: string, times: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < times; i++) {
      let response = await login(username, `guess-${i}`);
      while (response.status === 429 && !(await response.clone().text()).includes('locked')) {
        now += Number(response.headers.get('retry-after')) * 1000;
        response = await login(username, `guess-${i}`);
      }
      statuses.push(response.status);
      if (response.status === 429) break;
    }
    return statuses;
  }

  it('answers 429 with Retry-After and a Chinese and English detail once the free tries are used up, and lets the next try through after the wait', async () => {
    for (let i = 0; i < 3; i++) expect((await login('zhang.san', 'wrong')).status).to.equal(401);
    const refused = await login('zhang.san', 'wrong');
    expect(refused.status).to.equal(429);
    expect(refused.headers.get('retry-after')).to.equal('1');
    const body = (await refused.json()) as { title: string; detail: string };
    expect(body.title).to.equal('TOO_MANY_REQUESTS');
    expect(body.detail).to.match(/密码错误次数过多.*try again in 1 s/);
    // the right password is not even checked while the account must wait
    expect((await login('zhang.san', 'onego-demo')).status).to.equal(429);
    now += 1000;
    expect((await login('zhang.san', 'wrong')).status).to.equal(401);
    // each further failure doubles the wait
    expect((await login('zhang.san', 'wrong')).headers.get('retry-after')).to.equal('2');
  });

  it('locks the account after ten wrong passwords, so the right one no longer works, until the lock runs out', async () => {
    const statuses = await guessWrong('zhang.san', 10);
    expect(statuses).to.deep.equal(Array(10).fill(401));
    const locked = await login('zhang.san', 'onego-demo');
    expect(locked.status).to.equal(429);
    expect(Number(locked.headers.get('retry-after'))).to.equal(15 * 60);
    expect(((await locked.json()) as { detail: string }).detail).to.match(/已被锁定.*is locked after 10 wrong passwords/);
    // Basic credentials are refused as well: the lock is on the account, not on the login form
    const basic = await bed.call('GET', '/topology', { caller: ZHANG_SAN });
    expect(basic.status).to.equal(429);
    expect(bed.denied.at(-1)).to.include({ actor: 'zhang.san', kind: 'unauthenticated' });
    now += 15 * 60 * 1000 + 1;
    expect((await login('zhang.san', 'onego-demo')).status).to.equal(200);
  });

  it('throttles guessing through Basic credentials like the login form', async () => {
    const guesser = { username: 'li.si', password: 'not-it' };
    for (let i = 0; i < 3; i++) expect((await bed.call('GET', '/topology', { caller: guesser })).status).to.equal(401);
    const refused = await bed.call('GET', '/topology', { caller: guesser });
    expect(refused.status).to.equal(429);
    expect(refused.headers.get('retry-after')).to.equal('1');
  });

  it('lets an admin lift the lock at once, and nobody else', async () => {
    await guessWrong('zhang.san', 10);
    const byClerk = await bed.call('DELETE', '/onego/login-locks/zhang.san', { caller: LI_SI });
    expect(byClerk.status).to.equal(403);
    const lifted = await bed.call('DELETE', '/onego/login-locks/zhang.san', { caller: ADMIN });
    expect(lifted.status).to.equal(204);
    expect((await login('zhang.san', 'onego-demo')).status).to.equal(200);
    const again = await bed.call('DELETE', '/onego/login-locks/zhang.san', { caller: ADMIN });
    expect(again.status).to.equal(404);
    expect(((await again.json()) as { detail: string }).detail).to.match(/未被锁定.*is not locked/);
  });

  it('keeps answering a signed-in user while someone hammers the login of another account', async () => {
    const session = await login('li.si', 'onego-demo');
    const cookie = session.headers.get('set-cookie')!.split(';')[0];
    const attack = Promise.all(Array.from({ length: 200 }, (_, i) => login('zhang.san', `guess-${i}`).then((r) => r.status)));
    for (let i = 0; i < 10; i++) {
      const me = await fetch(`${bed.url}/v2/authentication/me`, { headers: { cookie } });
      expect(me.status).to.equal(200);
    }
    const statuses = await attack;
    // one password check at a time per account: guesses sent in parallel are turned away with 429
    expect(statuses.filter((status) => status === 429).length).to.be.greaterThan(190);
  });
});
