import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The cookie the apps carry after `POST /v2/authentication/login`. */
export const SESSION_COOKIE = 'onego_session';

/** How long a session lasts: one office day. */
export const DEFAULT_SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export interface SessionClaims {
  /** Username. */
  sub: string;
  /** Issued at, epoch ms (wall clock, not engine clock: sessions live in real time even when tests pin the engine). */
  iat: number;
  /** Expires at, epoch ms. */
  exp: number;
  /** Session id: what a logout revokes. */
  sid?: string;
}

export interface SessionSignerOptions {
  /** HMAC key; at least 32 bytes. Absent: a random key, so sessions end with the process. */
  secret?: Buffer | string;
  ttlMs?: number;
  /** Wall clock, injectable for tests. */
  now?: () => number;
}

/**
 * Issues and checks session tokens: `base64url(JSON claims).base64url(HMAC-SHA256)`. Each carries a session
 * id; a logout revokes it here, so a copied cookie stops working at logout, not only at expiry. Revocations
 * live in memory until the token would have expired: sessions end at every restart anyway (a random key).
 */
export class SessionSigner {
  private readonly secret: Buffer;
  readonly ttlMs: number;
  private readonly now: () => number;
  /** Revoked session id → when its token expires (after that it is refused anyway and forgotten here). */
  private readonly revoked = new Map<string, number>();

  constructor(options: SessionSignerOptions = {}) {
    this.secret = options.secret === undefined ? randomBytes(32) : Buffer.from(options.secret);
    if (this.secret.length < 32) throw new Error(`Expected a session secret of at least 32 bytes, but it has ${this.secret.length}`);
    this.ttlMs = options.ttlMs ?? DEFAULT_SESSION_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  private signature(payload: string): Buffer {
    return createHmac('sha256', this.secret).update(payload).digest();
  }

  /** A fresh token for this user. */
  issue(username: string): { token: string; claims: SessionClaims } {
    const iat = this.now();
    const claims: SessionClaims = { sub: username, iat, exp: iat + this.ttlMs, sid: randomBytes(12).toString('base64url') };
    const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
    return { token: `${payload}.${this.signature(payload).toString('base64url')}`, claims };
  }

  /** The claims of a genuine, unexpired token; undefined for anything else. */
  verify(token: string): SessionClaims | undefined {
    const dot = token.indexOf('.');
    if (dot <= 0) return undefined;
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = this.signature(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    const { sub, iat, exp, sid } = (claims ?? {}) as Partial<SessionClaims>;
    if (typeof sub !== 'string' || typeof iat !== 'number' || typeof exp !== 'number' || typeof sid !== 'string') return undefined;
    if (this.now() >= exp || this.revoked.has(sid)) return undefined;
    return { sub, iat, exp, sid };
  }

  /** Ends a session for good (logout): its token is refused from now on. Anything not a genuine token is ignored. */
  revoke(token: string): void {
    const claims = this.verify(token);
    const now = this.now();
    for (const [sid, exp] of this.revoked) if (exp <= now) this.revoked.delete(sid);
    if (claims?.sid) this.revoked.set(claims.sid, claims.exp);
  }
}

/**
 * The `Set-Cookie` value for a session: HttpOnly, SameSite=Strict (a link or form from another site never
 * carries it), path `/`, Max-Age from the expiry.
 */
export function sessionCookie(token: string, maxAgeMs: number, secure = false): string {
  const parts = [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.max(0, Math.floor(maxAgeMs / 1000))}`];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** The `Set-Cookie` value that ends a session in the browser. */
export function clearedSessionCookie(secure = false): string {
  return sessionCookie('', 0, secure);
}

/** The session token from a `Cookie` header, if there is one. */
export function readSessionCookie(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}
