/**
 * The authorization decision of every REST API v2 route, per role: who passes the gate. `route-authorization`
 * checks each one against the running engine, and refuses a registered route that has no row here. Adding a
 * route? Add its row: who may call it (and, if it acts on a user task, which task it needs).
 */

/** The roles the table covers (demo identity). */
export const ROLES = ['anonymous', 'clerkA', 'clerkB', 'supervisor', 'auditor', 'admin', 'worker'] as const;
export type Role = (typeof ROLES)[number];

/** Which user task a task route is called with; each call gets a fresh one when it may change it. */
export type TaskFixture = 'shared-open' | 'fresh-open' | 'fresh-assigned-to-clerkA';

export interface RouteDecision {
  /** Roles that pass authorization; `public` = answered without credentials too (login, logout). */
  allowed: readonly Role[] | 'public';
  /** For `:userTaskKey` routes: the task to use. Other key parameters get a key that does not exist. */
  task?: TaskFixture;
  /** The JSON body sent (a function of the caller where it matters; no caller = anonymous). */
  body?: unknown | ((caller?: { username: string; password: string }) => unknown);
}

const PEOPLE_AND_MACHINES: Role[] = ['clerkA', 'clerkB', 'supervisor', 'auditor', 'admin', 'worker'];
const READERS: Role[] = ['auditor', 'admin'];
const ADMIN: Role[] = ['admin'];
const JOB_CLIENTS: Role[] = ['admin', 'worker'];
/** Who may read a 市场监管局 (department A) task: its department, their supervisor, auditors, admins. */
const TASK_READERS: Role[] = ['clerkA', 'supervisor', 'auditor', 'admin'];
const MISSING = '2251799813999999';

/** Keyed by `METHOD /v2/path` exactly as Express registers it. */
export const ROUTE_DECISIONS: Record<string, RouteDecision> = {
  'POST /v2/authentication/login': { allowed: 'public', body: (caller?: { username: string; password: string }) => caller ?? {} },
  'POST /v2/authentication/logout': { allowed: 'public' },
  'GET /v2/authentication/me': { allowed: PEOPLE_AND_MACHINES },
  'GET /v2/topology': { allowed: PEOPLE_AND_MACHINES },
  'PUT /v2/clock': { allowed: ADMIN, body: { timestamp: Date.parse('2026-12-01T02:00:00Z') } },
  'POST /v2/clock/reset': { allowed: ADMIN },
  'POST /v2/process-instances/:processInstanceKey/modification': { allowed: ADMIN, body: { activateInstructions: [], terminateInstructions: [] } },
  'POST /v2/deployments': { allowed: ADMIN, body: {} },
  'POST /v2/resources/:resourceKey/deletion': { allowed: ADMIN, body: {} },
  // Starting a case needs the role and CREATE_PROCESS_INSTANCE on its process: department A's process here.
  'POST /v2/process-instances': { allowed: ['clerkA', 'supervisor', 'admin'], body: { processDefinitionId: 'enterprise-opening', variables: { caseTitle: '授权表', dueAt: '' } } },
  'POST /v2/process-instances/search': { allowed: READERS, body: {} },
  'GET /v2/process-instances/:processInstanceKey': { allowed: READERS },
  'POST /v2/process-instances/:processInstanceKey/cancellation': { allowed: ADMIN, body: {} },
  'POST /v2/process-instances/:processInstanceKey/migration': { allowed: ADMIN, body: { targetProcessDefinitionKey: MISSING, mappingInstructions: [{ sourceElementId: 'a', targetElementId: 'a' }] } },
  'POST /v2/process-definitions/search': { allowed: PEOPLE_AND_MACHINES, body: {} },
  'GET /v2/process-definitions/:processDefinitionKey': { allowed: PEOPLE_AND_MACHINES },
  'GET /v2/process-definitions/:processDefinitionKey/xml': { allowed: PEOPLE_AND_MACHINES },
  'GET /v2/process-definitions/:processDefinitionKey/form': { allowed: ['clerkA', 'clerkB', 'supervisor', 'auditor', 'admin'] },
  'POST /v2/jobs/activation': { allowed: JOB_CLIENTS, body: { type: 'nobody-works-this', maxJobsToActivate: 1, timeout: 1000, requestTimeout: -1 } },
  'POST /v2/jobs/:jobKey/completion': { allowed: JOB_CLIENTS, body: { variables: {} } },
  'POST /v2/jobs/:jobKey/failure': { allowed: JOB_CLIENTS, body: { retries: 0 } },
  'POST /v2/jobs/:jobKey/error': { allowed: JOB_CLIENTS, body: { errorCode: 'x' } },
  'PATCH /v2/jobs/:jobKey': { allowed: JOB_CLIENTS, body: { changeset: { retries: 1 } } },
  'POST /v2/messages/publication': { allowed: ['clerkA', 'clerkB', 'supervisor', 'admin', 'worker'], body: { name: 'nobody-waits', correlationKey: 'k', timeToLive: 0 } },
  'POST /v2/messages/correlation': { allowed: ['clerkA', 'clerkB', 'supervisor', 'admin', 'worker'], body: { name: 'nobody-waits', correlationKey: 'k' } },
  'POST /v2/signals/broadcast': { allowed: JOB_CLIENTS, body: { signalName: 'nobody-waits' } },
  'POST /v2/decision-definitions/evaluation': { allowed: JOB_CLIENTS, body: { decisionDefinitionId: 'no-such-decision' } },
  'POST /v2/incidents/search': { allowed: READERS, body: {} },
  'GET /v2/incidents/:incidentKey': { allowed: READERS },
  'POST /v2/incidents/:incidentKey/resolution': { allowed: ADMIN, body: {} },
  'POST /v2/variables/search': { allowed: READERS, body: {} },
  'GET /v2/variables/:variableKey': { allowed: READERS },
  'PUT /v2/element-instances/:elementInstanceKey/variables': { allowed: JOB_CLIENTS, body: { variables: { note: 'x' } } },
  'POST /v2/element-instances/search': { allowed: READERS, body: {} },
  'GET /v2/element-instances/:elementInstanceKey': { allowed: READERS },
  'POST /v2/user-tasks/search': { allowed: ['clerkA', 'clerkB', 'supervisor', 'auditor', 'admin'], body: {} },
  'GET /v2/user-tasks/:userTaskKey': { allowed: TASK_READERS, task: 'shared-open' },
  // Claiming for oneself (staff, on an unassigned task of theirs), assigning (supervisor of the department, admin).
  'POST /v2/user-tasks/:userTaskKey/assignment': { allowed: ['clerkA', 'supervisor', 'admin'], task: 'fresh-open', body: (caller?: { username: string }) => ({ assignee: caller?.username ?? 'nobody' }) },
  'DELETE /v2/user-tasks/:userTaskKey/assignee': { allowed: ['clerkA', 'supervisor', 'admin'], task: 'fresh-assigned-to-clerkA' },
  // Only the assignee completes: not her supervisor, not the admin.
  'POST /v2/user-tasks/:userTaskKey/completion': { allowed: ['clerkA'], task: 'fresh-assigned-to-clerkA', body: { variables: {} } },
  'PATCH /v2/user-tasks/:userTaskKey': { allowed: ['supervisor', 'admin'], task: 'fresh-open', body: { changeset: { priority: 60 } } },
  'PATCH /v2/user-tasks/:userTaskKey/update': { allowed: ['supervisor', 'admin'], task: 'fresh-open', body: { priority: 70 } },
  'POST /v2/user-tasks/:userTaskKey/variables/search': { allowed: TASK_READERS, task: 'shared-open', body: {} },
  'GET /v2/user-tasks/:userTaskKey/form': { allowed: TASK_READERS, task: 'shared-open' },
  'GET /v2/onego/status': { allowed: READERS },
  'DELETE /v2/onego/login-locks/:username': { allowed: ADMIN },
  'GET /v2/onego/security/refusals': { allowed: READERS },
  'POST /v2/audit-logs/search': { allowed: READERS, body: {} },
  'GET /v2/audit-logs/:auditLogKey': { allowed: READERS },
  'GET /v2/status': { allowed: 'public' },
  'POST /v2/element-instances/wait-states/search': { allowed: READERS, body: {} },
  'POST /v2/element-instances/ad-hoc-activities/:adHocSubProcessInstanceKey/activation': { allowed: ADMIN, body: { elements: [{ elementId: 'A' }] } },
  // No process with a conditional start event is deployed there: whoever may start cases passes.
  'POST /v2/conditionals/evaluation': { allowed: ['clerkA', 'clerkB', 'supervisor', 'admin'], body: { variables: { x: 1 } } },
  'GET /v2/process-instances/:processInstanceKey/statistics/wait-states': { allowed: READERS },
  'POST /v2/message-subscriptions/search': { allowed: READERS, body: {} },
  'GET /v2/process-instances/:processInstanceKey/call-hierarchy': { allowed: READERS },
  'GET /v2/process-instances/:processInstanceKey/sequence-flows': { allowed: READERS },
  'POST /v2/process-instances/:processInstanceKey/incidents/search': { allowed: READERS, body: {} },
  'POST /v2/element-instances/:elementInstanceKey/incidents/search': { allowed: READERS, body: {} },
  'POST /v2/user-tasks/:userTaskKey/audit-logs/search': { allowed: TASK_READERS, task: 'shared-open', body: {} },
  'POST /v2/process-definitions/:processDefinitionKey/statistics/element-instances': { allowed: READERS, body: {} },
  'GET /v2/process-instances/:processInstanceKey/statistics/element-instances': { allowed: READERS },
  'POST /v2/process-definitions/statistics/process-instances': { allowed: READERS, body: {} },
  'POST /v2/process-definitions/statistics/process-instances-by-version': { allowed: READERS, body: { filter: { processDefinitionId: 'enterprise-opening' } } },
  'POST /v2/process-definitions/statistics/message-subscriptions': { allowed: READERS, body: {} },
  'POST /v2/incidents/statistics/process-instances-by-error': { allowed: READERS, body: {} },
  'POST /v2/incidents/statistics/process-instances-by-definition': { allowed: READERS, body: { filter: { errorHashCode: 1 } } },
  'POST /v2/authorizations/search': { allowed: READERS, body: {} },
  'GET /v2/authorizations/:authorizationKey': { allowed: READERS },
  // Authorizations come from the identity file: nobody may change them through the API.
  'POST /v2/authorizations': { allowed: [], body: { ownerType: 'USER', ownerId: 'zhang.san', resourceType: 'MESSAGE', resourceId: '*', permissionTypes: ['CREATE'] } },
  'PUT /v2/authorizations/:authorizationKey': { allowed: [], body: { ownerType: 'USER', ownerId: 'zhang.san', resourceType: 'MESSAGE', resourceId: '*', permissionTypes: ['CREATE'] } },
  'DELETE /v2/authorizations/:authorizationKey': { allowed: [] },
  // Camunda 8.10 lifecycle of one instance: admins only.
  'POST /v2/process-instances/:processInstanceKey/suspension': { allowed: ADMIN, body: {} },
  'POST /v2/process-instances/:processInstanceKey/resumption': { allowed: ADMIN, body: {} },
  'POST /v2/process-instances/:processInstanceKey/business-id-assignment': { allowed: ADMIN, body: { businessId: 'SD-AUTH-1' } },
  // Batch operations need the permission of their item command (all admin-only in the demo identity).
  'POST /v2/process-instances/cancellation': { allowed: ADMIN, body: { filter: { processDefinitionId: 'no-such-process' } } },
  'POST /v2/process-instances/suspension': { allowed: ADMIN, body: { filter: { processDefinitionId: 'no-such-process' } } },
  'POST /v2/process-instances/resumption': { allowed: ADMIN, body: { filter: { processDefinitionId: 'no-such-process' } } },
  'POST /v2/process-instances/incident-resolution': { allowed: ADMIN, body: { filter: { processDefinitionId: 'no-such-process' } } },
  'POST /v2/process-instances/migration': { allowed: ADMIN, body: { filter: { processDefinitionId: 'no-such-process' }, migrationPlan: { targetProcessDefinitionKey: MISSING, mappingInstructions: [] } } },
  'POST /v2/process-instances/modification': { allowed: ADMIN, body: { filter: { processDefinitionId: 'no-such-process' }, moveInstructions: [] } },
  'POST /v2/batch-operations/search': { allowed: READERS, body: {} },
  'GET /v2/batch-operations/:batchOperationKey': { allowed: READERS },
  'POST /v2/batch-operation-items/search': { allowed: READERS, body: {} },
  'POST /v2/batch-operations/:batchOperationKey/cancellation': { allowed: ADMIN, body: {} },
  'POST /v2/batch-operations/:batchOperationKey/suspension': { allowed: ADMIN, body: {} },
  'POST /v2/batch-operations/:batchOperationKey/resumption': { allowed: ADMIN, body: {} },
  'POST /v2/jobs/search': { allowed: READERS, body: {} },
  'POST /v2/expression/evaluation': { allowed: JOB_CLIENTS, body: { expression: '=1 + 1' } },
  // Deployed decisions and forms: decisions for auditors, admins and workers; forms for everyone who fills or reads them.
  'POST /v2/decision-definitions/search': { allowed: ['auditor', 'admin', 'worker'], body: {} },
  'GET /v2/decision-definitions/:decisionDefinitionKey': { allowed: ['auditor', 'admin', 'worker'] },
  'GET /v2/decision-definitions/:decisionDefinitionKey/xml': { allowed: ['auditor', 'admin', 'worker'] },
  'POST /v2/decision-requirements/search': { allowed: ['auditor', 'admin', 'worker'], body: {} },
  'GET /v2/decision-requirements/:decisionRequirementsKey': { allowed: ['auditor', 'admin', 'worker'] },
  'GET /v2/decision-requirements/:decisionRequirementsKey/xml': { allowed: ['auditor', 'admin', 'worker'] },
  'GET /v2/forms/:formKey': { allowed: ['clerkA', 'clerkB', 'supervisor', 'auditor', 'admin'] },
  'POST /v2/onego/forms/search': { allowed: ['clerkA', 'clerkB', 'supervisor', 'auditor', 'admin'], body: {} },
};

/** The key used for every key parameter that is not a user task: one that does not exist. */
export const MISSING_KEY = MISSING;
