import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { CommandContext } from '../../api';
import {
  AuthenticationFailure,
  authenticateBasic,
  authorize,
  clearedSessionCookie,
  readSessionCookie,
  sessionCookie,
  type AuthMode,
  type AuthorizationRequest,
  type DeniedAttempt,
  type IdentityDirectory,
  type LoginAttempt,
  type LoginThrottle,
  type Principal,
  type RefusalLog,
  type SessionSigner,
} from '../../identity';
import { claimedUsername } from '../../identity/grpc-authenticator';
import type { RestRouteContext } from './context';
import { sameOriginGuard } from './same-origin-guard';
import { HttpProblem } from './problem';

/** How the REST gateway authenticates. With `mode: 'none'` nothing else is needed. */
export interface RestAuthOptions {
  mode: AuthMode;
  directory?: IdentityDirectory;
  sessions?: SessionSigner;
  /** Every refused attempt (401 and 403), for the audit trail. */
  onDenied?: (attempt: DeniedAttempt) => void;
  /** Mark session cookies `Secure` (behind HTTPS). */
  secureCookies?: boolean;
  /** Start keeping refusals in `<dataDir>/security/` (see `loadEngineAuth`). */
  keepRefusalsIn?: (dataDir: string) => RefusalLog;
  /** The security log of refusals, once kept; `GET /v2/onego/security/refusals` reads it. */
  refusals?: () => RefusalLog | undefined;
  /** Backoff and lockout on wrong passwords (login and Basic); absent = unlimited tries. */
  loginThrottle?: LoginThrottle;
}

/**
 * Who is calling this request and what they may do; routes reach it through {@link requestAuth}. With
 * auth off there is no principal and everything is permitted.
 */
export interface RequestAuth {
  readonly principal?: Principal;
  /** Recorded on the records this request causes. */
  readonly context: CommandContext;
  /**
   * Throws a 403 problem (and reports the attempt) unless the principal may do this; for a user task the
   * principal may not read, a 404 just like a missing task's.
   */
  require(request: AuthorizationRequest): void;
  /** Whether the principal may do this, without reporting anything (for filtering search results). */
  allows(request: AuthorizationRequest): boolean;
}

const AUTH_LOCAL = 'onegoAuth';

/** Largest login body: a username and a password fit many times over. */
const LOGIN_BODY_LIMIT = '16kb';

/**
 * Permissions for routes whose modules do not ask themselves (topology and clock came before identity).
 * Checked by the middleware right after authentication.
 */
const GUARDED_ROUTES: { method: string; path: RegExp; action: 'clock:change' | 'topology:read' }[] = [
  { method: 'PUT', path: /^\/clock\/?$/, action: 'clock:change' },
  { method: 'POST', path: /^\/clock\/reset\/?$/, action: 'clock:change' },
  { method: 'GET', path: /^\/topology\/?$/, action: 'topology:read' },
];

/** The auth of the request being answered; set by the authentication middleware. */
export function requestAuth(response: Response): RequestAuth {
  const auth = response.locals[AUTH_LOCAL] as RequestAuth | undefined;
  if (!auth) throw new Error('Expected the authentication middleware to run before the routes, but it did not');
  return auth;
}

const OPEN_AUTH: RequestAuth = { context: {}, require() {}, allows: () => true };

function principalAuth(principal: Principal, request: Request, onDenied: (attempt: DeniedAttempt) => void): RequestAuth {
  return {
    principal,
    context: { actor: principal.username },
    require(authorizationRequest) {
      const decision = authorize(principal, authorizationRequest);
      if (decision.allowed) return;
      onDenied({
        actor: principal.username,
        attempted: `${request.method} ${request.originalUrl}`,
        reason: decision.reason,
        kind: 'forbidden',
        at: Date.now(),
      });
      // A task the caller may not even see answers exactly like a missing one, so task keys cannot be probed.
      if ('task' in authorizationRequest && !authorize(principal, { action: 'user-task:read', task: authorizationRequest.task }).allowed) {
        throw new HttpProblem(404, 'NOT_FOUND', `User task with key '${authorizationRequest.task.userTaskKey}' not found`);
      }
      throw new HttpProblem(403, 'FORBIDDEN', decision.reason);
    },
    allows: (authorizationRequest) => authorize(principal, authorizationRequest).allowed,
  };
}

/** Camunda 8's `GET /v2/authentication/me` body for a principal. */
export function currentUserBody(principal: Principal | undefined, directory?: IdentityDirectory) {
  return {
    username: principal?.username ?? 'anonymous',
    displayName: principal?.name ?? 'anonymous',
    email: principal?.email ?? '',
    authorizedApplications: ['*'],
    tenants: [{ tenantId: '<default>', name: 'Default' }],
    groups: (principal?.groups ?? []).map((id) => directory?.groupName(id) ?? id),
    groupIds: [...(principal?.groups ?? [])],
    roles: [...(principal?.roles ?? [])],
    salesPlanType: '',
    c8Links: {},
    canLogout: principal !== undefined,
  };
}

function readLoginBody(request: Request): { username: string; password: string } {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const { username, password } = body;
  if (typeof username !== 'string' || username === '') throw new HttpProblem(400, 'INVALID_ARGUMENT', 'No username provided.');
  if (typeof password !== 'string' || password === '') throw new HttpProblem(400, 'INVALID_ARGUMENT', 'No password provided.');
  return { username, password };
}

/** The client's address as the socket sees it (no proxy headers: they are the caller's to forge). */
function clientAddress(request: Request): string {
  return request.socket.remoteAddress ?? 'unknown';
}

/**
 * The authentication module for the REST app: login/logout/me under `/v2/authentication`, then a
 * middleware that lets every other request through only with valid credentials (HTTP Basic, or the
 * session cookie the apps get from login). Mount it first, before every resource route.
 */
export function authenticationRoutes(options: RestAuthOptions): (context: RestRouteContext) => Router {
  const { mode, directory, sessions } = options;
  const onDenied = options.onDenied ?? (() => {});
  if (mode === 'basic' && (!directory || !sessions)) {
    throw new Error("Expected an identity directory and a session signer for --auth basic, but one is missing");
  }
  return () => {
    const router = Router();
    router.use(sameOriginGuard);

    // The only body read before authentication: a login, so a small one (16 KB).
    router.post('/authentication/login', express.json({ limit: LOGIN_BODY_LIMIT }), express.urlencoded({ extended: false, limit: LOGIN_BODY_LIMIT }), async (request, response) => {
      if (mode === 'none') {
        response.json(currentUserBody(undefined));
        return;
      }
      const { username, password } = readLoginBody(request);
      const address = clientAddress(request);
      const attempt = beginPasswordCheck(request, response, username, address, password);
      let principal: Principal | undefined;
      try {
        principal = await directory!.authenticate(username, password);
      } catch (error) {
        attempt?.failed();
        throw error;
      }
      if (!principal) {
        attempt?.failed();
        const reason = `Expected a valid username and password, but the credentials for '${username}' were not accepted`;
        onDenied({ actor: username, attempted: 'POST /v2/authentication/login', reason, kind: 'unauthenticated', at: Date.now() });
        throw new HttpProblem(401, 'UNAUTHORIZED', reason);
      }
      attempt?.succeeded();
      const { token } = sessions!.issue(principal.username);
      response.setHeader('Set-Cookie', sessionCookie(token, sessions!.ttlMs, options.secureCookies));
      response.json(currentUserBody(principal, directory));
    });

    router.post('/authentication/logout', (request, response) => {
      // Ends the session on the server too: the same cookie, copied before, no longer works.
      const token = readSessionCookie(request.headers.cookie);
      if (token && sessions) sessions.revoke(token);
      response.setHeader('Set-Cookie', clearedSessionCookie(options.secureCookies));
      response.status(204).end();
    });

    router.use(async (request: Request, response: Response, next: NextFunction) => {
      if (mode === 'none') {
        response.locals[AUTH_LOCAL] = OPEN_AUTH;
        next();
        return;
      }
      try {
        const auth = principalAuth(await authenticate(request, response), request, onDenied);
        response.locals[AUTH_LOCAL] = auth;
        const guarded = GUARDED_ROUTES.find((route) => route.method === request.method && route.path.test(request.path));
        if (guarded) auth.require({ action: guarded.action });
        next();
      } catch (error) {
        if (!(error instanceof AuthenticationFailure)) throw error;
        onDenied({
          actor: claimedUsername(request.headers.authorization),
          attempted: `${request.method} ${request.originalUrl}`,
          reason: error.message,
          kind: 'unauthenticated',
          at: Date.now(),
        });
        // A browser app (cookie, or fetch marked as XHR) must not get the browser's Basic dialog.
        const fromApp = request.headers.cookie !== undefined || request.headers['x-requested-with'] !== undefined;
        if (!fromApp) response.setHeader('WWW-Authenticate', 'Basic realm="OneGo", charset="UTF-8"');
        throw new HttpProblem(401, 'UNAUTHORIZED', error.message);
      }
    });

    router.get('/authentication/me', (_request, response) => {
      response.json(currentUserBody(requestAuth(response).principal, directory));
    });

    /** Start a throttled password check, or answer 429 with Retry-After (and report the refusal). */
    function beginPasswordCheck(request: Request, response: Response, username: string, address: string, credential: string): LoginAttempt | undefined {
      const began = options.loginThrottle?.begin(username, address, credential);
      if (!began || !('detail' in began)) return began;
      const refusal = began;
      onDenied({ actor: username, attempted: `${request.method} ${request.originalUrl}`, reason: refusal.detail, kind: 'unauthenticated', at: Date.now() });
      response.setHeader('Retry-After', String(refusal.retryAfterSeconds));
      throw new HttpProblem(429, 'TOO_MANY_REQUESTS', refusal.detail);
    }

    async function authenticate(request: Request, response: Response): Promise<Principal> {
      if (request.headers.authorization) {
        // Basic credentials are a password guess too: the same backoff and lockout as the login form.
        const username = claimedUsername(request.headers.authorization);
        const address = clientAddress(request);
        const attempt = beginPasswordCheck(request, response, username, address, request.headers.authorization);
        try {
          const principal = await authenticateBasic(directory!, request.headers.authorization);
          attempt?.succeeded();
          return principal;
        } catch (error) {
          attempt?.failed();
          throw error;
        }
      }
      const token = readSessionCookie(request.headers.cookie);
      if (token) {
        const claims = sessions!.verify(token);
        const principal = claims && directory!.principal(claims.sub);
        if (principal) return principal;
        throw new AuthenticationFailure('unauthenticated', 'Expected a valid session, but the session cookie has expired or is not genuine; log in again');
      }
      throw new AuthenticationFailure('unauthenticated', 'Expected credentials (HTTP Basic or a session cookie), but there were none');
    }

    return router;
  };
}
