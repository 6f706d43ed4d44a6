import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost parameters; stored with every hash so they can be raised later without breaking old hashes. */
export interface ScryptParameters {
  /** CPU/memory cost, a power of two. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
}

/**
 * The cost new hashes get: N = 2^15, r = 8, p = 1 (32 MiB, roughly 0.1 s on a laptop core). It is below
 * OWASP's 2^17 so that an HTTP Basic request stays affordable; {@link verifyPassword} reads the parameters
 * from the stored hash, so raising this later only needs re-hashing, not a format change.
 */
export const DEFAULT_SCRYPT_PARAMETERS: ScryptParameters = { N: 2 ** 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Refuse stored parameters that would let a crafted identity file exhaust memory or CPU. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/** A parsed `scrypt$N$r$p$salt$hash` string (salt and hash in base64url). */
export interface EncodedScryptHash extends ScryptParameters {
  salt: Buffer;
  hash: Buffer;
}

function derive(password: string, salt: Buffer, parameters: ScryptParameters, keyLength: number): Promise<Buffer> {
  const options: ScryptOptions = {
    N: parameters.N,
    r: parameters.r,
    p: parameters.p,
    // Node's default maxmem (32 MiB) is exactly what N=2^15,r=8 needs, which scrypt refuses; leave headroom.
    maxmem: 128 * parameters.N * parameters.r * 2 + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function checkParameters(parameters: ScryptParameters): void {
  const { N, r, p } = parameters;
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0) {
    throw new Error(`Expected scrypt N to be a power of two from 2 to ${MAX_N}, but was ${N}`);
  }
  if (!Number.isInteger(r) || r < 1 || r > MAX_R) throw new Error(`Expected scrypt r to be from 1 to ${MAX_R}, but was ${r}`);
  if (!Number.isInteger(p) || p < 1 || p > MAX_P) throw new Error(`Expected scrypt p to be from 1 to ${MAX_P}, but was ${p}`);
}

/** Parse a stored hash; throws "Expected …, but …" on anything that is not `scrypt$N$r$p$salt$hash`. */
export function parsePasswordHash(encoded: string): EncodedScryptHash {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    throw new Error(`Expected a password hash of the form 'scrypt$N$r$p$salt$hash', but it has ${parts.length} '$'-separated parts starting with '${parts[0]}'`);
  }
  const [, n, r, p, salt, hash] = parts;
  const parameters = { N: Number(n), r: Number(r), p: Number(p) };
  checkParameters(parameters);
  const base64url = /^[A-Za-z0-9_-]+$/;
  if (!base64url.test(salt) || !base64url.test(hash)) {
    throw new Error('Expected the salt and hash of a password hash to be base64url, but they are not');
  }
  const parsed = { ...parameters, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
  if (parsed.salt.length < 8 || parsed.hash.length < 16) {
    throw new Error(`Expected a salt of at least 8 bytes and a hash of at least 16, but got ${parsed.salt.length} and ${parsed.hash.length}`);
  }
  return parsed;
}

/** Hash a password with a fresh random salt: `scrypt$N$r$p$salt$hash`. */
export async function hashPassword(password: string, parameters: ScryptParameters = DEFAULT_SCRYPT_PARAMETERS): Promise<string> {
  if (password.length === 0) throw new Error('Expected a non-empty password, but it was empty');
  checkParameters(parameters);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, parameters, KEY_BYTES);
  return ['scrypt', parameters.N, parameters.r, parameters.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Check a password against a stored hash in constant time (for equal-length keys, which scrypt guarantees). */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const stored = parsePasswordHash(encoded);
  const candidate = await derive(password, stored.salt, stored, stored.hash.length);
  return timingSafeEqual(candidate, stored.hash);
}
