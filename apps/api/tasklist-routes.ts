/**
 * The task list's own routes under `/v2/apps/tasklist` (OneGo's extension, where Camunda has no endpoint):
 *
 * - `GET  /v2/apps/tasklist/cases/{processInstanceKey}` — the case header (applicant, number, 受理时间, lights),
 *   where it is now (its open steps and their departments) and the case so far in Chinese (the readable history,
 *   notes included) for someone who may read one of the case's tasks, the person who opened it (the window clerk
 *   following the case they accepted), or an auditor;
 * - `POST /v2/apps/tasklist/cases/{processInstanceKey}/notes` `{ text, kind?, userTaskKey? }` — add a note, or
 *   (kind `due-date`, supervisors) the reason for a due-date change just made with Camunda's
 *   `PATCH /v2/user-tasks/{key}`; stored in the case through the engine (`case-notes.ts`);
 * - `GET  /v2/apps/tasklist/user-tasks/{userTaskKey}/assignees` — whom a supervisor may reassign the task to:
 *   the people of its department (the engine refuses anyone else, see `engine/identity/assignee-department.ts`);
 * - `GET  /v2/apps/tasklist/dashboard` — the supervisor's department dashboard (`department-dashboard.ts`);
 * - `POST /v2/apps/tasklist/user-tasks/search` — Camunda's user task search plus `filter.caseLight` and the sort
 *   field `caseLight` (`task-light-search.ts`), over every matching task, for whom `POST /v2/user-tasks/search` serves.
 */
import { Router, type Response } from 'express';
import { requestAuth, type RequestAuth } from '../../engine/gateway/rest/authentication';
import type { RestRouteContext } from '../../engine/gateway/rest/context';
import { HttpProblem, badRequest } from '../../engine/gateway/rest/problem';
import { hasRole, type UserTaskFacts } from '../../engine/identity';
import { CaseNotesWriter, MAX_NOTE_LENGTH, type CaseNote } from './case-notes';
import type { CaseTaskRow } from './task-case-page';
import { taskBody } from '../../engine/gateway/rest/routes/user-tasks';
import { visibleTasksCondition } from '../../engine/history/readers/user-tasks';
import type { AppsReader } from './case-index/apps-reader';
import { splitCaseLight } from './task-light-search';

function notFound(key: string): HttpProblem {
  return new HttpProblem(404, 'NOT_FOUND', `未找到案件 ${key}，或您无权查看。 / Process instance with key '${key}' not found`);
}

/** The routes; `appsReader` gives the apps' reader thread after history caught up (it counts the lights too). */
export function tasklistRoutes(context: RestRouteContext, appsReader: () => Promise<AppsReader>): Router {
  const { engine } = context;
  const router = Router();
  const notes = new CaseNotesWriter(engine);

  /**
   * The case's tasks the caller may read (from history on the apps' reader thread); 404 when none (and not an
   * auditor, nor — with `starter` — the person who opened the case), so keys cannot be probed.
   */
  async function visibleCase(key: string, response: Response, starter = false): Promise<{ auth: RequestAuth; tasks: CaseTaskRow[]; reader: AppsReader }> {
    if (!/^\d{1,19}$/.test(key)) throw notFound(key);
    const auth = requestAuth(response);
    const reader = await appsReader();
    const tasks = await reader.read('caseTasks', key);
    const readable = tasks.filter((task) => auth.allows({ action: 'user-task:read', task }));
    if (readable.length === 0 && !auth.allows({ action: 'audit:read' })) {
      // The window clerk who accepted a case may follow it to the departments it went on to (reading, not writing).
      const username = auth.principal?.username;
      if (!starter || !username || (await reader.read('caseStarter', key)) !== username) throw notFound(key);
    }
    return { auth, tasks: readable, reader };
  }

  router.get('/apps/tasklist/cases/:processInstanceKey', async (request, response) => {
    const key = String(request.params.processInstanceKey);
    const { reader } = await visibleCase(key, response, true);
    // The header, notes and readable history on the reader thread too: a long case's history is thousands of rows.
    const page = await reader.read('taskCase', key, engine.clock.now());
    if (!page) throw notFound(key);
    response.json(page);
  });

  router.post('/apps/tasklist/cases/:processInstanceKey/notes', async (request, response) => {
    const key = String(request.params.processInstanceKey);
    const { auth, tasks } = await visibleCase(key, response);
    const body = (request.body ?? {}) as { text?: unknown; kind?: unknown; userTaskKey?: unknown };
    const noteText = typeof body.text === 'string' ? body.text.trim() : '';
    if (!noteText || noteText.length > MAX_NOTE_LENGTH) {
      throw badRequest(`备注须为 1 至 ${MAX_NOTE_LENGTH} 个字。 / Expected 'text' to be between 1 and ${MAX_NOTE_LENGTH} characters, but was ${JSON.stringify(body.text)}.`);
    }
    const kind = body.kind ?? 'note';
    if (kind !== 'note' && kind !== 'due-date') throw badRequest(`备注类型须为 note 或 due-date。 / Expected 'kind' to be 'note' or 'due-date', but was ${JSON.stringify(body.kind)}.`);
    // People who work the case write notes; auditors read them and write nothing.
    if (!auth.principal || !(hasRole(auth.principal, 'staff') || hasRole(auth.principal, 'supervisor'))) {
      if (auth.principal) throw new HttpProblem(403, 'FORBIDDEN', `只有经办人员和督办人员可以添加备注。 / Insufficient permissions: '${auth.principal.username}' may not add notes: expected the role 'staff' or 'supervisor'.`);
    }
    const task = body.userTaskKey === undefined ? undefined : tasks.find((row) => row.userTaskKey === body.userTaskKey);
    if (body.userTaskKey !== undefined && !task) throw badRequest(`任务 ${String(body.userTaskKey)} 不属于此案件。 / Expected 'userTaskKey' to be a task of process instance ${key}, but it is not.`);
    const note: CaseNote = { at: new Date(engine.clock.now()).toISOString(), by: auth.principal?.username ?? 'anonymous', text: noteText, kind };
    if (task) Object.assign(note, { userTaskKey: task.userTaskKey, step: task.name ?? undefined });
    if (kind === 'due-date') {
      // The reason documents a change the supervisor made: only who may change the task's dates gives one.
      if (!task) throw badRequest(`调整到期时间的理由须指明任务。 / Expected 'userTaskKey' with kind 'due-date'.`);
      auth.require({ action: 'user-task:update', task });
      const liveTask = engine.getUserTask(task.userTaskKey);
      if (!liveTask?.dueDate) throw new HttpProblem(409, 'INVALID_STATE', `任务 ${task.userTaskKey} 没有到期时间，请先调整到期时间再填写理由。 / Expected user task ${task.userTaskKey} to be open with a due date.`);
      note.dueDate = liveTask.dueDate;
    }
    if (!engine.getVariables(key)) throw new HttpProblem(409, 'INVALID_STATE', `案件已办结，不能再添加备注。 / Expected process instance ${key} to be active, but it has ended.`);
    const all = await notes.append(key, note, auth.context);
    response.status(200).json({ note, notes: all });
  });

  router.get('/apps/tasklist/user-tasks/:userTaskKey/assignees', async (request, response) => {
    const auth = requestAuth(response);
    const key = String(request.params.userTaskKey);
    const live = /^\d{1,19}$/.test(key) ? engine.getUserTask(key) : undefined;
    if (!live) throw new HttpProblem(404, 'NOT_FOUND', `User task with key '${key}' not found`);
    const task: UserTaskFacts = { userTaskKey: key, assignee: live.assignee || null, candidateGroups: live.candidateGroups, candidateUsers: live.candidateUsers };
    auth.require({ action: 'user-task:read', task });
    auth.require({ action: 'user-task:update', task });
    const directory = context.auth?.directory;
    const people = (directory?.allPrincipals() ?? [])
      .filter((person) => person.roles.some((role) => role === 'staff' || role === 'supervisor'))
      .filter((person) => task.candidateUsers.includes(person.username) || task.candidateGroups.some((group) => person.groups.includes(group)));
    response.json({
      items: people.map((person) => ({
        username: person.username,
        name: person.name,
        departments: person.groups.map((group) => directory!.groupName(group)),
        supervisor: person.roles.includes('supervisor'),
      })),
    });
  });

  // Who holds a task now, by name: a clerk who lost a claim race is told "已被 李四 领取". Only for a task the
  // caller may read, so it names nobody the caller could not already see as the task's assignee.
  router.get('/apps/tasklist/user-tasks/:userTaskKey/assignee', async (request, response) => {
    const auth = requestAuth(response);
    const key = String(request.params.userTaskKey);
    const live = /^\d{1,19}$/.test(key) ? engine.getUserTask(key) : undefined;
    if (!live) throw new HttpProblem(404, 'NOT_FOUND', `User task with key '${key}' not found`);
    auth.require({ action: 'user-task:read', task: { userTaskKey: key, assignee: live.assignee || null, candidateGroups: live.candidateGroups, candidateUsers: live.candidateUsers } });
    const username = live.assignee || null;
    const name = username ? (context.auth?.directory?.principal(username)?.name ?? username) : null;
    response.json({ username, name });
  });

  router.get('/apps/tasklist/dashboard', async (_request, response) => {
    const auth = requestAuth(response);
    const principal = auth.principal;
    if (principal && !hasRole(principal, 'supervisor')) {
      throw new HttpProblem(403, 'FORBIDDEN', `部门看板仅供督办人员使用。 / Insufficient permissions: '${principal.username}' may not read the department dashboard: expected the role 'supervisor'.`);
    }
    const directory = context.auth?.directory;
    const departments = (principal?.groups ?? [])
      .filter((group) => !group.endsWith('-supervisors'))
      .map((id) => ({ id, name: directory?.groupName(id) ?? id }));
    // On the apps' reader thread: a department may have thousands of open and a hundred thousand finished cases.
    response.json(await (await appsReader()).read('dashboard', departments, engine.clock.now()));
  });

  router.post('/apps/tasklist/user-tasks/search', async (request, response) => {
    const auth = requestAuth(response);
    auth.require({ action: 'user-task:search' });
    const { body, light } = splitCaseLight(request.body);
    // As Camunda's task search: the database keeps to the caller's tasks, and each one is checked again here.
    const result = await (await appsReader()).read('taskSearch', body, visibleTasksCondition(auth.principal), light, engine.clock.now());
    const visible = result.items.filter((task) =>
      auth.allows({ action: 'user-task:read', task: { userTaskKey: task.userTaskKey, assignee: task.assignee || null, candidateGroups: task.candidateGroups, candidateUsers: task.candidateUsers } }),
    );
    response.json({ items: visible.map(taskBody), page: result.page });
  });

  return router;
}
