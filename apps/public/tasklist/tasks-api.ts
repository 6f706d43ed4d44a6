/**
 * The task list's calls: Camunda's `POST /v2/user-tasks/search` with filter (the case's place and number through
 * `processInstanceVariables`), sort and server paging;
 * OneGo's `POST /v2/apps/task-cases` for each task's case and lights, and its light filter and sort
 * (`POST /v2/apps/tasklist/user-tasks/search`); claim and release, where a lost
 * claim race is told as "已被 某某 领取".
 */
import { api, ApiError, type CurrentUser } from '../shared/api';
import type { CaseLight } from '../shared/lights';
import type { SearchResult } from '../shared/ui/use-search-page';

/** A user task as `/v2/user-tasks/search` answers it (the fields the app shows). */
export interface TaskItem {
  userTaskKey: string;
  name: string;
  state: string;
  processName: string;
  processDefinitionId: string;
  processInstanceKey: string;
  assignee?: string | null;
  candidateGroups: string[];
  creationDate: string;
  completionDate?: string | null;
  dueDate?: string | null;
  priority?: number;
  formKey?: string | null;
}

/** What `/v2/apps/task-cases` says about a task's case. */
export interface CaseFacts {
  caseId: string | null;
  caseTitle: string | null;
  light: CaseLight;
  /** 期限暂定 (the calendar helper's fields; absent on older servers). */
  provisional?: boolean;
  provisionalYear?: number | null;
  lightError?: string;
  /** The case's place (GB/T 2260 code) where the application named one. */
  jurisdiction?: string;
  /** The name of who holds this task (秦月), where the directory knows the account. */
  assigneeName?: string;
}

/** Which list. */
export type TaskView = 'mine' | 'group' | 'supervision' | 'done';

/** A light to filter open tasks by. */
export type LightFilter = 'red' | 'yellow' | 'green' | 'paused';

/** What the user searches, filters and sorts by. */
export interface TaskQuery {
  view: TaskView;
  searchField: 'caseId' | 'applicant' | 'name';
  text: string;
  processDefinitionId?: string;
  /** A place (GB/T 2260 code): only tasks whose case's `jurisdiction` is that place — for a city, it or one of its districts. */
  place?: string;
  /** The codes {@link TaskQuery.place} covers (the server's `covers` of the place; the code alone when absent). */
  placeCovers?: string[];
  light?: LightFilter;
  dueFrom?: string;
  dueTo?: string;
  sort: 'dueDate' | 'creationDate' | 'priority' | 'caseLight';
  order: 'ASC' | 'DESC';
}

/** The v2 search body for a query and page. */
export function searchBody(query: TaskQuery, user: CurrentUser, from: number, limit: number): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (query.view === 'mine') Object.assign(filter, { state: 'CREATED', assignee: user.username });
  // 本部门: the department's own groups; 督办: its `-supervisors` groups, where the models put 督办 tasks.
  const supervision = user.groupIds.filter((id) => id.endsWith('-supervisors'));
  const department = user.groupIds.filter((id) => !id.endsWith('-supervisors'));
  if (query.view === 'group') Object.assign(filter, { state: 'CREATED', candidateGroup: { $in: department.length ? department : ['-'] } });
  if (query.view === 'supervision') Object.assign(filter, { state: 'CREATED', candidateGroup: { $in: supervision.length ? supervision : ['-'] } });
  if (query.view === 'done') Object.assign(filter, { state: 'COMPLETED', assignee: user.username });
  // Camunda's `processInstanceVariables`: every entry must hold (AND); a value filter compares the variable's JSON text.
  const variables: { name: string; value: unknown }[] = [];
  // The case's own place, as the list shows it under the case number — not the department's, which differs where a
  // window handles another place's case (全域通办).
  if (query.place) variables.push({ name: 'jurisdiction', value: { $in: (query.placeCovers?.length ? query.placeCovers : [query.place]).map((code) => JSON.stringify(code)) } });
  const text = query.text.trim();
  // `*` and `?` are the wildcards of Camunda's $like; the user's own are taken literally.
  const like = `*${text.replace(/[*?\\]/g, (char) => `\\${char}`)}*`;
  if (text && query.searchField === 'name') filter.name = { $like: like };
  if (text && query.searchField === 'caseId') variables.push({ name: 'caseId', value: { $like: like } });
  // Every model's case title names the applicant or the enterprise ("医保关系转移接续：王五（青岛→济南）"); Camunda's
  // filter has no OR across variables, so the one title is what is searched.
  if (text && query.searchField === 'applicant') variables.push({ name: 'caseTitle', value: { $like: like } });
  if (variables.length) filter.processInstanceVariables = variables;
  if (query.processDefinitionId) filter.processDefinitionId = query.processDefinitionId;
  if (query.dueFrom || query.dueTo) filter.dueDate = { ...(query.dueFrom ? { $gte: query.dueFrom } : {}), ...(query.dueTo ? { $lte: query.dueTo } : {}) };
  // Finished tasks have no light to sort by (the view offers no such order; a kept choice falls back to due date).
  const sortField = query.view === 'done' ? (query.sort === 'creationDate' ? 'completionDate' : query.sort === 'caseLight' ? 'dueDate' : query.sort) : query.sort;
  return { filter, sort: [{ field: sortField, order: query.order }, { field: 'creationDate', order: 'ASC' }], page: { from, limit } };
}

/** One page of tasks. */
export function searchTasks(query: TaskQuery, user: CurrentUser, from: number, limit: number): Promise<SearchResult<TaskItem>> {
  return api<SearchResult<TaskItem>>('POST', '/user-tasks/search', searchBody(query, user, from, limit), '查询任务');
}

/**
 * One page of the open tasks whose case has `query.light`, or sorted by light: OneGo's
 * `POST /v2/apps/tasklist/user-tasks/search` takes the same body plus `filter.caseLight` and the sort field
 * `caseLight`, and filters and sorts every matching task on the server (Camunda's search knows nothing of lights).
 */
export function searchTasksByLight(query: TaskQuery, user: CurrentUser, from: number, limit: number): Promise<SearchResult<TaskItem>> {
  const body = searchBody(query, user, from, limit);
  if (query.light) (body.filter as Record<string, unknown>).caseLight = query.light;
  return api<SearchResult<TaskItem>>('POST', '/apps/tasklist/user-tasks/search', body, '查询任务');
}

/** The case facts of tasks, by task key. */
export async function caseFacts(keys: string[]): Promise<Record<string, CaseFacts>> {
  if (keys.length === 0) return {};
  return (await api<{ cases: Record<string, CaseFacts> }>('POST', '/apps/task-cases', { userTaskKeys: keys }, '查询案件')).cases;
}

/** A claim someone else won. */
export class ClaimLostError extends Error {
  constructor(readonly assignee: string) {
    super(`领取失败：任务已被 ${assignee} 领取`);
  }
}

/**
 * Claim for `user` without taking it from anyone: if the engine refuses, ask who holds the task now and
 * say so ({@link ClaimLostError}); otherwise rethrow the refusal.
 */
export async function claimTask(key: string, user: CurrentUser): Promise<void> {
  try {
    await api('POST', `/user-tasks/${key}/assignment`, { assignee: user.username, allowOverride: false }, '领取任务');
  } catch (error) {
    if (!(error instanceof ApiError) || (error.status !== 403 && error.status !== 409)) throw error;
    const now = await api<{ username: string | null; name: string | null }>('GET', `/apps/tasklist/user-tasks/${key}/assignee`).catch(() => undefined);
    if (now?.username && now.username !== user.username) throw new ClaimLostError(now.name ?? now.username);
    throw error;
  }
}

/** Give the task back to the department's pool (释放). */
export function releaseTask(key: string): Promise<void> {
  return api('DELETE', `/user-tasks/${key}/assignee`, undefined, '释放任务');
}
