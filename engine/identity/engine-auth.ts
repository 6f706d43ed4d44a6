import type { EngineApi } from '../api';
import type { GrpcAuthenticator } from '../gateway/grpc/authentication';
import type { AuthMode } from './auth-mode';
import type { DeniedAttempt } from './credentials-check';
import { createGrpcAuthenticator } from './grpc-authenticator';
import { IdentityDirectory } from './identity-directory';
import { loadIdentityFile } from './identity-file';
import { LoginThrottle, type LoginThrottleOptions } from './login-throttle';
import { SessionSigner } from './session-token';

/** How `onego engine` authenticates its callers. */
export interface EngineAuthOptions {
  mode: AuthMode;
  /** The identity file; default `ONEGO_IDENTITY_FILE` or the demo file. */
  identityFile?: string;
  /** HMAC key for session cookies (≥ 32 bytes); default `ONEGO_SESSION_SECRET` or random per process. */
  sessionSecret?: string;
  /** Every refused attempt, REST or gRPC. */
  onDenied?: (attempt: DeniedAttempt) => void;
  /** Login rate limit and lockout settings (tests inject a clock here). */
  loginThrottle?: LoginThrottleOptions;
}

/** Everything both gateways need to authenticate; with `mode: 'none'` only the mode. */
export interface EngineAuth {
  mode: AuthMode;
  directory?: IdentityDirectory;
  sessions?: SessionSigner;
  onDenied?: (attempt: DeniedAttempt) => void;
  /** For the gRPC gateway's `authenticate` hook; absent with auth off. */
  grpc?: GrpcAuthenticator;
  /** Wrong-password backoff and lockout for login and Basic credentials; absent with auth off. */
  loginThrottle?: LoginThrottle;
  /** From now on, also write every refusal into this engine's record stream (AUTHORIZATION rejections). */
  recordTo(engine: EngineApi): void;
}

/** Load the identity file (with `basic`) and build the pieces both gateways plug in. */
export async function loadEngineAuth(options: EngineAuthOptions, env: NodeJS.ProcessEnv = process.env): Promise<EngineAuth> {
  let engine: EngineApi | undefined;
  const recordTo = (target: EngineApi) => {
    engine = target;
  };
  if (options.mode === 'none') return { mode: 'none', recordTo };
  const { DEMO_IDENTITY_PATH } = await import('./index');
  const path = options.identityFile ?? env.ONEGO_IDENTITY_FILE ?? DEMO_IDENTITY_PATH;
  const directory = new IdentityDirectory(await loadIdentityFile(path));
  const sessions = new SessionSigner({ secret: options.sessionSecret ?? env.ONEGO_SESSION_SECRET });
  const onDenied = (attempt: DeniedAttempt) => {
    options.onDenied?.(attempt);
    void engine?.recordDeniedAttempt({ actor: attempt.actor, attempted: attempt.attempted, reason: attempt.reason, kind: attempt.kind });
  };
  const loginThrottle = new LoginThrottle(options.loginThrottle);
  return { mode: 'basic', directory, sessions, onDenied, grpc: createGrpcAuthenticator(directory, onDenied), loginThrottle, recordTo };
}
