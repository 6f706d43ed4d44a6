import { expect } from 'chai';
import { hashPassword, parsePasswordHash, verifyPassword } from '../../../engine/identity/password-hash';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('password hashing with scrypt', () => {
  it('encodes the hash as scrypt$N$r$p$salt$hash with the cost parameters it used', async () => {
    // when
    const encoded = await hashPassword('一次办好', CHEAP);
    // then
    const [scheme, n, r, p, salt, hash] = encoded.split('$');
    expect([scheme, n, r, p]).to.deep.equal(['scrypt', '1024', '8', '1']);
    expect(Buffer.from(salt, 'base64url')).to.have.length(16);
    expect(Buffer.from(hash, 'base64url')).to.have.length(32);
    expect(encoded).not.to.contain('一次办好');
  });

  it('salts every hash afresh, so the same password never hashes the same twice', async () => {
    const first = await hashPassword('onego-demo', CHEAP);
    const second = await hashPassword('onego-demo', CHEAP);
    expect(first).not.to.equal(second);
  });

  it('accepts the right password and refuses a wrong one', async () => {
    // given
    const encoded = await hashPassword('onego-demo', CHEAP);
    // then
    expect(await verifyPassword('onego-demo', encoded)).to.equal(true);
    expect(await verifyPassword('onego-demo ', encoded)).to.equal(false);
    expect(await verifyPassword('', encoded)).to.equal(false);
  });

  it('uses the stored cost parameters when verifying, so stronger hashes verify too', async () => {
    const encoded = await hashPassword('s3cret', { N: 2048, r: 4, p: 2 });
    expect(parsePasswordHash(encoded)).to.include({ N: 2048, r: 4, p: 2 });
    expect(await verifyPassword('s3cret', encoded)).to.equal(true);
  });

  it('hashes with N = 2^15, r = 8, p = 1 unless told otherwise', async () => {
    const encoded = await hashPassword('x');
    expect(encoded.startsWith('scrypt$32768$8$1$')).to.equal(true);
  });

  it('refuses an empty password', async () => {
    let error: unknown;
    await hashPassword('', CHEAP).catch((caught: unknown) => (error = caught));
    expect((error as Error).message).to.match(/^Expected a non-empty password/);
  });

  for (const [description, encoded, message] of [
    ['a plain-text password', 'onego-demo', /^Expected a password hash of the form/],
    ['another scheme', 'bcrypt$10$a$b$c$d', /^Expected a password hash of the form/],
    ['an N that is not a power of two', 'scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', /power of two/],
    ['an N big enough to exhaust memory', `scrypt$${2 ** 24}$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, /power of two from 2 to/],
    ['a salt that is not base64url', 'scrypt$1024$8$1$not base64!$AAAAAAAAAAAAAAAAAAAAAA', /base64url/],
  ] as const) {
    it(`refuses a stored hash with ${description}`, () => {
      expect(() => parsePasswordHash(encoded)).to.throw(message);
    });
  }
});
