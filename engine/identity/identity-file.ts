import { readFile } from 'node:fs/promises';
import { parsePasswordHash } from './password-hash';
import { OWNER_TYPES, PERMISSIONS_BY_RESOURCE, RESOURCE_TYPES, type AuthorizationEntry, type OwnerType, type ResourceType } from './resource-authorizations';

/** Who-may-do-what roles; see `authorization.ts` for what each one permits. */
export const ROLES = ['staff', 'supervisor', 'auditor', 'admin', 'worker'] as const;
export type Role = (typeof ROLES)[number];

/** A group: a department (candidate group of user tasks), its supervisors, or a role group. */
export interface GroupEntry {
  /** The candidate-group id the models use, e.g. `market-regulation`. */
  id: string;
  /** Chinese name, e.g. 市场监管局. */
  name: string;
}

/** A person or a client (worker) allowed to call the engine. */
export interface UserEntry {
  /** Login name, lower-case ASCII (`zhang.san`, `onego-worker`). */
  username: string;
  /** Display name, Chinese for people. */
  name: string;
  /** `scrypt$N$r$p$salt$hash`; never the password itself. */
  passwordHash: string;
  /** Group ids, each declared in `groups`. */
  groups: string[];
  roles: Role[];
  email?: string;
}

/**
 * The identity file: `{ "groups": GroupEntry[], "users": UserEntry[], "authorizations"?: AuthorizationEntry[] }`
 * (see engine/identity/README.md). Without `authorizations` nobody holds a resource permission.
 */
export interface IdentityFile {
  groups: GroupEntry[];
  users: UserEntry[];
  authorizations?: AuthorizationEntry[];
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const GROUP_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

function fail(where: string, expected: string, but: string): never {
  throw new Error(`Identity file ${where}: expected ${expected}, but ${but}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(where, 'a non-empty string', `was ${JSON.stringify(value)}`);
  return value;
}

function stringList(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    fail(where, 'an array of strings', `was ${JSON.stringify(value)}`);
  }
  return value as string[];
}

/**
 * Validate parsed JSON as an identity file. Every problem names its place (`users[3].groups`) so a
 * mistyped file is fixed in one go; nothing half-valid is ever accepted.
 */
export function parseIdentityFile(json: unknown): IdentityFile {
  if (!isObject(json)) fail('root', 'an object with "groups" and "users"', `was ${Array.isArray(json) ? 'an array' : typeof json}`);
  if (!Array.isArray(json.groups)) fail('groups', 'an array', `was ${JSON.stringify(json.groups)}`);
  if (!Array.isArray(json.users)) fail('users', 'an array', `was ${JSON.stringify(json.users)}`);

  const groups: GroupEntry[] = [];
  const groupIds = new Set<string>();
  json.groups.forEach((group: unknown, index: number) => {
    const where = `groups[${index}]`;
    if (!isObject(group)) fail(where, 'an object', `was ${JSON.stringify(group)}`);
    const id = nonEmptyString(group.id, `${where}.id`);
    if (!GROUP_ID.test(id)) fail(`${where}.id`, 'lower-case letters, digits and dashes', `was '${id}'`);
    if (groupIds.has(id)) fail(`${where}.id`, 'unique group ids', `'${id}' appears twice`);
    groupIds.add(id);
    groups.push({ id, name: nonEmptyString(group.name, `${where}.name`) });
  });

  const users: UserEntry[] = [];
  const usernames = new Set<string>();
  json.users.forEach((user: unknown, index: number) => {
    const where = `users[${index}]`;
    if (!isObject(user)) fail(where, 'an object', `was ${JSON.stringify(user)}`);
    const username = nonEmptyString(user.username, `${where}.username`);
    if (!USERNAME.test(username)) fail(`${where}.username`, 'lower-case letters, digits, ".", "_" or "-"', `was '${username}'`);
    if (usernames.has(username)) fail(`${where}.username`, 'unique usernames', `'${username}' appears twice`);
    usernames.add(username);
    if ('password' in user) fail(`${where}`, 'only a passwordHash', 'it holds a plain-text "password"');
    const passwordHash = nonEmptyString(user.passwordHash, `${where}.passwordHash`);
    try {
      parsePasswordHash(passwordHash);
    } catch (error) {
      fail(`${where}.passwordHash`, 'a valid scrypt hash', (error as Error).message);
    }
    const userGroups = stringList(user.groups, `${where}.groups`);
    for (const group of userGroups) {
      if (!groupIds.has(group)) fail(`${where}.groups`, 'groups declared in "groups"', `'${group}' is not`);
    }
    const roles = stringList(user.roles, `${where}.roles`);
    for (const role of roles) {
      if (!(ROLES as readonly string[]).includes(role)) fail(`${where}.roles`, `roles from ${ROLES.join(', ')}`, `'${role}' is not one`);
    }
    if (roles.length === 0) fail(`${where}.roles`, 'at least one role', 'there is none');
    const entry: UserEntry = {
      username,
      name: nonEmptyString(user.name, `${where}.name`),
      passwordHash,
      groups: userGroups,
      roles: roles as Role[],
    };
    if (user.email !== undefined) entry.email = nonEmptyString(user.email, `${where}.email`);
    users.push(entry);
  });
  const authorizations = parseAuthorizations(json.authorizations, { users: usernames, groups: groupIds });
  return { groups, users, authorizations };
}

/** The optional `authorizations` list: each owner must exist, each permission must belong to its resource type. */
function parseAuthorizations(value: unknown, known: { users: Set<string>; groups: Set<string> }): AuthorizationEntry[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail('authorizations', 'an array', `was ${JSON.stringify(value)}`);
  return value.map((entry: unknown, index: number): AuthorizationEntry => {
    const where = `authorizations[${index}]`;
    if (!isObject(entry)) fail(where, 'an object', `was ${JSON.stringify(entry)}`);
    const ownerType = nonEmptyString(entry.ownerType, `${where}.ownerType`);
    if (!(OWNER_TYPES as readonly string[]).includes(ownerType)) fail(`${where}.ownerType`, `one of ${OWNER_TYPES.join(', ')}`, `was '${ownerType}'`);
    const ownerId = nonEmptyString(entry.ownerId, `${where}.ownerId`);
    const declared = ownerType === 'USER' ? known.users.has(ownerId) : ownerType === 'GROUP' ? known.groups.has(ownerId) : (ROLES as readonly string[]).includes(ownerId);
    if (!declared) fail(`${where}.ownerId`, `a ${ownerType.toLowerCase()} declared in this file`, `'${ownerId}' is not`);
    const resourceType = nonEmptyString(entry.resourceType, `${where}.resourceType`);
    if (!(RESOURCE_TYPES as readonly string[]).includes(resourceType)) fail(`${where}.resourceType`, `one of ${RESOURCE_TYPES.join(', ')}`, `was '${resourceType}'`);
    const resourceId = nonEmptyString(entry.resourceId, `${where}.resourceId`);
    const permissionTypes = stringList(entry.permissionTypes, `${where}.permissionTypes`);
    const allowed = PERMISSIONS_BY_RESOURCE[resourceType as ResourceType];
    for (const permission of permissionTypes) {
      if (!allowed.includes(permission)) fail(`${where}.permissionTypes`, `permissions of ${resourceType} (${allowed.join(', ')})`, `'${permission}' is not one`);
    }
    if (permissionTypes.length === 0) fail(`${where}.permissionTypes`, 'at least one permission', 'there is none');
    return { ownerType: ownerType as OwnerType, ownerId, resourceType: resourceType as ResourceType, resourceId, permissionTypes };
  });
}

/** Read and validate an identity file from disk. */
export async function loadIdentityFile(path: string): Promise<IdentityFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`Identity file ${path}: expected a readable file, but ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Identity file ${path}: expected JSON, but ${(error as Error).message}`);
  }
  return parseIdentityFile(json);
}
