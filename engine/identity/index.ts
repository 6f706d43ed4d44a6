/**
 * Identity and authorization: users and groups from an identity file (scrypt-hashed passwords), HTTP Basic
 * and session-cookie credentials, and the single decision of who may do what (`authorize`).
 *
 * @example
 * const directory = new IdentityDirectory(await loadIdentityFile(DEMO_IDENTITY_PATH));
 * const principal = await directory.authenticate('zhang.san', 'onego-demo');
 * authorize(principal!, { action: 'user-task:read', task }); // → { allowed: true } for a market-regulation task
 */
import { fileURLToPath } from 'node:url';

export { hashPassword, verifyPassword, parsePasswordHash, DEFAULT_SCRYPT_PARAMETERS, type ScryptParameters } from './password-hash';
export { parseIdentityFile, loadIdentityFile, ROLES, type Role, type IdentityFile, type UserEntry, type GroupEntry } from './identity-file';
export { IdentityDirectory } from './identity-directory';
export { hasRole, type Principal } from './principal';
export {
  authorize,
  type AuthorizationRequest,
  type AuthorizationDecision,
  type GlobalAction,
  type UserTaskAction,
  type UserTaskFacts,
} from './authorization';
export { parseBasicAuthorization, basicAuthorization, type BasicCredentials } from './basic-credentials';
export {
  SessionSigner,
  SESSION_COOKIE,
  sessionCookie,
  clearedSessionCookie,
  readSessionCookie,
  type SessionClaims,
  type SessionSignerOptions,
} from './session-token';
export { AuthenticationFailure, authenticateBasic, requirePermission, type DeniedAttempt } from './credentials-check';
export { createGrpcAuthenticator, GRPC_METHOD_ACTIONS } from './grpc-authenticator';
export { parseAuthMode, type AuthMode } from './auth-mode';
export { LoginThrottle, type LoginThrottleOptions, type LoginRefusal, type LoginAttempt } from './login-throttle';
export { RefusalLog, type RefusalLogOptions, type RefusalEntry } from './refusal-log';
export { loadEngineAuth, type EngineAuth, type EngineAuthOptions } from './engine-auth';
export { DEPARTMENTS, ROLE_GROUPS, supervisorsGroupOf } from './departments';
export { demoAccounts, demoPasswordOf, DEMO_PERSON_PASSWORD, DEMO_WORKER_PASSWORD } from './demo-identity';

/** The demo identity file `npm start` seeds (hashes only; passwords in README.md). */
export const DEMO_IDENTITY_PATH = fileURLToPath(new URL('./demo-identity.json', import.meta.url));
