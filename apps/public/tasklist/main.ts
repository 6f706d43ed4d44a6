/**
 * 任务列表: department staff see their own and their departments' open tasks with the case's 亮灯,
 * claim and unclaim them, and complete a task through its Camunda form.
 */
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '../shared/style.css';
import { api, type CurrentUser } from '../shared/api';
import { formatDateTime, h, mount } from '../shared/dom';
import { formatWorkingMinutes, lightBadge, type CaseLight } from '../shared/lights';
import { errorBox, header, signIn, startRouting } from '../shared/session';
import { taskPage } from './task-page';

/** A user task as `/v2/user-tasks/search` answers it (the fields the list shows). */
export interface TaskItem {
  userTaskKey: string;
  name: string;
  processName: string;
  processInstanceKey: string;
  assignee?: string | null;
  candidateGroups: string[];
  creationDate: string;
  dueDate?: string | null;
  formKey?: string | null;
}

/** What `/v2/apps/task-cases` says about each task's case. */
export interface CaseFacts {
  caseId: string | null;
  caseTitle: string | null;
  light: CaseLight;
  lightError?: string;
}

const TITLE = '任务列表';
const root = document.getElementById('app')!;
let user: CurrentUser;
let tab: 'mine' | 'group' = 'mine';

async function searchTasks(filter: Record<string, unknown>): Promise<TaskItem[]> {
  const result = await api<{ items: TaskItem[] }>('POST', '/user-tasks/search', { filter: { state: 'CREATED', ...filter }, page: { limit: 500 } }, '查询任务');
  return result.items;
}

/** My tasks (assigned to me), or my groups' tasks (candidate group one of mine). */
async function loadTasks(): Promise<TaskItem[]> {
  if (tab === 'mine') return searchTasks({ assignee: user.username });
  const byKey = new Map<string, TaskItem>();
  for (const group of user.groupIds) for (const task of await searchTasks({ candidateGroup: group })) byKey.set(task.userTaskKey, task);
  return [...byKey.values()].sort((a, b) => a.creationDate.localeCompare(b.creationDate));
}

/** The nearest due instant among the case's running deadlines (a paused one is not running out). */
function earliestDue(light: CaseLight | undefined): string | undefined {
  const running = (light?.deadlines ?? []).filter((deadline) => deadline.colour !== 'paused');
  return running.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0]?.dueAt;
}

function departmentNames(task: TaskItem): string {
  return task.candidateGroups.map((id) => user.groups[user.groupIds.indexOf(id)] ?? id).join('、');
}

async function listPage(): Promise<void> {
  const content = h('div', {}, h('p', { class: 'loading' }, '加载中…'));
  const tabButton = (name: typeof tab, label: string) =>
    h('button', { type: 'button', class: tab === name ? 'active' : undefined, 'data-tab': name, onclick: () => ((tab = name), void listPage()) }, label);
  mount(root, header(TITLE, user, [{ href: '#/', label: '任务' }]), h('main', {}, h('h1', {}, TITLE), h('div', { class: 'tabs' }, tabButton('mine', '我的任务'), tabButton('group', '本部门任务')), content));
  try {
    const tasks = await loadTasks();
    const facts =
      tasks.length === 0
        ? {}
        : (await api<{ cases: Record<string, CaseFacts> }>('POST', '/apps/task-cases', { userTaskKeys: tasks.map((task) => task.userTaskKey) }, '查询案件')).cases;
    if (tasks.length === 0) {
      mount(content, h('p', { class: 'muted' }, tab === 'mine' ? '您没有待办任务。可在“本部门任务”中领取。' : '本部门暂无待办任务。'));
      return;
    }
    const feedback = h('div', {});
    const rows = tasks.map((task) => taskRow(task, facts[task.userTaskKey], feedback));
    mount(
      content,
      feedback,
      h(
        'table',
        { class: 'tasks' },
        h('thead', {}, h('tr', {}, ...['案件', '任务', '事项', '部门', '办理人', '创建时间', '到期', '亮灯', '操作'].map((label) => h('th', {}, label)))),
        h('tbody', {}, ...rows),
      ),
    );
  } catch (error) {
    mount(content, errorBox(error));
  }
}

function taskRow(task: TaskItem, facts: CaseFacts | undefined, feedback: HTMLElement): HTMLElement {
  const act = (label: string, run: () => Promise<unknown>) =>
    h('button', {
      type: 'button',
      onclick: async () => {
        try {
          await run();
          await listPage();
        } catch (error) {
          mount(feedback, errorBox(error));
        }
      },
    }, label);
  const mine = task.assignee === user.username;
  const actions = [
    h('a', { href: `#/task/${task.userTaskKey}` }, mine ? '办理' : '查看'),
    !task.assignee ? act('领取', () => api('POST', `/user-tasks/${task.userTaskKey}/assignment`, { assignee: user.username, allowOverride: false }, '领取任务')) : null,
    mine ? act('退回', () => api('DELETE', `/user-tasks/${task.userTaskKey}/assignee`, undefined, '退回任务')) : null,
  ];
  const light = facts?.light;
  return h(
    'tr',
    { 'data-task': task.userTaskKey },
    h('td', {}, facts?.caseTitle ?? '—', facts?.caseId ? h('div', { class: 'muted' }, facts.caseId) : null),
    h('td', {}, task.name),
    h('td', {}, task.processName),
    h('td', {}, departmentNames(task)),
    h('td', {}, task.assignee ? (mine ? '我' : task.assignee) : h('span', { class: 'muted' }, '待领取')),
    h('td', {}, formatDateTime(task.creationDate)),
    h('td', {}, formatDateTime(task.dueDate || earliestDue(light))),
    h(
      'td',
      { class: 'case-light' },
      lightBadge(light?.colour ?? null),
      ...(light?.deadlines ?? []).map((deadline) => h('div', { class: 'muted' }, `${deadline.name} 剩余 ${formatWorkingMinutes(deadline.remainingWorkingMinutes)}`)),
      facts?.lightError ? h('div', { class: 'error' }, '时限无法计算') : null,
    ),
    h('td', { class: 'actions' }, ...actions),
  );
}

async function route(): Promise<void> {
  const match = /^#\/task\/(\d+)/.exec(window.location.hash);
  if (match) {
    mount(root, header(TITLE, user, [{ href: '#/', label: '返回任务列表' }]), h('main', { id: 'task' }));
    await taskPage(root.querySelector('main')!, match[1], user);
  } else {
    await listPage();
  }
}

async function boot(): Promise<void> {
  const signedIn = await signIn(root, TITLE);
  if (!signedIn) return;
  user = signedIn;
  await startRouting(route);
}

void boot();
