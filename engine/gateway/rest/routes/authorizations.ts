import { Router } from 'express';
import type { AuthorizationEntry } from '../../../identity/resource-authorizations';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { HttpProblem, badRequest } from '../problem';
import { keyParam, objectBody } from '../request-fields';
import { search, type SearchSpec } from '../search';

/** Camunda 8.8's AuthorizationResult. */
interface AuthorizationView {
  authorizationKey: string;
  ownerId: string;
  ownerType: string;
  resourceType: string;
  resourceId: string;
  permissionTypes: string[];
}

/**
 * Keys of the identity file's authorizations: 2^51 + 1 + their index, in the range of partition 1's keys,
 * stable while the file is unchanged.
 */
const FIRST_KEY = 2n ** 51n + 1n;

function viewsOf(entries: readonly AuthorizationEntry[]): AuthorizationView[] {
  return entries.map((entry, index) => ({
    authorizationKey: String(FIRST_KEY + BigInt(index)),
    ownerId: entry.ownerId,
    ownerType: entry.ownerType,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    permissionTypes: [...entry.permissionTypes],
  }));
}

function exactly(field: 'ownerId' | 'ownerType' | 'resourceType') {
  return (item: AuthorizationView, value: unknown, where: string) => {
    if (typeof value !== 'string') throw badRequest(`Expected '${where}' to be a string, but was ${JSON.stringify(value)}.`);
    return item[field] === value;
  };
}

/** Camunda 8.8's AuthorizationFilter (plain values, `resourceIds` a list) and its sort fields. */
const AUTHORIZATION_SEARCH: SearchSpec<AuthorizationView> = {
  noun: 'authorization',
  filters: {
    ownerId: exactly('ownerId'),
    ownerType: exactly('ownerType'),
    resourceType: exactly('resourceType'),
    resourceIds: (item, value, where) => {
      if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) throw badRequest(`Expected '${where}' to be an array of strings, but was ${JSON.stringify(value)}.`);
      return value.includes(item.resourceId);
    },
  },
  sortFields: {
    ownerId: (item) => item.ownerId,
    ownerType: (item) => item.ownerType,
    resourceId: (item) => item.resourceId,
    resourceType: (item) => item.resourceType,
  },
  key: (item) => item.authorizationKey,
};

/**
 * Camunda 8.8's `/v2/authorizations`: search and get read the identity file's `authorizations` (auditors and
 * admins); create, update and delete answer 403 FORBIDDEN to everyone, because the file is where they are
 * kept (change it and restart). With `--auth none` there are none.
 */
export function authorizationRoutes(context: RestRouteContext): Router {
  const router = Router();
  const entries = () => viewsOf(context.auth?.directory?.authorizationEntries ?? []);

  router.post('/authorizations/search', (request, response) => {
    requestAuth(response).require({ action: 'authorization:read' });
    response.json(search(entries(), AUTHORIZATION_SEARCH, objectBody(request)));
  });

  router.get('/authorizations/:authorizationKey', (request, response) => {
    requestAuth(response).require({ action: 'authorization:read' });
    const key = keyParam(request, 'authorizationKey');
    const found = entries().find((entry) => entry.authorizationKey === key);
    if (!found) throw new HttpProblem(404, 'NOT_FOUND', `Authorization with key '${key}' not found`);
    response.json(found);
  });

  const refuseChange = (_request: unknown, response: Parameters<typeof requestAuth>[0]) => {
    requestAuth(response).require({ action: 'authorization:write' });
    // Only reached with --auth none, where nobody is checked: there is still no store to change.
    throw new HttpProblem(403, 'FORBIDDEN', "Insufficient permissions to perform operation 'UPDATE' on resource 'AUTHORIZATION': authorizations are read from the identity file / 授权由身份文件定义");
  };
  router.post('/authorizations', refuseChange);
  router.put('/authorizations/:authorizationKey', refuseChange);
  router.delete('/authorizations/:authorizationKey', refuseChange);
  return router;
}
