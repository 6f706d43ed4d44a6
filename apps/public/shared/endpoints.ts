/**
 * Every `/v2` endpoint the browser apps call, in one place: Camunda REST API v2 endpoints as Camunda documents
 * them (so the task list also works against a Camunda 8 cluster), and OneGo's own extension under `/v2/apps`
 * (or the engine's `/v2/onego`) where Camunda has none. `test/apps/endpoints.test.ts` checks the browser code calls nothing else and the
 * engine routes each.
 */

/** One endpoint: method, path template (`{name}` for a path parameter) and whose it is. */
export interface AppEndpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  owner: 'camunda' | 'onego';
}

/** The endpoints, by app area. */
export const APP_ENDPOINTS: readonly AppEndpoint[] = [
  // sign-in (every app)
  { method: 'POST', path: '/authentication/login', owner: 'camunda' },
  { method: 'POST', path: '/authentication/logout', owner: 'camunda' },
  { method: 'GET', path: '/authentication/me', owner: 'camunda' },
  // task list (its place filter is Camunda's `processInstanceVariables` on the case's `jurisdiction`: no route of its own)
  { method: 'POST', path: '/user-tasks/search', owner: 'camunda' },
  { method: 'GET', path: '/user-tasks/{userTaskKey}', owner: 'camunda' },
  { method: 'POST', path: '/user-tasks/{userTaskKey}/assignment', owner: 'camunda' },
  { method: 'DELETE', path: '/user-tasks/{userTaskKey}/assignee', owner: 'camunda' },
  { method: 'POST', path: '/user-tasks/{userTaskKey}/completion', owner: 'camunda' },
  { method: 'POST', path: '/user-tasks/{userTaskKey}/variables/search', owner: 'camunda' },
  { method: 'GET', path: '/user-tasks/{userTaskKey}/form', owner: 'camunda' },
  { method: 'POST', path: '/process-definitions/search', owner: 'camunda' },
  { method: 'POST', path: '/apps/task-cases', owner: 'onego' },
  { method: 'GET', path: '/apps/places', owner: 'onego' },
  { method: 'PATCH', path: '/user-tasks/{userTaskKey}', owner: 'camunda' },
  { method: 'GET', path: '/process-definitions/{processDefinitionKey}/form', owner: 'camunda' },
  { method: 'POST', path: '/process-instances', owner: 'camunda' },
  { method: 'POST', path: '/messages/correlation', owner: 'camunda' },
  { method: 'GET', path: '/apps/tasklist/cases/{processInstanceKey}', owner: 'onego' },
  { method: 'POST', path: '/apps/tasklist/cases/{processInstanceKey}/notes', owner: 'onego' },
  { method: 'GET', path: '/apps/tasklist/user-tasks/{userTaskKey}/assignees', owner: 'onego' },
  { method: 'GET', path: '/apps/tasklist/user-tasks/{userTaskKey}/assignee', owner: 'onego' },
  { method: 'GET', path: '/apps/tasklist/dashboard', owner: 'onego' },
  { method: 'POST', path: '/apps/tasklist/user-tasks/search', owner: 'onego' },
  // audit
  { method: 'GET', path: '/apps/audit/process-instances', owner: 'onego' },
  { method: 'GET', path: '/apps/audit/process-instances/{processInstanceKey}', owner: 'onego' },
  { method: 'GET', path: '/apps/audit/lights', owner: 'onego' },
  { method: 'GET', path: '/apps/audit/statistics', owner: 'onego' },
  { method: 'GET', path: '/apps/audit/export/{list}', owner: 'onego' },
  { method: 'GET', path: '/process-definitions/{processDefinitionKey}/xml', owner: 'camunda' },
  { method: 'POST', path: '/variables/search', owner: 'camunda' },
  { method: 'POST', path: '/incidents/search', owner: 'camunda' },
  { method: 'POST', path: '/element-instances/search', owner: 'camunda' },
  { method: 'GET', path: '/process-instances/{processInstanceKey}/statistics/element-instances', owner: 'camunda' },
  // admin
  { method: 'PATCH', path: '/jobs/{jobKey}', owner: 'camunda' },
  { method: 'POST', path: '/incidents/{incidentKey}/resolution', owner: 'camunda' },
  { method: 'GET', path: '/apps/calendar', owner: 'onego' },
  { method: 'POST', path: '/apps/calendar/import', owner: 'onego' },
  { method: 'POST', path: '/users/search', owner: 'camunda' },
  { method: 'POST', path: '/groups/search', owner: 'camunda' },
  { method: 'POST', path: '/groups/{groupId}/users/search', owner: 'camunda' },
  { method: 'POST', path: '/decision-definitions/search', owner: 'camunda' },
  { method: 'GET', path: '/decision-definitions/{decisionDefinitionKey}/xml', owner: 'camunda' },
  { method: 'GET', path: '/forms/{formKey}', owner: 'camunda' },
  { method: 'POST', path: '/onego/forms/search', owner: 'onego' },
];
