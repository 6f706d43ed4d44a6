/**
 * 审计视图 (read-only, auditors): every process instance, an instance's BPMN diagram with active and
 * completed elements marked, its history (who did what when) and variables, and the 亮灯 board.
 */
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '../shared/style.css';
import { api, type CurrentUser } from '../shared/api';
import { formatDateTime, h, mount } from '../shared/dom';
import { deadlineLine, lightBadge, type CaseLight } from '../shared/lights';
import { errorBox, header, signIn, startRouting } from '../shared/session';
import { instancePage } from './instance-page';

/** A process instance as `/v2/apps/audit/process-instances` lists it. */
export interface InstanceRow {
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  startedAt: string;
  endedAt: string | null;
  parentProcessInstanceKey?: string;
  caseId: string | null;
  caseTitle: string | null;
}

/** Chinese names of instance states. */
export const STATE_LABELS: Record<InstanceRow['state'], string> = { ACTIVE: '办理中', COMPLETED: '已办结', TERMINATED: '已终止' };

const TITLE = '审计视图';
const root = document.getElementById('app')!;
let user: CurrentUser;

const NAV = [
  { href: '#/', label: '案件' },
  { href: '#/lights', label: '亮灯看板' },
];

async function instancesPage(main: HTMLElement): Promise<void> {
  const { items } = await api<{ items: InstanceRow[] }>('GET', '/apps/audit/process-instances', undefined, '查询案件');
  const filter = h('input', { type: 'search', placeholder: '按案件名称、编号或流程筛选', class: 'filter' });
  const body = h('tbody', {});
  const render = () => {
    const text = filter.value.trim();
    const rows = items.filter((item) => !text || [item.caseTitle, item.caseId, item.bpmnProcessId, item.processInstanceKey].some((field) => field?.includes(text)));
    mount(
      body,
      ...rows.map((item) =>
        h(
          'tr',
          { 'data-instance': item.processInstanceKey },
          h('td', {}, h('a', { href: `#/instance/${item.processInstanceKey}` }, item.caseTitle ?? item.processInstanceKey)),
          h('td', {}, item.caseId ?? '—'),
          h('td', {}, `${item.bpmnProcessId} v${item.version}`, item.parentProcessInstanceKey ? h('div', { class: 'muted' }, `子流程，父实例 ${item.parentProcessInstanceKey}`) : null),
          h('td', { 'data-state': item.state }, STATE_LABELS[item.state]),
          h('td', {}, formatDateTime(item.startedAt)),
          h('td', {}, formatDateTime(item.endedAt)),
        ),
      ),
    );
  };
  filter.addEventListener('input', render);
  render();
  mount(
    main,
    h('h1', {}, `案件（流程实例）· ${items.length}`),
    h('p', {}, filter),
    h('table', {}, h('thead', {}, h('tr', {}, ...['案件', '案件编号', '流程', '状态', '开始', '结束'].map((label) => h('th', {}, label)))), body),
  );
}

interface BoardRow {
  processInstanceKey: string;
  bpmnProcessId: string;
  caseId: string | null;
  caseTitle: string | null;
  startedAt: string;
  light: CaseLight;
  lightError?: string;
}

async function lightsPage(main: HTMLElement): Promise<void> {
  const { now, cases } = await api<{ now: string; cases: BoardRow[] }>('GET', '/apps/audit/lights', undefined, '查询亮灯');
  const count = (colour: string) => cases.filter((row) => row.light.colour === colour).length;
  mount(
    main,
    h('h1', {}, '亮灯看板'),
    h('p', { class: 'muted' }, `引擎时间 ${formatDateTime(now)} · 办理中 ${cases.length} 件：红灯 ${count('red')}、黄灯 ${count('yellow')}、绿灯 ${count('green')}、暂停 ${count('paused')}`),
    h(
      'table',
      { class: 'board' },
      h('thead', {}, h('tr', {}, ...['亮灯', '案件', '流程', '受理时间', '时限（到期 / 剩余工作时间）'].map((label) => h('th', {}, label)))),
      h(
        'tbody',
        {},
        ...cases.map((row) =>
          h(
            'tr',
            { 'data-instance': row.processInstanceKey },
            h('td', {}, lightBadge(row.light.colour)),
            h('td', {}, h('a', { href: `#/instance/${row.processInstanceKey}` }, row.caseTitle ?? row.processInstanceKey), row.caseId ? h('div', { class: 'muted' }, row.caseId) : null),
            h('td', {}, row.bpmnProcessId),
            h('td', {}, formatDateTime(row.startedAt)),
            h('td', {}, ...row.light.deadlines.map(deadlineLine), row.lightError ? h('div', { class: 'error' }, row.lightError) : null, row.light.deadlines.length === 0 && !row.lightError ? h('span', { class: 'muted' }, '无时限') : null),
          ),
        ),
      ),
    ),
  );
}

async function route(): Promise<void> {
  const main = h('main', {}, h('p', { class: 'loading' }, '加载中…'));
  mount(root, header(TITLE, user, NAV), main);
  try {
    const instance = /^#\/instance\/(\d+)/.exec(window.location.hash);
    if (instance) await instancePage(main, instance[1]);
    else if (window.location.hash.startsWith('#/lights')) await lightsPage(main);
    else await instancesPage(main);
  } catch (error) {
    mount(main, errorBox(error));
  }
}

async function boot(): Promise<void> {
  const signedIn = await signIn(root, TITLE);
  if (!signedIn) return;
  user = signedIn;
  if (!user.roles.some((role) => role === 'auditor' || role === 'admin')) {
    mount(root, header(TITLE, user, []), h('main', {}, h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, '审计视图仅供审计人员使用'), h('div', { class: 'detail' }, '部门工作人员请使用任务列表。')), h('a', { href: '/tasklist' }, '前往任务列表')));
    return;
  }
  await startRouting(route);
}

void boot();
