import { authorize, type AuthorizationRequest } from './authorization';
import { parseBasicAuthorization } from './basic-credentials';
import type { IdentityDirectory } from './identity-directory';
import type { Principal } from './principal';

/** Why a caller was turned away: no or wrong credentials (401) or not permitted (403). */
export class AuthenticationFailure extends Error {
  constructor(
    readonly kind: 'unauthenticated' | 'forbidden',
    message: string,
    /** Who was refused, when they did authenticate. */
    readonly principal?: Principal,
  ) {
    super(message);
    this.name = 'AuthenticationFailure';
  }
}

/** A refused attempt, reported so that it can be recorded for the auditors. */
export interface DeniedAttempt {
  /** The username that tried (as claimed when authentication failed). */
  actor: string;
  /** What was attempted: an authorization action, a gRPC method or an HTTP route. */
  attempted: string;
  /** Why it was refused. */
  reason: string;
  kind: 'unauthenticated' | 'forbidden';
  /** Wall-clock epoch ms. */
  at: number;
}

/** Check Basic credentials from an Authorization header; throws {@link AuthenticationFailure} ('unauthenticated'). */
export async function authenticateBasic(directory: IdentityDirectory, header: string | undefined): Promise<Principal> {
  let credentials;
  try {
    credentials = parseBasicAuthorization(header);
  } catch (error) {
    throw new AuthenticationFailure('unauthenticated', (error as Error).message);
  }
  if (!credentials) {
    throw new AuthenticationFailure('unauthenticated', 'Expected Basic credentials in the authorization header, but there were none');
  }
  const principal = await directory.authenticate(credentials.username, credentials.password);
  if (!principal) {
    throw new AuthenticationFailure('unauthenticated', `Expected a valid username and password, but the credentials for '${credentials.username}' were not accepted`);
  }
  return principal;
}

/** Throws {@link AuthenticationFailure} ('forbidden') unless the decision allows the request. */
export function requirePermission(principal: Principal, request: AuthorizationRequest): void {
  const decision = authorize(principal, request);
  if (!decision.allowed) throw new AuthenticationFailure('forbidden', decision.reason, principal);
}
