import { Router, type Request, type Response } from 'express';
import type { UserTask as LiveUserTask, UserTaskChangeset } from '../../../api';
import type { UserTaskFacts } from '../../../identity';
import { assigneeOutsideDepartment } from '../../../identity/assignee-department';
import { requestAuth, type RequestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { HttpProblem, badRequest } from '../problem';
import { sqlGet, type SqlSearchSpec } from '../../../history';
import { USER_TASK_SEARCH, visibleTasksCondition, type UserTaskView } from '../../../history/readers/user-tasks';
import { VARIABLE_SEARCH, type VariableView } from '../../../history/readers/variables';
import { historyFor } from '../history-access';
import {
  keyParam,
  objectBody,
  optionalBoolean,
  optionalDateTime,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringList,
  optionalVariables,
  type Body,
} from '../request-fields';
import type { RestServices } from '../services';
import { searchVariableBody } from './variables';
import { formBody } from './process-definitions';
import { getFromHistory, searchHistory } from '../history-readers/history-reads';

function factsOf(task: UserTaskView): UserTaskFacts {
  return { userTaskKey: task.userTaskKey, assignee: task.assignee ?? null, candidateGroups: task.candidateGroups, candidateUsers: task.candidateUsers };
}

/** Settled states accept commands; transitional ones are busy (409); ended tasks are gone (404). */
const ENDED = new Set(['COMPLETED', 'CANCELED', 'FAILED']);

/** A user task as Camunda 8.8's UserTaskResult (the apps' task search with lights answers the same). */
export function taskBody(task: UserTaskView): Record<string, unknown> {
  return {
    name: task.name,
    state: task.state,
    assignee: task.assignee,
    elementId: task.elementId,
    candidateGroups: task.candidateGroups,
    candidateUsers: task.candidateUsers,
    processDefinitionId: task.processDefinitionId,
    creationDate: task.creationDate,
    completionDate: task.completionDate,
    followUpDate: task.followUpDate,
    dueDate: task.dueDate,
    tenantId: task.tenantId,
    externalFormReference: task.externalFormReference,
    processDefinitionVersion: task.processDefinitionVersion,
    customHeaders: task.customHeaders,
    priority: task.priority,
    userTaskKey: task.userTaskKey,
    elementInstanceKey: task.elementInstanceKey,
    processName: task.processName,
    processDefinitionKey: task.processDefinitionKey,
    processInstanceKey: task.processInstanceKey,
    formKey: task.formKey,
  };
}

/** An open task as the engine holds it now, in the answer's shape (commands check the live task). */
function liveView(task: LiveUserTask): UserTaskView {
  return {
    userTaskKey: task.userTaskKey,
    state: task.state as UserTaskView['state'],
    assignee: task.assignee === '' ? undefined : task.assignee,
    elementId: task.elementId,
    elementInstanceKey: task.elementInstanceKey,
    candidateGroups: task.candidateGroups,
    candidateUsers: task.candidateUsers,
    processDefinitionId: task.bpmnProcessId,
    processDefinitionKey: task.processDefinitionKey,
    processDefinitionVersion: task.processDefinitionVersion,
    processInstanceKey: task.processInstanceKey,
    creationDate: new Date(task.creationTimestamp).toISOString(),
    tenantId: task.tenantId,
    formKey: task.formKey === '-1' ? undefined : task.formKey,
    customHeaders: task.customHeaders,
    priority: task.priority,
  };
}

/**
 * The variables visible from a task's element instance: its scope chain (element, enclosing subprocesses, up
 * to the process instance, the root of every chain), innermost definition of each name winning — as one SQL
 * source for the variable search.
 */
const TASK_VARIABLE_SEARCH: SqlSearchSpec<VariableView> = {
  ...VARIABLE_SEARCH,
  from: `(WITH RECURSIVE chain (scope, depth) AS (
            SELECT CAST(? AS INTEGER), 0
            UNION ALL SELECT e.flow_scope_key, chain.depth + 1 FROM element_instances e JOIN chain ON e.element_instance_key = chain.scope
              WHERE e.flow_scope_key IS NOT NULL AND chain.depth < 64)
          SELECT v.* FROM variables v JOIN chain c ON v.scope_key = c.scope
          WHERE NOT EXISTS (SELECT 1 FROM variables w JOIN chain d ON w.scope_key = d.scope WHERE w.name = v.name AND d.depth < c.depth)) AS variables`,
};

/** User tasks: search, get, assignment, unassignment, completion, update, variables, form. */
export function userTaskRoutes(services: RestServices) {
  return (context: RestRouteContext): Router => {
    const router = Router();
    const { directory } = services;
    const { engine } = context;

    /**
     * The task, or 404; with `action`, also the authorization check for acting on it. Commands need the task as
     * it is now: an open task is read from the engine's live state; an ended one (for its 404) from history.
     */
    async function taskOf(request: Request, response: Response): Promise<{ key: string; task: UserTaskView; auth: RequestAuth }> {
      const key = keyParam(request, 'userTaskKey');
      const auth = requestAuth(response);
      const live = engine.getUserTask(key);
      const task = live ? liveView(live) : context.history ? sqlGet(context.history.db, USER_TASK_SEARCH, key) : undefined;
      if (!task) throw new HttpProblem(404, 'NOT_FOUND', `User task with key '${key}' not found`);
      // Visibility before anything else (body checks included), so a hidden task answers like a missing one.
      auth.require({ action: 'user-task:read', task: factsOf(task) });
      return { key, task, auth };
    }

    /**
     * The task as history has it (the caller's earlier commands included), or 404. A task history has not
     * reached within the bounded wait is answered from live state rather than called missing.
     */
    async function historicTask(request: Request, response: Response): Promise<{ task: UserTaskView; auth: RequestAuth }> {
      const key = keyParam(request, 'userTaskKey');
      const auth = requestAuth(response);
      const live = engine.getUserTask(key);
      const task = (await getFromHistory(context, USER_TASK_SEARCH, key)) ?? (live ? liveView(live) : undefined);
      if (!task) throw new HttpProblem(404, 'NOT_FOUND', `User task with key '${key}' not found`);
      auth.require({ action: 'user-task:read', task: factsOf(task) });
      return { task, auth };
    }

    function requireActive(task: UserTaskView, verb: string): void {
      if (ENDED.has(task.state)) {
        throw new HttpProblem(404, 'NOT_FOUND', `Command '${verb}' rejected with code 'NOT_FOUND': Expected to ${verb.toLowerCase()} user task with key '${task.userTaskKey}', but no such user task was found`);
      }
      if (task.state !== 'CREATED') {
        throw new HttpProblem(409, 'INVALID_STATE', `Command '${verb}' rejected with code 'INVALID_STATE': Expected to ${verb.toLowerCase()} user task with key '${task.userTaskKey}', but it is in state '${task.state}'`);
      }
    }

    router.post('/user-tasks/search', async (request, response) => {
      const auth = requestAuth(response);
      auth.require({ action: 'user-task:search' });
      const body = objectBody(request);
      optionalObject(body, 'filter');
      // A clerk only ever sees tasks of their groups, their candidacy or their assignment: the database filters.
      const result = await searchHistory(context, USER_TASK_SEARCH, body, visibleTasksCondition(auth.principal));
      const visible = result.items.filter((task) => auth.allows({ action: 'user-task:read', task: factsOf(task) }));
      response.json({ items: visible.map(taskBody), page: result.page });
    });

    router.get('/user-tasks/:userTaskKey', async (request, response) => {
      const { task, auth } = await historicTask(request, response);
      auth.require({ action: 'user-task:read', task: factsOf(task) });
      response.json(taskBody(task));
    });

    router.post('/user-tasks/:userTaskKey/assignment', async (request, response) => {
      const { key, task, auth } = await taskOf(request, response);
      const body = objectBody(request);
      const assignee = optionalString(body, 'assignee');
      if (assignee === undefined || assignee === '') throw badRequest('No assignee provided.');
      const allowOverride = optionalBoolean(body, 'allowOverride') ?? true;
      const action = optionalString(body, 'action') ?? 'assign';
      auth.require({ action: 'user-task:assign', task: factsOf(task), assignee });
      if (directory && auth.principal) {
        const target = directory.principal(assignee);
        if (!target) throw badRequest(`Expected the assignee '${assignee}' to be a known user, but there is no such user.`);
        if (!['staff', 'supervisor'].some((role) => target.roles.includes(role as 'staff'))) {
          throw badRequest(`Expected the assignee '${assignee}' to have the role 'staff' or 'supervisor', but has [${target.roles.join(', ')}].`);
        }
        // 转派 stays within the task's department (OneGo's rule, not Camunda's): see assignee-department.ts.
        const outside = assignee !== auth.principal.username ? assigneeOutsideDepartment(factsOf(task), target, (id) => directory.groupName(id)) : undefined;
        if (outside) throw new HttpProblem(403, 'FORBIDDEN', outside);
      }
      requireActive(task, 'ASSIGN');
      if (!allowOverride && task.assignee && task.assignee !== assignee) {
        throw new HttpProblem(409, 'INVALID_STATE', `Command 'ASSIGN' rejected with code 'INVALID_STATE': Expected to assign user task with key '${key}', but it is already assigned to '${task.assignee}'`);
      }
      await engine.assignUserTask(key, assignee, { allowOverride, action }, auth.context);
      response.status(204).end();
    });

    router.delete('/user-tasks/:userTaskKey/assignee', async (request, response) => {
      const { key, task, auth } = await taskOf(request, response);
      auth.require({ action: 'user-task:unassign', task: factsOf(task) });
      requireActive(task, 'ASSIGN');
      await engine.unassignUserTask(key, auth.context);
      response.status(204).end();
    });

    router.post('/user-tasks/:userTaskKey/completion', async (request, response) => {
      const { key, task, auth } = await taskOf(request, response);
      const body = objectBody(request);
      const variables = optionalVariables(body);
      const action = optionalString(body, 'action') ?? 'complete';
      auth.require({ action: 'user-task:complete', task: factsOf(task) });
      requireActive(task, 'COMPLETE');
      // People complete only their own tasks: the engine re-checks the assignee inside the command.
      await engine.completeUserTask(key, variables, action, auth.context, auth.principal?.username);
      response.status(204).end();
    });

    const update = async (request: Request, response: Response) => {
      const { key, task, auth } = await taskOf(request, response);
      const body = objectBody(request);
      // Camunda's shape is { changeset: {...}, action }; the SDK's REST client sends the changeset itself.
      const changesetBody: Body = optionalObject(body, 'changeset') ?? body;
      const changeset = readChangeset(changesetBody);
      if (Object.keys(changeset).length === 0) throw badRequest('No update data provided. Provide at least an "action" or a non-null value for a supported attribute in the "changeset".');
      auth.require({ action: 'user-task:update', task: factsOf(task) });
      requireActive(task, 'UPDATE');
      await engine.updateUserTask(key, changeset, optionalString(body, 'action') ?? 'update', auth.context);
      response.status(204).end();
    };
    router.patch('/user-tasks/:userTaskKey', update);
    router.patch('/user-tasks/:userTaskKey/update', update);

    router.post('/user-tasks/:userTaskKey/variables/search', async (request, response) => {
      const { task, auth } = await historicTask(request, response);
      auth.require({ action: 'user-task:read', task: factsOf(task) });
      const truncate = request.query.truncateValues !== 'false';
      const result = await searchHistory(context, TASK_VARIABLE_SEARCH, objectBody(request), { conditions: [], params: [task.elementInstanceKey] });
      response.json({ items: result.items.map((item) => searchVariableBody(item, truncate)), page: result.page });
    });

    router.get('/user-tasks/:userTaskKey/form', async (request, response) => {
      const { task, auth } = await historicTask(request, response);
      auth.require({ action: 'user-task:read', task: factsOf(task) });
      const form = task.formKey ? (await historyFor(context)).definitions.form(task.formKey) : undefined;
      if (!form) {
        response.status(204).end();
        return;
      }
      response.json(formBody(form));
    });
    return router;
  };
}

function readChangeset(body: Body): UserTaskChangeset {
  const changeset: UserTaskChangeset = {};
  if (body.dueDate !== undefined) changeset.dueDate = body.dueDate === null ? null : optionalDateTime(body, 'dueDate');
  if (body.followUpDate !== undefined) changeset.followUpDate = body.followUpDate === null ? null : optionalDateTime(body, 'followUpDate');
  if (body.candidateGroups !== undefined) changeset.candidateGroups = body.candidateGroups === null ? null : optionalStringList(body, 'candidateGroups');
  if (body.candidateUsers !== undefined) changeset.candidateUsers = body.candidateUsers === null ? null : optionalStringList(body, 'candidateUsers');
  if (body.priority !== undefined && body.priority !== null) changeset.priority = optionalInteger(body, 'priority', { min: 0, max: 100 });
  return changeset;
}
