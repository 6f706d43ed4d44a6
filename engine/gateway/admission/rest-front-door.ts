import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { DeniedAttempt } from '../../identity';
import type { AuthMode, LoginThrottle, SessionSigner } from '../../identity';
import { claimedUsername } from '../../identity/grpc-authenticator';
import { CONTENT_SECURITY_POLICY } from '../rest/security-headers';
import { CallerAdmission } from './caller-admission';
import { callerOf } from './caller-identity';
import { overloadDetail } from './overload-refusal';

/** What the front door needs to know of the REST gateway. */
export interface FrontDoorOptions {
  admission: CallerAdmission;
  /** `basic`: a `/v2` request without any credentials is refused here; `none`: nothing is. */
  authMode: AuthMode;
  sessions?: SessionSigner;
  /** Reports a 401 given here, as the authentication middleware reports its own. */
  onDenied?: (attempt: DeniedAttempt) => void;
  /** Wrong-password backoff and lockout: a Basic caller it refuses now is answered 429 here, as the app would. */
  loginThrottle?: Pick<LoginThrottle, 'check'>;
  /** Largest JSON body the app parses (bytes); a larger declared one is refused here with 413. */
  maxJsonBodyBytes: number;
}

const CALLER_SLOT = Symbol('callerSlot');

/**
 * Give the request's slot back while it stays open (a route about to wait for an instance's result, which holds
 * no thread): a caller's parked requests must not use up its share, or the very request that would end them (a
 * message, a job completion) could wait behind them until they time out.
 */
export function leaveCallerLimit(request: IncomingMessage): void {
  (request as IncomingMessage & { [CALLER_SLOT]?: () => void })[CALLER_SLOT]?.();
}

/** `/v2` routes answered without credentials (the status probe, login, logout); everything else there needs them. */
const OPEN_V2_PATHS = new Set(['/v2/status', '/v2/authentication/login', '/v2/authentication/logout']);

/**
 * Outside the caller limits: job completions and failures drain work (Zeebe accepts them even under
 * backpressure), and a parked job activation long poll holds no thread while it waits for jobs (a worker per
 * job type would otherwise fill its caller's share with polls).
 */
const UNLIMITED = /^\/v2\/jobs\/(activation|[^/]+\/(completion|failure))$/;

/** A declared body up to this size is read and dropped after a refusal (the connection stays open); a larger one closes it. */
const DRAINABLE_BODY_BYTES = 64 * 1024;

/**
 * The REST gateway's front door (issue 13), in front of Express: the refusals a flood produces are answered
 * here, before routing, body parsing, multer or any middleware runs, for a fraction of Express's cost: a `/v2`
 * request with no credentials at all (401), Basic credentials of an account that is backing off or locked after
 * wrong passwords (429), a JSON body declared larger than the app would parse (413), and a caller over its share
 * of requests in flight (429, see {@link CallerAdmission}). Everything else goes to `app`
 * once admitted, and gives its slot back when its answer is sent or the client leaves.
 */
export function restFrontDoor(app: RequestListener, options: FrontDoorOptions): RequestListener {
  const { admission } = options;
  return (request: IncomingMessage, response: ServerResponse) => {
    const path = pathOf(request.url);
    const v2 = path.startsWith('/v2/') || path === '/v2';
    if (v2 && options.authMode === 'basic' && !request.headers.authorization && !request.headers.cookie && !OPEN_V2_PATHS.has(path)) {
      const reason = 'Expected credentials (HTTP Basic or a session cookie), but there were none';
      options.onDenied?.({ actor: '(anonymous)', attempted: `${request.method} ${request.url}`, reason, kind: 'unauthenticated', at: Date.now() });
      // A browser app (fetch marked as XHR) must not get the browser's Basic dialog.
      const headers = request.headers['x-requested-with'] === undefined ? { 'WWW-Authenticate': 'Basic realm="OneGo", charset="UTF-8"' } : undefined;
      refuse(request, response, 401, 'UNAUTHORIZED', reason, headers);
      return;
    }
    const authorization = request.headers.authorization;
    if (v2 && authorization && options.authMode === 'basic' && options.loginThrottle && !OPEN_V2_PATHS.has(path)) {
      // Backing off or locked: the authentication middleware would refuse before any check, so refuse here.
      const username = claimedUsername(authorization);
      const throttled = options.loginThrottle.check(username, request.socket.remoteAddress);
      if (throttled) {
        options.onDenied?.({ actor: username, attempted: `${request.method} ${request.url}`, reason: throttled.detail, kind: 'unauthenticated', at: Date.now() });
        refuse(request, response, 429, 'TOO_MANY_REQUESTS', throttled.detail, { 'Retry-After': String(throttled.retryAfterSeconds) });
        return;
      }
    }
    if (v2 && declaredLength(request) > options.maxJsonBodyBytes && /^application\/(.+\+)?json/i.test(request.headers['content-type'] ?? '')) {
      const limit = options.maxJsonBodyBytes;
      refuse(request, response, 413, 'PAYLOAD_TOO_LARGE', `Expected a request body of at most ${limit} bytes, but it has ${declaredLength(request)} bytes / 请求体超过 ${limit} 字节上限`);
      return;
    }
    if (UNLIMITED.test(path)) {
      app(request, response);
      return;
    }
    const caller = callerOf(request.headers, request.socket.remoteAddress, options.sessions);
    const entry = admission.enter(caller, (release) => {
      response.once('close', release);
      (request as IncomingMessage & { [CALLER_SLOT]?: () => void })[CALLER_SLOT] = release;
      app(request, response);
    });
    if (entry.outcome === 'waiting') {
      // A client that gives up while waiting frees its place in the line.
      response.once('close', entry.cancel);
    } else if (entry.outcome === 'refused') {
      refuse(request, response, 429, 'TOO_MANY_REQUESTS', overloadDetail(admission.limits, entry.retryAfterSeconds), { 'Retry-After': String(entry.retryAfterSeconds) });
    }
  };
}

/** The path of a request URL, lower case and without a trailing slash (Express routes ignore both). */
function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const query = raw.indexOf('?');
  let path = (query >= 0 ? raw.slice(0, query) : raw).toLowerCase();
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

function declaredLength(request: IncomingMessage): number {
  const length = Number(request.headers['content-length'] ?? 0);
  return Number.isFinite(length) ? length : 0;
}

/**
 * Write a problem detail directly (Camunda's shape, the headers every answer carries). A body we will not read is
 * left unread: a small one is dropped by Node after the answer, a large or chunked one closes the connection.
 */
function refuse(request: IncomingMessage, response: ServerResponse, status: number, title: string, detail: string, extra?: Record<string, string>): void {
  const body = JSON.stringify({ type: 'about:blank', title, status, detail, instance: request.url ?? '/' });
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    ...extra,
  };
  const chunked = request.headers['transfer-encoding'] !== undefined;
  if (chunked || declaredLength(request) > DRAINABLE_BODY_BYTES) headers.Connection = 'close';
  response.writeHead(status, headers);
  response.end(body);
}
