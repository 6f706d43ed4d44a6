import type { Role } from './identity-file';

/** An authenticated caller: what authorization decisions and the audit trail need to know about them. */
export interface Principal {
  username: string;
  /** Display name (Chinese for people). */
  name: string;
  groups: readonly string[];
  roles: readonly Role[];
  email?: string;
}

/** True when the principal holds the role. */
export function hasRole(principal: Principal, role: Role): boolean {
  return principal.roles.includes(role);
}
