/**
 * The apps' list pages as the browser calls them: each a request with the body or query string the page
 * sends (task list: `apps/public/tasklist/tasks-api.ts`; audit: `apps/public/audit/`), made by the user the
 * page belongs to, and what to print about the answer.
 */
import { DEPARTMENTS } from '../../engine/identity/departments';

/** One timed call. */
export interface PageCall {
  label: string;
  user: 'zhang.san' | 'li.si' | 'sun.shen';
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** < 1 s for lists, < 2 s for the statistics (issue 10). */
  targetMs: number;
  /** A short description of the answer (how many matched). */
  found(answer: unknown, bytes: number): string;
  /** The task list asks for its page's case facts after the search: the follow-up call, from the answer. */
  followUp?: (answer: unknown) => { path: string; body: unknown } | undefined;
}

const LIST = 1_000;
const STATISTICS = 2_000;
const PAGE = 50;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const tasks = (label: string, user: PageCall['user'], filter: Record<string, unknown>, sortField = 'dueDate'): PageCall => ({
  label,
  user,
  method: 'POST',
  path: '/v2/user-tasks/search',
  body: { filter, sort: [{ field: sortField, order: 'ASC' }, { field: 'creationDate', order: 'ASC' }], page: { from: 0, limit: PAGE } },
  targetMs: LIST,
  found: (answer: Any) => `${answer.page?.totalItems ?? '?'} tasks`,
  followUp: (answer: Any) => (answer.items?.length ? { path: '/v2/apps/task-cases', body: { userTaskKeys: answer.items.map((item: Any) => item.userTaskKey) } } : undefined),
});

const cases = (label: string, query: Record<string, string>): PageCall => ({
  label,
  user: 'sun.shen',
  method: 'GET',
  path: `/v2/apps/audit/process-instances?${new URLSearchParams({ limit: String(PAGE), ...query })}`,
  targetMs: LIST,
  found: (answer: Any) => `${answer.page?.totalItems ?? '?'}${answer.page?.hasMoreTotalItems ? '+' : ''} cases`,
});

const board = (label: string, query: Record<string, string>): PageCall => ({
  label,
  user: 'sun.shen',
  method: 'GET',
  path: `/v2/apps/audit/lights?${new URLSearchParams({ limit: String(PAGE), ...query })}`,
  targetMs: LIST,
  found: (answer: Any) => `${answer.page?.totalItems ?? '?'} of ${answer.counts?.all ?? '?'} open, ${answer.counts?.red ?? '?'} red`,
});

const exported = (label: string, path: string): PageCall => ({
  label,
  user: 'sun.shen',
  method: 'GET',
  path,
  targetMs: LIST,
  found: (_answer, bytes) => `${(bytes / 1024).toFixed(0)} KB`,
});

/** Every list page, in the order printed. `period` is the statistics' default 12 weeks up to the clock. */
export function pageCalls(period: { from: string; to: string }): PageCall[] {
  const department = 'market-regulation';
  const other = DEPARTMENTS[4].id;
  return [
    {
      label: '每页: 节假日横幅 (calendar banner)',
      user: 'zhang.san',
      method: 'GET',
      path: '/v2/apps/calendar',
      targetMs: LIST,
      found: (answer: Any) => `${answer.provisional?.openDeadlines ?? '?'} provisional`,
    },
    tasks('任务: 我的任务 (zhang.san)', 'zhang.san', { state: 'CREATED', assignee: 'zhang.san' }),
    tasks('任务: 本部门任务', 'zhang.san', { state: 'CREATED', candidateGroup: { $in: [department] } }),
    tasks('任务: 督办任务 (li.si)', 'li.si', { state: 'CREATED', candidateGroup: { $in: [`${department}-supervisors`] } }),
    tasks('任务: 已办任务', 'zhang.san', { state: 'COMPLETED', assignee: 'zhang.san' }, 'completionDate'),
    tasks('任务: 本部门 by case number', 'zhang.san', { state: 'CREATED', candidateGroup: { $in: [department] }, processInstanceVariables: [{ name: 'caseId', value: { $like: '*SD-2026-O-0001234*' } }] }),
    tasks('任务: 本部门 by applicant (title)', 'zhang.san', { state: 'CREATED', candidateGroup: { $in: [department] }, processInstanceVariables: [{ name: 'caseTitle', value: { $like: '*张张12*' } }] }),
    tasks('任务: 本部门 by task name', 'zhang.san', { state: 'CREATED', candidateGroup: { $in: [department] }, name: { $like: '*审查*' } }),
    // The light filter and sort (`POST /v2/apps/tasklist/user-tasks/search`, over every matching task).
    { ...tasks('任务: 本部门 红灯 (light filter)', 'zhang.san', { state: 'CREATED', candidateGroup: { $in: [department] }, caseLight: 'red' }), path: '/v2/apps/tasklist/user-tasks/search' },
    { ...tasks('任务: 本部门 sorted by light', 'zhang.san', { state: 'CREATED', candidateGroup: { $in: [department] } }, 'caseLight'), path: '/v2/apps/tasklist/user-tasks/search' },
    {
      label: '督办: 部门看板 (li.si)',
      user: 'li.si',
      method: 'GET',
      path: '/v2/apps/tasklist/dashboard',
      targetMs: LIST,
      found: (answer: Any) => `${Object.values(answer.byLight ?? {}).reduce((sum: number, n: Any) => sum + n, 0)} open, ${answer.overdue?.length ?? '?'} late`,
    },
    cases('案件: first page', {}),
    cases('案件: page 101 (offset 5000)', { from: '5000' }),
    cases('案件: open', { state: 'ACTIVE' }),
    cases('案件: one process, finished', { bpmnProcessId: 'talent-card', state: 'COMPLETED' }),
    cases('案件: one department', { department: other }),
    // 地区: a district's departments, and a city's with its districts' (finished cases built since the place rows).
    cases('案件: 地区 (a district)', { place: '370102' }),
    cases('案件: 地区 (city + districts), open', { place: '370100', state: 'ACTIVE' }),
    cases('案件: 地区 (city + districts)', { place: '370100' }),
    cases('案件: started in one week', { startedFrom: '2026-10-05', startedTo: '2026-10-11' }),
    cases('案件: case number prefix', { caseId: 'SD-2026-00012' }),
    cases('案件: applicant (3+ chars)', { applicant: '张张12' }),
    cases('案件: applicant (2 chars, no match: scan)', { applicant: '赵孙' }),
    cases('案件: free text (number part)', { text: '0012345' }),
    cases('案件: free text (title words)', { text: '商贸有限公司' }),
    cases('案件: free text (2 chars)', { text: '厂房' }),
    cases('案件: light red', { light: 'red' }),
    cases('案件: light paused', { light: 'paused' }),
    cases('案件: 超期办结', { light: 'overdue' }),
    cases('案件: 按时办结, one department', { light: 'onTime', department: other }),
    board('亮灯看板: first page', {}),
    board('亮灯看板: red', { colour: 'red' }),
    board('亮灯看板: one department', { department: other }),
    {
      label: '统计: 12 weeks, every process',
      user: 'sun.shen',
      method: 'GET',
      path: `/v2/apps/audit/statistics?from=${period.from}&to=${period.to}`,
      targetMs: STATISTICS,
      found: (answer: Any) => `${answer.totals?.finished ?? '?'} fin, ${answer.totals?.openOverdue ?? '?'} late`,
    },
    {
      label: '统计: 12 weeks, one process',
      user: 'sun.shen',
      method: 'GET',
      path: `/v2/apps/audit/statistics?from=${period.from}&to=${period.to}&bpmnProcessId=talent-card`,
      targetMs: STATISTICS,
      found: (answer: Any) => `${answer.totals?.finished ?? '?'} fin`,
    },
    exported('导出: cases CSV (one department, open)', `/v2/apps/audit/export/cases?format=csv&state=ACTIVE&department=${other}`),
    exported('导出: 亮灯看板 Excel (one department)', `/v2/apps/audit/export/lights?format=xlsx&department=${other}`),
    exported('导出: statistics Excel', `/v2/apps/audit/export/statistics?format=xlsx&from=${period.from}&to=${period.to}`),
  ];
}
