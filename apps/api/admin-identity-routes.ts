/**
 * Read-only Camunda identity searches over OneGo's identity file, in the shapes of Camunda's REST API v2:
 * `POST /v2/users/search` ({ username, name, email }), `POST /v2/groups/search` ({ groupId, name }) and
 * `POST /v2/groups/{groupId}/users/search` ({ username }). Departments are groups. OneGo keeps users in a
 * reviewed file, so there is no create, update or delete; auditors and admins may read.
 */
import { Router } from 'express';
import { requestAuth } from '../../engine/gateway/rest/authentication';
import type { RestRouteContext } from '../../engine/gateway/rest/context';
import { HttpProblem } from '../../engine/gateway/rest/problem';
import { search, stringFilter, type SearchSpec } from '../../engine/gateway/rest/search';

/** A user as Camunda's user search answers it. */
interface UserResult {
  username: string;
  name: string;
  email?: string;
}

/** A group as Camunda's group search answers it. */
interface GroupResult {
  groupId: string;
  name: string;
}

const USER_SEARCH: SearchSpec<UserResult> = {
  noun: 'user',
  filters: { username: stringFilter((user) => user.username), name: stringFilter((user) => user.name), email: stringFilter((user) => user.email) },
  sortFields: { username: (user) => user.username, name: (user) => user.name, email: (user) => user.email },
  key: (user) => user.username,
};

const GROUP_SEARCH: SearchSpec<GroupResult> = {
  noun: 'group',
  filters: { groupId: stringFilter((group) => group.groupId), name: stringFilter((group) => group.name) },
  sortFields: { groupId: (group) => group.groupId, name: (group) => group.name },
  key: (group) => group.groupId,
};

const MEMBER_SEARCH: SearchSpec<{ username: string }> = {
  noun: 'group member',
  filters: { username: stringFilter((member) => member.username) },
  sortFields: { username: (member) => member.username },
  key: (member) => member.username,
};

/** The identity search routes, for `startEngineServer({ restRoutes })` next to the apps' routes. */
export function identitySearchRoutes(context: RestRouteContext): Router {
  const router = Router();
  const directory = () => {
    const found = context.auth?.directory;
    // With --auth none there are no accounts to list.
    if (!found) throw new HttpProblem(404, 'NOT_FOUND', 'Expected an identity file to list users and groups from, but this engine runs with --auth none. / 未启用身份认证（--auth none），没有用户和部门可列出。');
    return found;
  };
  // Workers are clients, not people: Camunda lists them as clients, so the user search leaves them out.
  const people = () => directory().allPrincipals().filter((principal) => !principal.roles.includes('worker'));

  router.post('/users/search', (request, response) => {
    requestAuth(response).require({ action: 'audit:read' });
    const users = people().map((principal): UserResult => ({ username: principal.username, name: principal.name, ...(principal.email ? { email: principal.email } : {}) }));
    response.json(search(users, USER_SEARCH, request.body));
  });

  router.post('/groups/search', (request, response) => {
    requestAuth(response).require({ action: 'audit:read' });
    response.json(search(directory().allGroups().map((group) => ({ groupId: group.id, name: group.name })), GROUP_SEARCH, request.body));
  });

  router.post('/groups/:groupId/users/search', (request, response) => {
    requestAuth(response).require({ action: 'audit:read' });
    const groupId = String(request.params.groupId);
    if (!directory().allGroups().some((group) => group.id === groupId)) throw new HttpProblem(404, 'NOT_FOUND', `Group with ID '${groupId}' not found / 没有部门或用户组「${groupId}」`);
    const members = people().filter((principal) => principal.groups.includes(groupId)).map((principal) => ({ username: principal.username }));
    response.json(search(members, MEMBER_SEARCH, request.body));
  });
  return router;
}
