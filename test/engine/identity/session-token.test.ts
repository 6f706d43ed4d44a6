import { expect } from 'chai';
import { readSessionCookie, sessionCookie, SessionSigner } from '../../../engine/identity/session-token';

describe('session tokens for the apps', () => {
  const secret = 'a-test-secret-that-is-long-enough-32b';

  it('verifies a token it issued and returns its claims', () => {
    // given
    let now = 1_000_000;
    const signer = new SessionSigner({ secret, ttlMs: 60_000, now: () => now });
    // when
    const { token, claims } = signer.issue('zhang.san');
    now += 59_999;
    // then
    expect(signer.verify(token)).to.deep.equal({ sub: 'zhang.san', iat: 1_000_000, exp: 1_060_000, sid: claims.sid });
    expect(claims.sid).to.match(/^[\w-]{16}$/);
  });

  it('refuses a token after it was revoked (logout), and tells sessions of the same user apart', () => {
    const signer = new SessionSigner({ secret });
    const first = signer.issue('zhang.san').token;
    const second = signer.issue('zhang.san').token;
    signer.revoke(first);
    expect(signer.verify(first)).to.equal(undefined);
    expect(signer.verify(second)?.sub).to.equal('zhang.san');
  });

  it('refuses a token once it has expired', () => {
    let now = 0;
    const signer = new SessionSigner({ secret, ttlMs: 60_000, now: () => now });
    const { token } = signer.issue('zhang.san');
    now = 60_000;
    expect(signer.verify(token)).to.equal(undefined);
  });

  it('refuses a token whose claims were changed', () => {
    // given a token for zhang.san
    const signer = new SessionSigner({ secret });
    const { token } = signer.issue('zhang.san');
    // when the payload is rewritten to claim guan.li
    const [, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'guan.li', iat: 0, exp: Date.now() + 1e9 })).toString('base64url');
    // then
    expect(signer.verify(`${forged}.${signature}`)).to.equal(undefined);
  });

  it('refuses a token signed with another secret', () => {
    const other = new SessionSigner({ secret: 'another-secret-that-is-long-enough-32' });
    const { token } = other.issue('zhang.san');
    expect(new SessionSigner({ secret }).verify(token)).to.equal(undefined);
  });

  for (const garbage of ['', 'no-dot', '.', 'abc.def', `${Buffer.from('not json').toString('base64url')}.xx`]) {
    it(`refuses the garbage token '${garbage}'`, () => {
      expect(new SessionSigner({ secret }).verify(garbage)).to.equal(undefined);
    });
  }

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => new SessionSigner({ secret: 'short' })).to.throw(/at least 32 bytes/);
  });

  it('sets the cookie HttpOnly and SameSite=Strict with a Max-Age', () => {
    const cookie = sessionCookie('tok', 8 * 3600 * 1000);
    expect(cookie.split('; ')).to.include.members(['onego_session=tok', 'HttpOnly', 'SameSite=Strict', 'Path=/', 'Max-Age=28800']);
  });

  it('finds the session among other cookies', () => {
    expect(readSessionCookie('theme=dark; onego_session=abc.def; lang=zh')).to.equal('abc.def');
    expect(readSessionCookie('theme=dark')).to.equal(undefined);
    expect(readSessionCookie(undefined)).to.equal(undefined);
  });
});
