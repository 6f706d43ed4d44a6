/**
 * One task: its case facts, claim/unclaim, and its Camunda form (form-js viewer) filled with the task's
 * variables; submitting validates the form and completes the task with the form's output.
 */
import { Form } from '@bpmn-io/form-js-viewer';
import { api, type CurrentUser } from '../shared/api';
import { formatDateTime, h, mount } from '../shared/dom';
import { deadlineLine, lightBadge } from '../shared/lights';
import { errorBox } from '../shared/session';
import type { CaseFacts, TaskItem } from './main';

interface VariableItem {
  name: string;
  value: string;
}

/** Variables are JSON text on the wire; the form wants values. */
function variablesOf(items: VariableItem[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const item of items) {
    try {
      data[item.name] = JSON.parse(item.value);
    } catch {
      data[item.name] = item.value;
    }
  }
  return data;
}

/** Render the task `key` into `main`. */
export async function taskPage(main: HTMLElement, key: string, user: CurrentUser): Promise<void> {
  const feedback = h('div', {});
  mount(main, h('p', { class: 'loading' }, '加载中…'));
  let task: TaskItem;
  try {
    task = await api<TaskItem>('GET', `/user-tasks/${key}`, undefined, '打开任务');
  } catch (error) {
    mount(main, errorBox(error), h('a', { href: '#/' }, '返回任务列表'));
    return;
  }
  const [facts, variables, form] = await Promise.all([
    api<{ cases: Record<string, CaseFacts> }>('POST', '/apps/task-cases', { userTaskKeys: [key] }).then((result) => result.cases[key]),
    api<{ items: VariableItem[] }>('POST', `/user-tasks/${key}/variables/search?truncateValues=false`, { page: { limit: 1000 } }).then((result) => variablesOf(result.items)),
    api<{ schema: unknown } | undefined>('GET', `/user-tasks/${key}/form`, undefined, '加载表单'),
  ]).catch((error: unknown) => {
    mount(main, errorBox(error));
    throw error;
  });

  const mine = task.assignee === user.username;
  const claim = h('button', { type: 'button', class: 'primary', id: 'claim' }, '领取任务');
  const unclaim = h('button', { type: 'button', id: 'unclaim' }, '退回任务');
  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await taskPage(main, key, user);
    } catch (error) {
      mount(feedback, errorBox(error));
    }
  };
  claim.addEventListener('click', () => run(() => api('POST', `/user-tasks/${key}/assignment`, { assignee: user.username, allowOverride: false }, '领取任务')));
  unclaim.addEventListener('click', () => run(() => api('DELETE', `/user-tasks/${key}/assignee`, undefined, '退回任务')));

  const formContainer = h('div', { class: 'form-container' });
  const complete = h('button', { type: 'button', class: 'primary', id: 'complete', disabled: !mine }, '提交并办结');
  mount(
    main,
    h('h1', {}, `${task.name}`),
    h(
      'div',
      { class: 'card' },
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, '案件'),
        h('dd', {}, facts?.caseTitle ?? '—'),
        h('dt', {}, '案件编号'),
        h('dd', {}, facts?.caseId ?? '—'),
        h('dt', {}, '事项'),
        h('dd', {}, task.processName),
        h('dt', {}, '办理人'),
        h('dd', { id: 'assignee' }, task.assignee ? (mine ? `${user.displayName}（我）` : task.assignee) : '待领取'),
        h('dt', {}, '创建时间'),
        h('dd', {}, formatDateTime(task.creationDate)),
        h('dt', {}, '亮灯'),
        h('dd', {}, lightBadge(facts?.light.colour ?? null), ...(facts?.light.deadlines ?? []).map(deadlineLine), facts?.lightError ? h('div', { class: 'error' }, facts.lightError) : null),
      ),
      h('div', { class: 'form-actions' }, !task.assignee ? claim : null, mine ? unclaim : null),
    ),
    feedback,
    h('div', { class: 'card' }, mine ? null : h('p', { class: 'muted' }, '请先领取任务再填写表单。'), formContainer, h('div', { class: 'form-actions' }, complete)),
  );

  let viewer: Form | undefined;
  if (form?.schema) {
    viewer = new Form({ container: formContainer });
    try {
      await viewer.importSchema(form.schema as never, variables);
    } catch (error) {
      mount(feedback, errorBox(new Error(`表单无法显示：${error instanceof Error ? error.message : String(error)}`)));
    }
    if (!mine) viewer.setProperty('readOnly', true);
  } else {
    mount(formContainer, h('p', { class: 'muted' }, '此任务没有表单，确认后直接办结。'));
  }

  complete.addEventListener('click', async () => {
    let output: Record<string, unknown> = {};
    if (viewer) {
      const { data, errors } = viewer.submit();
      const invalid = Object.keys(errors);
      if (invalid.length > 0) {
        mount(feedback, errorBox(new Error(`表单填写不完整或有误（${invalid.length} 项），请检查标红的字段`)));
        return;
      }
      output = data as Record<string, unknown>;
    }
    complete.disabled = true;
    try {
      await api('POST', `/user-tasks/${key}/completion`, { variables: output }, '办结任务');
      mount(main, h('div', { class: 'notice', role: 'status' }, `任务“${task.name}”已办结。`), h('a', { href: '#/' }, '返回任务列表'));
    } catch (error) {
      complete.disabled = false;
      mount(feedback, errorBox(error));
    }
  });
}
