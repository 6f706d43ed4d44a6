/**
 * One process instance for the auditors: the diagram with element states, how often each element ran (Camunda's
 * `GET /v2/process-instances/{key}/statistics/element-instances`), incident badges and the case's light on the
 * steps it is at; case lights, open tasks, incidents, variables, history.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Card, Descriptions, Grid, List, Space, Spin, Table, Tag, Typography } from 'antd';
import { api } from '../shared/api';
import { formatDateTime } from '../shared/format';
import { isPausedOverdue, LIGHT_LABELS } from '../shared/lights';
import { BpmnDiagram, type ElementCount } from '../shared/ui/bpmn-diagram';
import { ErrorAlert } from '../shared/ui/error-alert';
import { DeadlineLine, LightTag } from '../shared/ui/light-tag';
import { incidentTypeText } from '../shared/incident-types';
import { useLanguage, useText } from '../shared/ui/locale';
import { stepNameIn } from '../shared/step-names-en';
import { useCaseTitle } from '../shared/ui/use-case-title';
import { usePageArrows } from '../shared/ui/page-arrows';
import { STATE_LABELS, type InstanceDetail } from './audit-api';
import { useGroupNames, useProcessOptions } from './filter-options';
import { HistorySection } from './history-section';
import { VariableValue } from './variable-value';

interface OpenTask {
  userTaskKey: string;
  elementId: string;
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
  variableKey?: string;
  name: string;
  value: string;
  scopeKey: string;
}

/** An element instance as Camunda's `POST /v2/element-instances/search` answers it (what names a variable's scope). */
interface ElementInstanceItem {
  elementInstanceKey: string;
  elementId: string;
  elementName?: string | null;
}

/** One element's row of Camunda's element-instance statistics. */
interface ElementStatistics extends ElementCount {
  elementId: string;
}

interface Loaded {
  detail: InstanceDetail;
  xml?: string;
  variables: VariableItem[];
  tasks: OpenTask[];
  incidents: Incident[];
  counts: Record<string, ElementCount>;
  /** Each element instance's name (its id where it has none), by key: a local variable's scope by name. */
  scopeNames: Record<string, string>;
  /** Element names by element id (an incident's step by name). */
  elementNames: Record<string, string>;
  /** Who holds each open task by name, by task key (OneGo's `POST /v2/apps/task-cases`). */
  assigneeNames: Record<string, string>;
}

async function load(key: string): Promise<Loaded> {
  const detail = await api<InstanceDetail>('GET', `/apps/audit/process-instances/${key}`, undefined, '查询案件');
  const [xml, variables, tasks, incidents, statistics, elementInstances] = await Promise.all([
    api<string>('GET', `/process-definitions/${detail.instance.processDefinitionKey}/xml`, undefined, '加载流程图').catch(() => undefined),
    api<{ items: VariableItem[] }>('POST', '/variables/search', { filter: { processInstanceKey: key }, page: { limit: 1000 } }).then((result) => result.items, () => []),
    api<{ items: OpenTask[] }>('POST', '/user-tasks/search', { filter: { processInstanceKey: key, state: 'CREATED' }, page: { limit: 100 } }).then((result) => result.items, () => []),
    api<{ items: Incident[] }>('POST', '/incidents/search', { filter: { processInstanceKey: key }, page: { limit: 100 } }).then((result) => result.items, () => []),
    api<{ items: ElementStatistics[] }>('GET', `/process-instances/${key}/statistics/element-instances`).then((result) => result.items, () => []),
    api<{ items: ElementInstanceItem[] }>('POST', '/element-instances/search', { filter: { processInstanceKey: key }, page: { limit: 1000 } }).then((result) => result.items, () => []),
  ]);
  const scopeNames = Object.fromEntries(elementInstances.map((item) => [item.elementInstanceKey, item.elementName || item.elementId]));
  const counts = Object.fromEntries(statistics.map((item) => [item.elementId, { active: item.active, completed: item.completed }]));
  const elementNames = Object.fromEntries(elementInstances.filter((item) => item.elementName).map((item) => [item.elementId, item.elementName!]));
  const held = tasks.filter((task) => task.assignee).map((task) => task.userTaskKey);
  const assigneeNames: Record<string, string> = {};
  if (held.length > 0) {
    const facts = await api<{ cases: Record<string, { assigneeName?: string }> }>('POST', '/apps/task-cases', { userTaskKeys: held }).then((result) => result.cases, () => ({}) as Record<string, { assigneeName?: string }>);
    for (const [key, fact] of Object.entries(facts)) if (fact.assigneeName) assigneeNames[key] = fact.assigneeName;
  }
  return { detail, xml, variables, tasks, incidents, counts, scopeNames, elementNames, assigneeNames };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card size="small" title={title}>
      {children}
    </Card>
  );
}

/** The instance page. */
export function InstancePage({ instanceKey }: { instanceKey: string }) {
  const caseTitle = useCaseTitle();
  const t = useText();
  const { language } = useLanguage();
  const arrows = usePageArrows();
  // Departments and processes by name, not by id (the ids stay in the raw records).
  // Candidate groups by the directory's names: a department's, or its supervisors' (…督办, where 督办 tasks go).
  const groupNames = useGroupNames();
  const processNames = new Map(useProcessOptions().map((option) => [option.value, option.label]));
  const phone = !Grid.useBreakpoint().md;
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    load(instanceKey).then(setLoaded, setError);
  }, [instanceKey]);
  if (error) return <ErrorAlert error={error} />;
  if (!loaded) return <Spin />;
  const { detail, xml, variables, tasks, incidents, counts, scopeNames, elementNames, assigneeNames } = loaded;
  // A variable's scope as people read it: 流程 for the case's own, else the step's name (环节「邀请评价」), the key only when unknown.
  const scopeText = (scope: string) => (scope === instanceKey ? t('流程', 'process') : scopeNames[scope] ? t(`环节「${scopeNames[scope]}」`, `step "${stepNameIn('en', scopeNames[scope])}"`) : scope);
  const { instance } = detail;
  // Who holds an open task, by name (the account stays on the element), or 待领取.
  const holderOf = (task: OpenTask) =>
    task.assignee ? <span className="assignee-name" data-assignee={task.assignee}>{assigneeNames[task.userTaskKey] ?? task.assignee}</span> : <Typography.Text type="secondary">{t('待领取', 'unclaimed')}</Typography.Text>;
  const groupName = (group: string) => groupNames.get(group) ?? group;
  // English labels take an English colon, not the full-width one
  const colon = t('：', ': ');
  // Variables and their members by their form labels in the page's language (the key stays beside them for experts).
  const nameOf = (path: string) => detail.variableLabels?.[path]?.[language === 'zh' ? 0 : 1] ?? undefined;
  // An option's code by its label: the English one in English where there is one, else the form's.
  const optionOf = (path: string, value: string) => {
    const labels = detail.variableOptions?.[path]?.[value];
    return labels ? ((language === 'en' ? labels[1] : null) ?? labels[0]) : undefined;
  };
  const variableName = (name: string) => {
    const label = nameOf(name);
    return (
      <span className="variable-name" data-variable-name={name}>
        {label ?? name}
        {label && <> <Typography.Text type="secondary" code className="variable-key">{name}</Typography.Text></>}
      </span>
    );
  };
  const markers: Record<string, string[]> = {};
  const mark = (ids: string[], marker: string) => ids.forEach((id) => (markers[id] = [...(markers[id] ?? []), marker]));
  mark(detail.elements.completed, 'element-completed');
  mark(detail.elements.terminated, 'element-terminated');
  mark(detail.elements.active, 'element-active');
  mark(detail.elements.takenFlows, 'flow-taken');
  const badges: Record<string, string> = {};
  const openIncidents = incidents.filter((item) => item.state === 'ACTIVE');
  for (const incident of openIncidents) badges[incident.elementId] = t('故障', 'incident');
  // and a red outline, so the failed step stands out at the zoom that fits the whole process
  mark([...new Set(openIncidents.map((incident) => incident.elementId))], 'element-incident');
  // The case's light sits on the steps it is waiting at (its open tasks).
  const colour = detail.case.light.colour;
  const pausedOverdue = isPausedOverdue(detail.case.light);
  const lights: Record<string, { colour: string; text: string }> = {};
  if (colour) {
    const text = pausedOverdue ? t('暂停·已超期', 'paused, overdue') : t(LIGHT_LABELS[colour], colour);
    for (const task of tasks) lights[task.elementId] = { colour: pausedOverdue ? 'red' : colour, text };
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {caseTitle(detail.case.caseTitle) ?? t(`流程实例 ${instanceKey}`, `Process instance ${instanceKey}`)}
      </Typography.Title>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('案件编号', 'Case no.')}>{detail.case.caseId ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('流程', 'Process')}>{`${processNames.get(instance.bpmnProcessId) ?? instance.bpmnProcessId} v${instance.version}（${t('实例', 'instance')} ${instance.processInstanceKey}）`}</Descriptions.Item>
          <Descriptions.Item label={t('状态', 'State')}>
            <span id="instance-state" data-state={instance.state}>
              {t(...STATE_LABELS[instance.state])}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('开始 / 结束', 'Started / ended')}>{`${formatDateTime(instance.startedAt)} / ${formatDateTime(instance.endedAt)}`}</Descriptions.Item>
          <Descriptions.Item label={t('亮灯', 'Light')} span={2}>
            <Space orientation="vertical" size={2}>
              {detail.result ? (
                <Tag color={detail.result.result === 'onTime' ? 'success' : 'error'} className="case-result" data-result={detail.result.result}>
                  {detail.result.result === 'onTime' ? t('按时办结', 'Finished on time') : t('超期办结', 'Finished late')}
                  {`（${t('期限', 'due')} ${formatDateTime(detail.result.dueAt)}）`}
                </Tag>
              ) : (
                <LightTag colour={detail.case.light.colour} overdue={pausedOverdue} />
              )}
              {detail.case.light.deadlines.map((deadline) => (
                <DeadlineLine key={deadline.name} light={deadline} />
              ))}
              {detail.case.lightError && <Typography.Text type="danger">{detail.case.lightError}</Typography.Text>}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Section title={t('流程图', 'Diagram')}>
        <Space className="legend" wrap style={{ marginBottom: 8 }}>
          <Tag color="blue">{t('办理中', 'active')}</Tag>
          <Tag color="green">{t('已完成', 'completed')}</Tag>
          <Tag>{t('已终止', 'terminated')}</Tag>
          <span className="diagram-count">▶ {t('办理中个数', 'active')}</span>
          <span className="diagram-count">✓ {t('已完成次数', 'completed')}</span>
          {openIncidents.length > 0 && <span className="diagram-badge legend-incident">{t('故障（未解决）', 'open incident')}</span>}
        </Space>
        {xml ? <BpmnDiagram key={language} xml={xml} markers={markers} badges={badges} counts={counts} lights={lights} id="diagram" /> : <Typography.Text type="secondary">{t('流程图无法加载', 'Diagram not available')}</Typography.Text>}
      </Section>
      <Section title={t(`当前待办 · ${tasks.length}`, `Open tasks · ${tasks.length}`)}>
        {phone ? (
          // A phone gets one card per task (five columns scrolled sideways at 390 px): the step, then its facts.
          <List
            className="open-tasks-cards"
            size="small"
            dataSource={tasks}
            locale={{ emptyText: t('没有待办的人工任务。', 'No open user tasks.') }}
            renderItem={(task) => (
              <List.Item data-task={task.userTaskKey}>
                <div style={{ width: '100%', minWidth: 0 }}>
                  <Typography.Text strong>{stepNameIn(language, task.name)}</Typography.Text>
                  <div className="open-task-facts">
                    <Typography.Text type="secondary">{t('候选部门', 'Groups')}{colon}</Typography.Text>
                    {task.candidateGroups.map(groupName).join('、') || '—'}
                  </div>
                  <div className="open-task-facts">
                    <Typography.Text type="secondary">{t('办理人', 'Assignee')}{colon}</Typography.Text>
                    {holderOf(task)}
                  </div>
                  <div className="open-task-facts">
                    <Typography.Text type="secondary">{t('创建', 'Created')}{colon}</Typography.Text>
                    {formatDateTime(task.creationDate)}
                    {task.dueDate && (
                      <>
                        {' · '}
                        <Typography.Text type="secondary">{t('环节到期', 'Step due')}{colon}</Typography.Text>
                        {formatDateTime(task.dueDate)}
                      </>
                    )}
                  </div>
                </div>
              </List.Item>
            )}
          />
        ) : (
        <Table
          className="open-tasks"
          size="small"
          rowKey="userTaskKey"
          pagination={false}
          dataSource={tasks}
          // Natural column widths (squeezed, 待领取 stood one character a line); a phone gets the cards above.
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('没有待办的人工任务。', 'No open user tasks.') }}
          columns={[
            { title: t('任务', 'Task'), dataIndex: 'name', render: (name: string) => stepNameIn(language, name) },
            { title: t('候选部门', 'Candidate groups'), dataIndex: 'candidateGroups', render: (groups: string[]) => groups.map(groupName).join('、') },
            {
              title: t('办理人', 'Assignee'),
              key: 'assignee',
              render: (_: unknown, task: OpenTask) => holderOf(task),
            },
            { title: t('创建', 'Created'), dataIndex: 'creationDate', render: formatDateTime },
            { title: t('环节到期', 'Step due'), dataIndex: 'dueDate', render: formatDateTime },
          ]}
        />
        )}
      </Section>
      {incidents.length > 0 && (
        <Section title={t(`故障 · ${incidents.length}`, `Incidents · ${incidents.length}`)}>
          <Table
            className="incidents"
            size="small"
            rowKey="incidentKey"
            pagination={false}
            dataSource={incidents}
            scroll={{ x: true }}
            columns={[
              { title: t('状态', 'State'), dataIndex: 'state', render: (state: string) => (state === 'ACTIVE' ? <Tag color="red">{t('未解决', 'open')}</Tag> : <Tag>{t('已解决', 'resolved')}</Tag>) },
              { title: t('节点', 'Element'), dataIndex: 'elementId', render: (id: string) => <span className="incident-element" title={id}>{elementNames[id] ? stepNameIn(language, elementNames[id]) : id}</span> },
              { title: t('类型', 'Type'), dataIndex: 'errorType', render: (type: string) => <Tag color="red" data-error-type={type}>{t(...incidentTypeText(type).name)}</Tag> },
              {
                // What went wrong in words, then Zeebe's own (English) message, which names the element or expression.
                title: t('说明', 'Message'),
                key: 'message',
                render: (_: unknown, incident: Incident) => (
                  <div className="incident-message">
                    <div>{t(...incidentTypeText(incident.errorType).explanation)}</div>
                    <Typography.Text type="secondary" className="engine-message">{t('引擎原文：', 'Engine: ')}{incident.errorMessage}</Typography.Text>
                  </div>
                ),
              },
              { title: t('时间', 'Time'), dataIndex: 'creationTime', render: formatDateTime },
            ]}
          />
        </Section>
      )}
      <Section title={t(`变量 · ${variables.length}`, `Variables · ${variables.length}`)}>
        {phone ? (
          <List
            className="variables-cards"
            size="small"
            dataSource={variables}
            pagination={{ ...arrows, pageSize: 10, hideOnSinglePage: true, size: 'small', align: 'center' }}
            renderItem={(variable) => (
              <List.Item data-variable={variable.name}>
                <div style={{ width: '100%', minWidth: 0 }}>
                  <Typography.Text strong>{variableName(variable.name)}</Typography.Text>
                  {variable.scopeKey !== instanceKey && <Typography.Text type="secondary">{` · ${scopeText(variable.scopeKey)}`}</Typography.Text>}
                  <div style={{ marginTop: 4 }}>
                    <VariableValue json={variable.value} name={variable.name} nameOf={nameOf} optionOf={optionOf} />
                  </div>
                </div>
              </List.Item>
            )}
          />
        ) : (
        <Table
          className="variables"
          size="small"
          rowKey={(variable) => `${variable.scopeKey}-${variable.name}`}
          pagination={{ ...arrows, pageSize: 20, hideOnSinglePage: true }}
          dataSource={variables}
          scroll={{ x: true }}
          columns={[
            { title: t('名称', 'Name'), dataIndex: 'name', render: variableName },
            { title: t('作用域', 'Scope'), dataIndex: 'scopeKey', render: (scope: string) => <span className="variable-scope" data-scope={scope}>{scopeText(scope)}</span> },
            { title: t('值', 'Value'), key: 'value', render: (_: unknown, variable: VariableItem) => <VariableValue json={variable.value} name={variable.name} nameOf={nameOf} optionOf={optionOf} /> },
          ]}
        />
        )}
      </Section>
      <HistorySection readable={detail.readableHistory} history={detail.history} />
    </Space>
  );
}
