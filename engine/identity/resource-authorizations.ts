/**
 * Resource authorizations as Camunda 8.8 models them: an owner (a user, a group or a role) holds permissions
 * on a resource type, for one resource id or for all (`*`). OneGo uses two resource types of Camunda's list:
 * PROCESS_DEFINITION (resource id = the BPMN process id) with CREATE_PROCESS_INSTANCE and
 * UPDATE_PROCESS_INSTANCE, and MESSAGE (resource id `*` or a message name) with CREATE.
 */

/** The resource types OneGo checks (a subset of Camunda 8.8's `AuthorizationResourceType`). */
export const RESOURCE_TYPES = ['PROCESS_DEFINITION', 'MESSAGE'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** The permissions each resource type knows (Camunda 8.8's `PermissionType` names). */
export const PERMISSIONS_BY_RESOURCE: Readonly<Record<ResourceType, readonly string[]>> = {
  PROCESS_DEFINITION: ['CREATE_PROCESS_INSTANCE', 'UPDATE_PROCESS_INSTANCE'],
  MESSAGE: ['CREATE'],
};

/** Permissions on a process definition: start an instance, or change a running one (messages, variables). */
export type ProcessPermission = 'CREATE_PROCESS_INSTANCE' | 'UPDATE_PROCESS_INSTANCE';

/** Camunda's owner types OneGo resolves (mapping rules and clients have no place in an identity file). */
export const OWNER_TYPES = ['USER', 'GROUP', 'ROLE'] as const;
export type OwnerType = (typeof OWNER_TYPES)[number];

/** The wildcard resource id: every resource of the type. */
export const ANY_RESOURCE = '*';

/** One authorization of the identity file, in the shape of Camunda 8.8's `POST /v2/authorizations` body. */
export interface AuthorizationEntry {
  ownerType: OwnerType;
  /** Username, group id or role name. */
  ownerId: string;
  resourceType: ResourceType;
  /** A BPMN process id or message name, or `*`. */
  resourceId: string;
  permissionTypes: string[];
}

/** Who is asking, as far as authorizations care. */
export interface AuthorizationOwner {
  username: string;
  groups: readonly string[];
  roles: readonly string[];
}

/**
 * The authorizations of one identity file, indexed for the question "may this owner do this permission on
 * this resource?" — answered by looking up the owner's user, groups and roles under the resource id and `*`.
 */
export class ResourceAuthorizations {
  /** `ownerType|ownerId|resourceType|permission` → resource ids. */
  private readonly grants = new Map<string, Set<string>>();

  constructor(entries: readonly AuthorizationEntry[]) {
    for (const entry of entries) {
      for (const permission of entry.permissionTypes) {
        const key = grantKey(entry.ownerType, entry.ownerId, entry.resourceType, permission);
        let ids = this.grants.get(key);
        if (!ids) this.grants.set(key, (ids = new Set()));
        ids.add(entry.resourceId);
      }
    }
  }

  /** Whether the owner holds `permission` on `resourceType` for `resourceId` (or on every resource of the type). */
  allows(owner: AuthorizationOwner, resourceType: ResourceType, permission: string, resourceId: string): boolean {
    const owners: [OwnerType, string][] = [['USER', owner.username]];
    for (const group of owner.groups) owners.push(['GROUP', group]);
    for (const role of owner.roles) owners.push(['ROLE', role]);
    for (const [type, id] of owners) {
      const ids = this.grants.get(grantKey(type, id, resourceType, permission));
      if (ids && (ids.has(ANY_RESOURCE) || ids.has(resourceId))) return true;
    }
    return false;
  }
}

function grantKey(ownerType: OwnerType, ownerId: string, resourceType: ResourceType, permission: string): string {
  return `${ownerType}|${ownerId}|${resourceType}|${permission}`;
}

/**
 * Camunda's FORBIDDEN rejection reason, followed by the same in Chinese for the people who read it:
 * "Insufficient permissions to perform operation 'CREATE_PROCESS_INSTANCE' on resource 'PROCESS_DEFINITION',
 * required resource identifiers are one of '[*, enterprise-opening]'". Without a resource id (MESSAGE CREATE
 * as Camunda checks it) the second clause is left out, as in Camunda.
 */
export function insufficientPermissions(permission: string, resourceType: ResourceType | 'USER_TASK', resourceId?: string): string {
  const required = resourceId === undefined ? '' : `, required resource identifiers are one of '[${ANY_RESOURCE}, ${resourceId}]'`;
  const target = resourceId === undefined ? RESOURCE_NAMES_ZH[resourceType] : `${RESOURCE_NAMES_ZH[resourceType]} '${resourceId}'`;
  return `Insufficient permissions to perform operation '${permission}' on resource '${resourceType}'${required} / 无权对${target}执行 ${permission}`;
}

const RESOURCE_NAMES_ZH: Record<ResourceType | 'USER_TASK', string> = {
  PROCESS_DEFINITION: '流程',
  MESSAGE: '消息',
  USER_TASK: '任务',
};
