import type { NextFunction, Request, Response } from 'express';
import { HttpProblem } from './problem';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The host (and port) a request's `Origin` or `Referer` names, if it names one. */
function hostOf(url: string | undefined): string | undefined {
  if (!url || url === 'null') return url === 'null' ? 'null' : undefined;
  try {
    return new URL(url).host;
  } catch {
    return 'unparsable';
  }
}

/**
 * Cross-site request forgery defence for requests a browser authenticates by itself (the session cookie):
 * a state-changing request, and the login, must come from this origin's own pages. Browsers name the page's
 * origin in `Origin` (and `Sec-Fetch-Site`) on every POST/PUT/PATCH/DELETE; a page on another site — or on
 * another port of the same host, which SameSite cookies do not tell apart — is refused with 403. Requests
 * with an `Authorization` header (the SDKs, scripts) carry credentials no other page can add, and pass.
 */
export function sameOriginGuard(request: Request, _response: Response, next: NextFunction): void {
  if (!UNSAFE_METHODS.has(request.method) || request.headers.authorization) {
    next();
    return;
  }
  const isLogin = request.path === '/authentication/login';
  if (request.headers.cookie === undefined && !isLogin) {
    next();
    return;
  }
  const fetchSite = request.headers['sec-fetch-site'];
  const from = hostOf(request.headers.origin) ?? hostOf(request.headers.referer);
  const ownHost = request.headers.host;
  const crossSite = (from !== undefined && from !== ownHost) || fetchSite === 'cross-site' || fetchSite === 'same-site';
  if (crossSite) {
    throw new HttpProblem(
      403,
      'FORBIDDEN',
      `请求须来自本站页面 / Expected a request from this site's own pages (${ownHost}), but it came from ${from ?? String(fetchSite)}`,
    );
  }
  next();
}
