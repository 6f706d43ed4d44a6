/** A username and password from an `Authorization: Basic …` header (RFC 7617). */
export interface BasicCredentials {
  username: string;
  password: string;
}

/**
 * Parse an Authorization header value. Returns undefined when it is absent or not Basic (so another
 * scheme may be tried), and throws "Expected …, but …" when it claims to be Basic but is malformed.
 */
export function parseBasicAuthorization(header: string | undefined): BasicCredentials | undefined {
  if (!header) return undefined;
  const match = /^\s*basic\s+(\S*)\s*$/i.exec(header);
  if (!match) return undefined;
  const encoded = match[1];
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) {
    throw new Error('Expected Basic credentials in base64, but the header holds something else');
  }
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) {
    throw new Error("Expected Basic credentials of the form 'username:password', but there is no username before a ':'");
  }
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The header value a client sends for these credentials. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
