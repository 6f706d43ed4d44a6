import { claimedUsername } from '../../identity/grpc-authenticator';
import { readSessionCookie, type SessionSigner } from '../../identity';

/**
 * Who a request counts against, decided before any authentication work (a password check is exactly what a
 * flood must not get for free). A valid session cookie names its user (an HMAC check, microseconds). A Basic
 * header only claims a user, so its lane is that name *and* the address: a stranger claiming the admin's name
 * from elsewhere fills a lane of his own, never the admin's. Anything else is its address.
 */
export function callerOf(
  headers: { authorization?: string; cookie?: string },
  address: string | undefined,
  sessions?: Pick<SessionSigner, 'verify'>,
): string {
  if (headers.authorization) {
    const claimed = claimedUsername(headers.authorization);
    if (claimed !== '(anonymous)') return `user ${claimed} @ ${address ?? 'unknown'}`;
  }
  if (headers.cookie && sessions) {
    const token = readSessionCookie(headers.cookie);
    const claims = token ? sessions.verify(token) : undefined;
    if (claims) return `user ${claims.sub}`;
  }
  return `address ${address ?? 'unknown'}`;
}

/** A gRPC peer (`ipv4:127.0.0.1:51234`, `ipv6:[::1]:51234`) without its port: the client's address. */
export function addressOfPeer(peer: string): string {
  const withoutScheme = peer.replace(/^(ipv4|ipv6|unix):/, '');
  const bracketed = /^\[([^\]]+)\]/.exec(withoutScheme);
  if (bracketed) return bracketed[1];
  const colon = withoutScheme.lastIndexOf(':');
  return colon > 0 ? withoutScheme.slice(0, colon) : withoutScheme;
}
