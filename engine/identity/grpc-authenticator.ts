import { status, type Metadata } from '@grpc/grpc-js';
import type { CommandContext } from '../api';
import type { GrpcAuthenticator } from '../gateway/grpc/authentication';
import { GatewayError } from '../gateway/grpc/errors';
import type { GlobalAction } from './authorization';
import { AuthenticationFailure, authenticateBasic, requirePermission, type DeniedAttempt } from './credentials-check';
import type { IdentityDirectory } from './identity-directory';
import type { LoginThrottle } from './login-throttle';
import type { Principal } from './principal';

/** The permission each Gateway RPC needs. */
export const GRPC_METHOD_ACTIONS: Readonly<Record<string, GlobalAction>> = {
  Topology: 'topology:read',
  DeployResource: 'deployment:create',
  DeployProcess: 'deployment:create',
  DeleteResource: 'resource:delete',
  CreateProcessInstance: 'process-instance:create',
  CreateProcessInstanceWithResult: 'process-instance:create',
  CancelProcessInstance: 'process-instance:cancel',
  ModifyProcessInstance: 'process-instance:modify',
  MigrateProcessInstance: 'process-instance:modify',
  ActivateJobs: 'job:work',
  StreamActivatedJobs: 'job:work',
  CompleteJob: 'job:work',
  FailJob: 'job:work',
  ThrowError: 'job:work',
  UpdateJobRetries: 'job:work',
  UpdateJobTimeout: 'job:work',
  PublishMessage: 'message:publish',
  BroadcastSignal: 'signal:broadcast',
  SetVariables: 'variable:write',
  ResolveIncident: 'incident:resolve',
  EvaluateDecision: 'decision:evaluate',
  // 8.9: starts instances at the conditional start events that hold, as POST /v2/conditionals/evaluation does.
  EvaluateConditional: 'process-instance:create',
};

/** The `authorization` metadata value (grpc-js lower-cases keys). */
function authorizationHeader(metadata: Metadata): string | undefined {
  const [value] = metadata.get('authorization');
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.toString('utf8');
}

/**
 * A gRPC authenticator for the gateway's `authenticate` hook: Basic credentials in the `authorization`
 * metadata (what the SDK sends with `CAMUNDA_AUTH_STRATEGY=BASIC`), then the RPC's permission. Refusals
 * are UNAUTHENTICATED or PERMISSION_DENIED, and each one is reported to `onDenied`.
 */
export function createGrpcAuthenticator(
  directory: IdentityDirectory,
  onDenied: (attempt: DeniedAttempt) => void = () => {},
  loginThrottle?: LoginThrottle,
): GrpcAuthenticator {
  return async (metadata: Metadata, rpc: string): Promise<CommandContext> => {
    try {
      const principal = await checkPassword(metadata, rpc);
      const action = GRPC_METHOD_ACTIONS[rpc];
      if (!action) throw new AuthenticationFailure('forbidden', `Expected a known Gateway method, but '${rpc}' is not one`, principal);
      requirePermission(principal, { action });
      return { actor: principal.username };
    } catch (error) {
      if (!(error instanceof AuthenticationFailure)) throw error;
      onDenied({
        actor: error.principal?.username ?? claimedUsername(authorizationHeader(metadata)),
        attempted: `gRPC ${rpc}`,
        reason: error.message,
        kind: error.kind,
        at: Date.now(),
      });
      throw new GatewayError(error.kind === 'unauthenticated' ? status.UNAUTHENTICATED : status.PERMISSION_DENIED, error.message);
    }
  };

  /**
   * Basic credentials under the same backoff and lockout as REST logins (per account: the hook does not
   * see the peer address). A throttled call is RESOURCE_EXHAUSTED, reported like any refusal.
   */
  async function checkPassword(metadata: Metadata, rpc: string): Promise<Principal> {
    const header = authorizationHeader(metadata);
    if (!loginThrottle || header === undefined) return authenticateBasic(directory, header);
    const username = claimedUsername(header);
    const attempt = loginThrottle.begin(username, undefined, header);
    if ('detail' in attempt) {
      onDenied({ actor: username, attempted: `gRPC ${rpc}`, reason: attempt.detail, kind: 'unauthenticated', at: Date.now() });
      throw new GatewayError(status.RESOURCE_EXHAUSTED, attempt.detail);
    }
    try {
      const principal = await authenticateBasic(directory, header);
      attempt.succeeded();
      return principal;
    } catch (error) {
      attempt.failed();
      throw error;
    }
  }
}

/** The username a failed Basic header claimed, for the record of the attempt; never the password. */
export function claimedUsername(header: string | undefined): string {
  try {
    const match = /^\s*basic\s+(\S+)/i.exec(header ?? '');
    if (!match) return '(anonymous)';
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon > 0 ? decoded.slice(0, colon) : '(anonymous)';
  } catch {
    return '(anonymous)';
  }
}
