import { join } from 'node:path';
import type { GrpcAuthenticator } from '../gateway/grpc/authentication';
import type { AuthMode } from './auth-mode';
import type { DeniedAttempt } from './credentials-check';
import { createGrpcAuthenticator } from './grpc-authenticator';
import { IdentityDirectory } from './identity-directory';
import { loadIdentityFile } from './identity-file';
import { LoginThrottle, type LoginThrottleOptions } from './login-throttle';
import { RefusalLog, type RefusalLogOptions } from './refusal-log';
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
  /** Security log settings besides its folder (tests inject a clock and small sizes here). */
  refusalLog?: Omit<RefusalLogOptions, 'dir'>;
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
  /** From now on, also keep every refusal in `<dataDir>/security/refusals.log` (not in the command log). */
  keepRefusalsIn(dataDir: string): RefusalLog;
  /** The security log, once {@link keepRefusalsIn} made it. */
  refusals(): RefusalLog | undefined;
}

/** Load the identity file (with `basic`) and build the pieces both gateways plug in. */
export async function loadEngineAuth(options: EngineAuthOptions, env: NodeJS.ProcessEnv = process.env): Promise<EngineAuth> {
  let log: RefusalLog | undefined;
  let loginThrottle: LoginThrottle | undefined;
  const keepRefusalsIn = (dataDir: string) => {
    log = new RefusalLog({ ...options.refusalLog, dir: join(dataDir, 'security') });
    // Account locks live next to the security log, so a restart does not lift them (issue 13).
    loginThrottle?.keepLocksIn(join(dataDir, 'security', 'login-locks.json'));
    return log;
  };
  const refusals = () => log;
  if (options.mode === 'none') return { mode: 'none', keepRefusalsIn, refusals };
  const { DEMO_IDENTITY_PATH } = await import('./index');
  const path = options.identityFile ?? env.ONEGO_IDENTITY_FILE ?? DEMO_IDENTITY_PATH;
  const directory = new IdentityDirectory(await loadIdentityFile(path));
  const sessions = new SessionSigner({ secret: options.sessionSecret ?? env.ONEGO_SESSION_SECRET });
  const onDenied = (attempt: DeniedAttempt) => {
    options.onDenied?.(attempt);
    log?.record(attempt);
  };
  loginThrottle = new LoginThrottle(options.loginThrottle);
  const grpc = createGrpcAuthenticator(directory, onDenied, loginThrottle);
  return { mode: 'basic', directory, sessions, onDenied, grpc, loginThrottle, keepRefusalsIn, refusals };
}
