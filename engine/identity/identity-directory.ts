import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { GroupEntry, IdentityFile, UserEntry } from './identity-file';
import { verifyPassword } from './password-hash';
import type { Principal } from './principal';
import { ResourceAuthorizations, type AuthorizationEntry, type ResourceType } from './resource-authorizations';

/**
 * The users and groups of one identity file, able to check credentials. scrypt is deliberately slow, and
 * HTTP Basic sends the password with every request, so a successful check is remembered as an HMAC of the
 * password under a key that lives only in this process: a repeated request costs one HMAC, and the
 * remembered value is useless outside this process.
 */
export class IdentityDirectory {
  private readonly users = new Map<string, UserEntry>();
  private readonly groups = new Map<string, GroupEntry>();
  private readonly verified = new Map<string, Buffer>();
  /** Checks under way, by fingerprint: many workers starting at once share one scrypt run. */
  private readonly checking = new Map<string, Promise<Principal | undefined>>();
  private readonly cacheKey = randomBytes(32);
  private readonly authorizations: ResourceAuthorizations;
  /** The file's authorizations as written, for `/v2/authorizations`. */
  readonly authorizationEntries: readonly AuthorizationEntry[];

  constructor(file: IdentityFile) {
    for (const group of file.groups) this.groups.set(group.id, group);
    for (const user of file.users) this.users.set(user.username, user);
    this.authorizationEntries = file.authorizations ?? [];
    this.authorizations = new ResourceAuthorizations(this.authorizationEntries);
  }

  /** Whether the principal holds `permission` on the resource (through their user, a group or a role). */
  permits(principal: Principal, resourceType: ResourceType, permission: string, resourceId: string): boolean {
    return this.authorizations.allows(principal, resourceType, permission, resourceId);
  }

  /**
   * The engine's check of process permissions by actor (see `ProcessPermissionCheck` in engine/api/callers.ts). An
   * actor that is no account of this file did not come through a gateway (gateways only pass authenticated
   * usernames): it is the engine's own in-process caller, such as the demo seeding, and is not restricted.
   */
  processPermissions(): { allows(actor: string, resourceType: ResourceType, permission: string, resourceId: string): boolean } {
    return {
      allows: (actor, resourceType, permission, resourceId) => {
        const user = this.users.get(actor);
        return !user || this.authorizations.allows(user, resourceType, permission, resourceId);
      },
    };
  }

  /** The principal for a username, or undefined when no such user exists. */
  principal(username: string): Principal | undefined {
    const user = this.users.get(username);
    if (!user) return undefined;
    const principal: Principal = { username: user.username, name: user.name, groups: user.groups, roles: user.roles };
    if (user.email) principal.email = user.email;
    return principal;
  }

  /** The Chinese name of a group, or the id itself when unknown. */
  groupName(groupId: string): string {
    return this.groups.get(groupId)?.name ?? groupId;
  }

  /** Every group, in file order. */
  allGroups(): GroupEntry[] {
    return [...this.groups.values()];
  }

  /** Every user's principal, in file order. */
  allPrincipals(): Principal[] {
    return [...this.users.keys()].map((username) => this.principal(username)!);
  }

  /**
   * The principal when the password is right, otherwise undefined. An unknown username costs the same
   * scrypt work as a wrong password, so timing does not reveal which usernames exist.
   */
  async authenticate(username: string, password: string): Promise<Principal | undefined> {
    const user = this.users.get(username);
    const fingerprint = createHmac('sha256', this.cacheKey).update(`${username}\u0000${password}`).digest();
    if (user) {
      const remembered = this.verified.get(username);
      if (remembered && timingSafeEqual(remembered, fingerprint)) return this.principal(username);
    }
    const id = fingerprint.toString('hex');
    let check = this.checking.get(id);
    if (!check) {
      check = (async () => {
        const ok = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
        if (!user || !ok) return undefined;
        this.verified.set(username, fingerprint);
        return this.principal(username);
      })().finally(() => this.checking.delete(id));
      this.checking.set(id, check);
    }
    return check;
  }
}

/** A valid hash of a random password nobody knows, verified against when the username does not exist. */
const UNKNOWN_USER_HASH = `scrypt$32768$8$1$${randomBytes(16).toString('base64url')}$${randomBytes(32).toString('base64url')}`;
