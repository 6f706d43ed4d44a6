/** One process instance for the auditors: diagram with element states, case lights, variables, history. */
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { api } from '../shared/api';
import { formatDateTime, h, mount } from '../shared/dom';
import { deadlineLine, lightBadge, type CaseLight } from '../shared/lights';
import { errorBox } from '../shared/session';
import { STATE_LABELS, type InstanceRow } from './main';

interface InstanceDetail {
  instance: Omit<InstanceRow, 'caseId' | 'caseTitle'>;
  case: { caseId: string | null; caseTitle: string | null; light: CaseLight; lightError?: string };
  elements: { active: string[]; completed: string[]; terminated: string[]; takenFlows: string[] };
  history: { position: number; at: string; actor: string | null; recordType: string; valueType: string; intent: string; key: string; elementId: string | null; detail: string | null; rejection: string | null }[];
}

interface OpenTask {
  userTaskKey: string;
  name: string;
  assignee?: string | null;
  candidateGroups: string[];
  creationDate: string;
  dueDate?: string | null;
}

interface Incident {
  incidentKey: string;
  errorType: string;
  errorMessage: string;
  elementId: string;
  creationTime: string;
  state: 'ACTIVE' | 'RESOLVED';
}

interface VariableItem {
  name: string;
  value: string;
  scopeKey: string;
}

async function showDiagram(container: HTMLElement, detail: InstanceDetail, feedback: HTMLElement): Promise<void> {
  try {
    const xml = await api<string>('GET', `/process-definitions/${detail.instance.processDefinitionKey}/xml`, undefined, '加载流程图');
    const viewer = new NavigatedViewer({ container });
    await viewer.importXML(xml);
    const canvas = viewer.get('canvas') as { zoom(level: string): void; addMarker(id: string, marker: string): void };
    const registry = viewer.get('elementRegistry') as { get(id: string): unknown };
    const mark = (ids: string[], marker: string) => ids.filter((id) => registry.get(id)).forEach((id) => canvas.addMarker(id, marker));
    mark(detail.elements.completed, 'element-completed');
    mark(detail.elements.terminated, 'element-terminated');
    mark(detail.elements.active, 'element-active');
    mark(detail.elements.takenFlows, 'flow-taken');
    canvas.zoom('fit-viewport');
  } catch (error) {
    mount(feedback, errorBox(error));
  }
}

/** Render instance `key` into `main`. */
export async function instancePage(main: HTMLElement, key: string): Promise<void> {
  const detail = await api<InstanceDetail>('GET', `/apps/audit/process-instances/${key}`, undefined, '查询案件');
  const variables = await api<{ items: VariableItem[] }>('POST', '/variables/search', { filter: { processInstanceKey: key }, page: { limit: 1000 } }, '查询变量').catch(() => ({ items: [] as VariableItem[] }));
  const [tasks, incidents] = await Promise.all([
    api<{ items: OpenTask[] }>('POST', '/user-tasks/search', { filter: { processInstanceKey: key, state: 'CREATED' }, page: { limit: 100 } }, '查询待办').catch(() => ({ items: [] as OpenTask[] })),
    api<{ items: Incident[] }>('POST', '/incidents/search', { filter: { processInstanceKey: key }, page: { limit: 100 } }, '查询事故').catch(() => ({ items: [] as Incident[] })),
  ]);
  const { instance } = detail;
  const feedback = h('div', {});
  const diagram = h('div', { class: 'diagram', id: 'diagram' });
  mount(
    main,
    h('h1', {}, detail.case.caseTitle ?? `流程实例 ${key}`),
    h(
      'div',
      { class: 'card' },
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, '案件编号'),
        h('dd', {}, detail.case.caseId ?? '—'),
        h('dt', {}, '流程'),
        h('dd', {}, `${instance.bpmnProcessId} v${instance.version}（实例 ${instance.processInstanceKey}）`),
        h('dt', {}, '状态'),
        h('dd', { id: 'instance-state', 'data-state': instance.state }, STATE_LABELS[instance.state]),
        h('dt', {}, '开始 / 结束'),
        h('dd', {}, `${formatDateTime(instance.startedAt)} / ${formatDateTime(instance.endedAt)}`),
        h('dt', {}, '亮灯'),
        h('dd', {}, lightBadge(detail.case.light.colour), ...detail.case.light.deadlines.map(deadlineLine), detail.case.lightError ? h('div', { class: 'error' }, detail.case.lightError) : null),
      ),
    ),
    feedback,
    h('h2', {}, '流程图'),
    h('div', { class: 'legend' }, h('span', { class: 'l-active' }, '办理中'), h('span', { class: 'l-completed' }, '已完成'), h('span', { class: 'l-terminated' }, '已终止')),
    diagram,
    h('h2', {}, `当前待办 · ${tasks.items.length}`),
    tasks.items.length === 0
      ? h('p', { class: 'muted' }, '没有待办的人工任务。')
      : h(
          'table',
          { class: 'open-tasks' },
          h('thead', {}, h('tr', {}, ...['任务', '候选部门', '办理人', '创建', '到期'].map((label) => h('th', {}, label)))),
          h(
            'tbody',
            {},
            ...tasks.items.map((task) =>
              h('tr', {}, h('td', {}, task.name), h('td', {}, task.candidateGroups.join('、')), h('td', {}, task.assignee || h('span', { class: 'muted' }, '待领取')), h('td', {}, formatDateTime(task.creationDate)), h('td', {}, formatDateTime(task.dueDate))),
            ),
          ),
        ),
    incidents.items.length === 0
      ? null
      : h(
          'div',
          {},
          h('h2', {}, `事故（incident）· ${incidents.items.length}`),
          h(
            'table',
            { class: 'incidents' },
            h('thead', {}, h('tr', {}, ...['状态', '元素', '类型', '说明', '时间'].map((label) => h('th', {}, label)))),
            h(
              'tbody',
              {},
              ...incidents.items.map((incident) =>
                h('tr', {}, h('td', { class: incident.state === 'ACTIVE' ? 'error' : 'muted' }, incident.state === 'ACTIVE' ? '未解决' : '已解决'), h('td', {}, incident.elementId), h('td', {}, incident.errorType), h('td', {}, incident.errorMessage), h('td', {}, formatDateTime(incident.creationTime))),
              ),
            ),
          ),
        ),
    h('h2', {}, `变量 · ${variables.items.length}`),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', {}, '名称'), h('th', {}, '作用域'), h('th', {}, '值'))),
      h('tbody', {}, ...variables.items.map((variable) => h('tr', {}, h('td', {}, variable.name), h('td', { class: 'muted' }, variable.scopeKey === key ? '流程' : variable.scopeKey), h('td', {}, h('pre', { class: 'value' }, variable.value))))),
    ),
    h('h2', {}, `办理记录 · ${detail.history.length}`),
    h(
      'table',
      { class: 'history' },
      h('thead', {}, h('tr', {}, ...['时间', '操作人', '记录', '元素', '详情'].map((label) => h('th', {}, label)))),
      h(
        'tbody',
        {},
        ...detail.history.map((entry) =>
          h(
            'tr',
            { 'data-position': entry.position },
            h('td', {}, formatDateTime(entry.at)),
            h('td', {}, entry.actor ?? h('span', { class: 'muted' }, '引擎')),
            h('td', {}, `${entry.valueType} ${entry.intent}`, entry.recordType === 'COMMAND_REJECTION' ? h('div', { class: 'error' }, entry.rejection ?? '') : null),
            h('td', {}, entry.elementId ?? ''),
            h('td', {}, entry.detail ?? ''),
          ),
        ),
      ),
    ),
  );
  await showDiagram(diagram, detail, feedback);
}
