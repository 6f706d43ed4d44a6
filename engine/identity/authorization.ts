import type { Role } from './identity-file';
import { hasRole, type Principal } from './principal';

/** Actions that concern no single user task; who may do them depends on the role alone. */
export type GlobalAction =
  | 'topology:read'
  | 'process-definition:read'
  | 'decision-definition:read'
  | 'form:read'
  | 'deployment:create'
  | 'resource:delete'
  | 'process-instance:create'
  | 'process-instance:read'
  | 'process-instance:cancel'
  | 'process-instance:modify'
  | 'element-instance:read'
  | 'variable:read'
  | 'variable:write'
  | 'incident:read'
  | 'incident:resolve'
  | 'job:work'
  | 'message:publish'
  | 'signal:broadcast'
  | 'decision:evaluate'
  | 'clock:change'
  | 'user-task:search'
  | 'audit:read'
  | 'login-lock:lift'
  | 'authorization:read'
  | 'authorization:write';

/** Actions on one user task; the decision also looks at the task's candidates and assignee. */
export type UserTaskAction = 'user-task:read' | 'user-task:assign' | 'user-task:unassign' | 'user-task:complete' | 'user-task:update';

/** What authorization needs to know about a user task. */
export interface UserTaskFacts {
  userTaskKey: string;
  assignee?: string | null;
  candidateGroups: readonly string[];
  candidateUsers: readonly string[];
}

/** Something a principal wants to do. */
export type AuthorizationRequest =
  | { action: GlobalAction }
  | { action: Exclude<UserTaskAction, 'user-task:assign'>; task: UserTaskFacts }
  /** `assignee` is who the task is to be assigned to (the caller themself when claiming). */
  | { action: 'user-task:assign'; task: UserTaskFacts; assignee: string };

export type AuthorizationDecision = { allowed: true } | { allowed: false; reason: string };

/**
 * Who may do each global action. Staff accept cases at the window (create instances) and record the
 * applicant's corrections (publish messages); auditors read everything and change nothing; admins run the
 * platform but do not decide cases; workers are the job clients. Searches of user tasks are open to
 * people, and each task in the result is then filtered by {@link authorize} with `user-task:read`.
 */
const GLOBAL_GRANTS: Record<GlobalAction, readonly Role[]> = {
  'topology:read': ['staff', 'supervisor', 'auditor', 'admin', 'worker'],
  'process-definition:read': ['staff', 'supervisor', 'auditor', 'admin', 'worker'],
  'decision-definition:read': ['auditor', 'admin', 'worker'],
  'form:read': ['staff', 'supervisor', 'auditor', 'admin'],
  'deployment:create': ['admin'],
  'resource:delete': ['admin'],
  'process-instance:create': ['staff', 'supervisor', 'admin'],
  'process-instance:read': ['auditor', 'admin'],
  'process-instance:cancel': ['admin'],
  'process-instance:modify': ['admin'],
  'element-instance:read': ['auditor', 'admin'],
  'variable:read': ['auditor', 'admin'],
  'variable:write': ['admin', 'worker'],
  'incident:read': ['auditor', 'admin'],
  'incident:resolve': ['admin'],
  'job:work': ['worker', 'admin'],
  'message:publish': ['staff', 'supervisor', 'admin', 'worker'],
  'signal:broadcast': ['admin', 'worker'],
  'decision:evaluate': ['admin', 'worker'],
  'clock:change': ['admin'],
  'user-task:search': ['staff', 'supervisor', 'auditor', 'admin'],
  'audit:read': ['auditor', 'admin'],
  'login-lock:lift': ['admin'],
  'authorization:read': ['auditor', 'admin'],
  // Authorizations come from the identity file: nobody changes them through the API (see UNGRANTED).
  'authorization:write': [],
};

/** Why an action nobody holds is refused, in Camunda's words for a missing permission and in Chinese. */
const UNGRANTED: Partial<Record<GlobalAction, string>> = {
  'authorization:write':
    "Insufficient permissions to perform operation 'UPDATE' on resource 'AUTHORIZATION': authorizations are read from the identity file (ONEGO_IDENTITY_FILE); change them there and restart the engine / 授权由身份文件定义，请修改身份文件后重启引擎",
};

const ALLOWED: AuthorizationDecision = { allowed: true };

function deny(principal: Principal, action: string, detail: string): AuthorizationDecision {
  return { allowed: false, reason: `Insufficient permissions: '${principal.username}' may not perform '${action}': ${detail}` };
}

/** A task is a staff member's when one of their groups is a candidate group, they are a candidate user, or it is theirs. */
function reachesByGroup(principal: Principal, task: UserTaskFacts): boolean {
  return task.candidateGroups.some((group) => principal.groups.includes(group));
}

function isOwnTask(principal: Principal, task: UserTaskFacts): boolean {
  return task.assignee === principal.username || task.candidateUsers.includes(principal.username) || reachesByGroup(principal, task);
}

/** Names the task only by key: a refusal must not tell the caller who else may work on it (issue 13). */
function describeTask(task: UserTaskFacts): string {
  return `user task ${task.userTaskKey}`;
}

function rolesList(roles: readonly Role[]): string {
  return roles.map((role) => `'${role}'`).join(' or ');
}

/**
 * The one authorization decision of OneGo: may this principal do this? Every gateway route asks here and
 * nowhere else, so the rules below are the whole policy.
 *
 * - staff: read a user task that is theirs (candidate group, candidate user or assignee); claim it while
 *   it is unassigned; unassign and complete it while it is assigned to them.
 * - supervisor: staff rights, plus, on tasks of their groups (their department and `<dept>-supervisors`,
 *   where 督办 tasks go), assign to anyone, take over, unassign anyone and change due dates/candidates.
 * - auditor: read everything; no action on tasks or anything else.
 * - admin: deploy, delete resources, cancel/modify instances, resolve incidents, set the clock, reassign
 *   tasks; never completes a case's task.
 * - worker: job endpoints, messages, signals, decisions.
 */
export function authorize(principal: Principal, request: AuthorizationRequest): AuthorizationDecision {
  if (!('task' in request)) {
    const granted = GLOBAL_GRANTS[request.action];
    if (granted.some((role) => hasRole(principal, role))) return ALLOWED;
    const ungranted = UNGRANTED[request.action];
    if (granted.length === 0 && ungranted) return { allowed: false, reason: ungranted };
    return deny(principal, request.action, `expected the role ${rolesList(granted)}, but has [${principal.roles.join(', ')}]`);
  }

  const { task } = request;
  const isAdmin = hasRole(principal, 'admin');
  const isAuditor = hasRole(principal, 'auditor');
  const isPerson = hasRole(principal, 'staff') || hasRole(principal, 'supervisor');
  const ownTask = isPerson && isOwnTask(principal, task);
  const supervises = hasRole(principal, 'supervisor') && reachesByGroup(principal, task);
  const assignedToCaller = task.assignee === principal.username;
  const notTheirs = `expected ${describeTask(task)} to be one of theirs (groups [${principal.groups.join(', ')}])`;

  switch (request.action) {
    case 'user-task:read':
      if (isAdmin || isAuditor || ownTask) return ALLOWED;
      return deny(principal, request.action, `${notTheirs}, but it is not`);
    case 'user-task:assign': {
      if (isAdmin || supervises) return ALLOWED;
      if (!ownTask) return deny(principal, request.action, `${notTheirs}, but it is not`);
      const claimsForSelf = request.assignee === principal.username;
      if (!claimsForSelf) {
        return deny(principal, request.action, `expected to assign only to themself, but the assignee is '${request.assignee}' (assigning to others needs the role 'supervisor')`);
      }
      if (task.assignee && !assignedToCaller) {
        return deny(principal, request.action, `expected ${describeTask(task)} to be unassigned, but taking it over needs the role 'supervisor'`);
      }
      return ALLOWED;
    }
    case 'user-task:unassign':
      if (isAdmin || supervises || (ownTask && assignedToCaller)) return ALLOWED;
      if (!ownTask) return deny(principal, request.action, `${notTheirs}, but it is not`);
      return deny(principal, request.action, `expected ${describeTask(task)} to be assigned to them, but it is not (unassigning others needs the role 'supervisor')`);
    case 'user-task:complete':
      if (ownTask && assignedToCaller) return ALLOWED;
      if (!isPerson) return deny(principal, request.action, `expected the role 'staff' or 'supervisor', but has [${principal.roles.join(', ')}]`);
      if (!ownTask) return deny(principal, request.action, `${notTheirs}, but it is not`);
      return deny(principal, request.action, `expected ${describeTask(task)} to be assigned to them, but it is not (claim it first)`);
    case 'user-task:update':
      if (isAdmin || supervises) return ALLOWED;
      return deny(principal, request.action, `expected the role 'supervisor' over ${describeTask(task)} or 'admin', but has [${principal.roles.join(', ')}] with groups [${principal.groups.join(', ')}]`);
  }
}
