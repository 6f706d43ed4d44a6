import { Router, type Request, type Response } from 'express';
import type { UserTaskChangeset } from '../../../api';
import type { UserTaskFacts } from '../../../identity';
import { requestAuth, type RequestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { HttpProblem, badRequest } from '../problem';
import type { UserTaskView } from '../projections';
import { dateFilter, integerFilter, search, stringFilter, matchesAnyString, type SearchSpec } from '../projections/search';
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
import { VARIABLE_SEARCH, searchVariableBody } from './variables';
import { formBody } from './process-definitions';

const USER_TASK_SEARCH: SearchSpec<UserTaskView> = {
  noun: 'user task',
  filters: {
    state: stringFilter((item) => item.state),
    assignee: stringFilter((item) => item.assignee),
    priority: integerFilter((item) => item.priority),
    elementId: stringFilter((item) => item.elementId),
    name: stringFilter((item) => item.name),
    candidateGroup: (item, value, field) => matchesAnyString(item.candidateGroups, value, field),
    candidateUser: (item, value, field) => matchesAnyString(item.candidateUsers, value, field),
    tenantId: stringFilter((item) => item.tenantId),
    processDefinitionId: stringFilter((item) => item.processDefinitionId),
    creationDate: dateFilter((item) => item.creationDate),
    completionDate: dateFilter((item) => item.completionDate),
    followUpDate: dateFilter((item) => item.followUpDate),
    dueDate: dateFilter((item) => item.dueDate),
    // Applied by the route (they need the variable projection); accepted here so the field is known.
    processInstanceVariables: () => true,
    localVariables: () => true,
    userTaskKey: stringFilter((item) => item.userTaskKey),
    processDefinitionKey: stringFilter((item) => item.processDefinitionKey),
    processInstanceKey: stringFilter((item) => item.processInstanceKey),
    elementInstanceKey: stringFilter((item) => item.elementInstanceKey),
  },
  sortFields: {
    creationDate: (item) => item.creationDate,
    completionDate: (item) => item.completionDate,
    followUpDate: (item) => item.followUpDate,
    dueDate: (item) => item.dueDate,
    priority: (item) => item.priority,
    name: (item) => item.name,
  },
  key: (item) => item.userTaskKey,
};

function factsOf(task: UserTaskView): UserTaskFacts {
  return { userTaskKey: task.userTaskKey, assignee: task.assignee ?? null, candidateGroups: task.candidateGroups, candidateUsers: task.candidateUsers };
}

/** Settled states accept commands; transitional ones are busy (409); ended tasks are gone (404). */
const ENDED = new Set(['COMPLETED', 'CANCELED', 'FAILED']);

/** A user task as Camunda 8.8's UserTaskResult. */
function taskBody(task: UserTaskView): Record<string, unknown> {
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

/** Variable-value filters (`[{ name, value }]`) as Camunda's task search takes them. */
function readVariableFilters(filter: Record<string, unknown>, field: 'processInstanceVariables' | 'localVariables'): { name: string; value: unknown }[] {
  const raw = filter[field];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw badRequest(`Expected 'filter.${field}' to be an array of { name, value }, but was ${JSON.stringify(raw)}.`);
  return raw.map((entry: unknown, index) => {
    const { name, value } = (entry ?? {}) as { name?: unknown; value?: unknown };
    if (typeof name !== 'string' || name === '') throw badRequest(`No filter.${field}[${index}].name provided.`);
    return { name, value };
  });
}

/** User tasks: search, get, assignment, unassignment, completion, update, variables, form. */
export function userTaskRoutes(services: RestServices) {
  return (context: RestRouteContext): Router => {
    const router = Router();
    const { projections, directory } = services;
    const { userTasks } = projections;
    const { engine } = context;

    async function named(tasks: UserTaskView[]): Promise<UserTaskView[]> {
      for (const task of tasks) {
        if (task.name !== undefined && task.processName !== undefined) continue;
        const model = await projections.definitions.model(task.processDefinitionKey);
        task.name = model?.nodes.get(task.elementId)?.name ?? task.elementId;
        task.processName = model?.name ?? task.processDefinitionId;
      }
      return tasks;
    }

    /** The task, or 404; with `action`, also the authorization check for acting on it. */
    function taskOf(request: Request, response: Response): { key: string; task: UserTaskView; auth: RequestAuth } {
      const key = keyParam(request, 'userTaskKey');
      const auth = requestAuth(response);
      const task = userTasks.tasks.get(key);
      if (!task) throw new HttpProblem(404, 'NOT_FOUND', `User task with key '${key}' not found`);
      return { key, task, auth };
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
      const filter = (optionalObject(body, 'filter') ?? {}) as Record<string, unknown>;
      const processVariables = readVariableFilters(filter, 'processInstanceVariables');
      const localVariables = readVariableFilters(filter, 'localVariables');
      // Start from the narrowest index an exact filter allows.
      let candidates: Iterable<UserTaskView> = userTasks.tasks.values();
      if (typeof filter.userTaskKey === 'string') candidates = [userTasks.tasks.get(filter.userTaskKey)].filter((task): task is UserTaskView => !!task);
      else if (typeof filter.processInstanceKey === 'string') candidates = userTasks.fromIndex(userTasks.byProcessInstance, filter.processInstanceKey);
      else if (typeof filter.assignee === 'string') candidates = userTasks.fromIndex(userTasks.byAssignee, filter.assignee);
      else if (typeof filter.candidateGroup === 'string') candidates = userTasks.fromIndex(userTasks.byCandidateGroup, filter.candidateGroup);
      else if (typeof filter.state === 'string') candidates = userTasks.fromIndex(userTasks.byState, filter.state);
      else if (auth.principal && !auth.principal.roles.some((role) => role === 'auditor' || role === 'admin')) {
        // A clerk only ever sees tasks of their groups, their candidacy or their assignment: start there.
        const { username, groups } = auth.principal;
        const own = new Map<string, UserTaskView>();
        const add = (tasks: UserTaskView[]) => tasks.forEach((task) => own.set(task.userTaskKey, task));
        for (const group of groups) add(userTasks.fromIndex(userTasks.byCandidateGroup, group));
        add(userTasks.fromIndex(userTasks.byAssignee, username));
        add(userTasks.fromIndex(userTasks.byCandidateUser, username));
        candidates = own.values();
      }
      const needsNames = filter.name !== undefined || (Array.isArray(body.sort) && body.sort.some((entry) => (entry as { field?: unknown })?.field === 'name'));
      if (needsNames) candidates = await named([...candidates]);
      const variableMatch = (task: UserTaskView): boolean => {
        const local = projections.variables.visible([task.elementInstanceKey]);
        const inProcess = projections.variables.visible([task.processInstanceKey]);
        const matches = (pool: typeof local, wanted: { name: string; value: unknown }[], field: string) =>
          wanted.every(({ name, value }) => {
            const variable = pool.find((candidate) => candidate.name === name);
            return variable !== undefined && stringFilter<string>((text) => text)(variable.value, value, field);
          });
        return matches(inProcess, processVariables, 'filter.processInstanceVariables') && matches(local, localVariables, 'filter.localVariables');
      };
      const visible = (task: UserTaskView) =>
        auth.allows({ action: 'user-task:read', task: factsOf(task) }) && (processVariables.length + localVariables.length === 0 || variableMatch(task));
      const result = search(candidates, USER_TASK_SEARCH, body, visible);
      response.json({ items: (await named(result.items)).map(taskBody), page: result.page });
    });

    router.get('/user-tasks/:userTaskKey', async (request, response) => {
      const { task, auth } = taskOf(request, response);
      auth.require({ action: 'user-task:read', task: factsOf(task) });
      response.json(taskBody((await named([task]))[0]));
    });

    router.post('/user-tasks/:userTaskKey/assignment', async (request, response) => {
      const { key, task, auth } = taskOf(request, response);
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
      }
      requireActive(task, 'ASSIGN');
      if (!allowOverride && task.assignee && task.assignee !== assignee) {
        throw new HttpProblem(409, 'INVALID_STATE', `Command 'ASSIGN' rejected with code 'INVALID_STATE': Expected to assign user task with key '${key}', but it is already assigned to '${task.assignee}'`);
      }
      await engine.assignUserTask(key, assignee, { allowOverride, action }, auth.context);
      response.status(204).end();
    });

    router.delete('/user-tasks/:userTaskKey/assignee', async (request, response) => {
      const { key, task, auth } = taskOf(request, response);
      auth.require({ action: 'user-task:unassign', task: factsOf(task) });
      requireActive(task, 'ASSIGN');
      await engine.unassignUserTask(key, auth.context);
      response.status(204).end();
    });

    router.post('/user-tasks/:userTaskKey/completion', async (request, response) => {
      const { key, task, auth } = taskOf(request, response);
      const body = objectBody(request);
      const variables = optionalVariables(body);
      const action = optionalString(body, 'action') ?? 'complete';
      auth.require({ action: 'user-task:complete', task: factsOf(task) });
      requireActive(task, 'COMPLETE');
      await engine.completeUserTask(key, variables, action, auth.context);
      response.status(204).end();
    });

    const update = async (request: Request, response: Response) => {
      const { key, task, auth } = taskOf(request, response);
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

    router.post('/user-tasks/:userTaskKey/variables/search', (request, response) => {
      const { task, auth } = taskOf(request, response);
      auth.require({ action: 'user-task:read', task: factsOf(task) });
      const scopes = projections.instances.scopeChain(task.elementInstanceKey);
      if (!scopes.includes(task.processInstanceKey)) scopes.push(task.processInstanceKey);
      const truncate = request.query.truncateValues !== 'false';
      const result = search(projections.variables.visible(scopes), VARIABLE_SEARCH, objectBody(request));
      response.json({ items: result.items.map((item) => searchVariableBody(item, truncate)), page: result.page });
    });

    router.get('/user-tasks/:userTaskKey/form', (request, response) => {
      const { task, auth } = taskOf(request, response);
      auth.require({ action: 'user-task:read', task: factsOf(task) });
      const form = task.formKey ? projections.definitions.forms.get(task.formKey) : undefined;
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
