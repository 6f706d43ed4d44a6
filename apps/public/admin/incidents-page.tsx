/**
 * 故障事件 (admin): open incidents with server paging; a job's incident is retried (its retries set back
 * with `PATCH /v2/jobs/{jobKey}`, then the incident resolved), any other is resolved after its cause was fixed.
 */
import { useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Grid, List, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { api } from '../shared/api';
import { formatDateTime } from '../shared/format';
import { FoldedText } from '../shared/ui/folded-text';
import { ErrorAlert } from '../shared/ui/error-alert';
import { incidentTypeText } from '../shared/incident-types';
import { useText } from '../shared/ui/locale';
import { usePageArrows } from '../shared/ui/page-arrows';
import { useSearchPage, type SearchResult } from '../shared/ui/use-search-page';
import { useIncidentNames } from './incident-names';

/** An incident as `POST /v2/incidents/search` answers it. */
interface Incident {
  incidentKey: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processInstanceKey: string;
  elementId: string;
  elementInstanceKey: string;
  errorType: string;
  errorMessage: string;
  creationTime: string;
  state: string;
  jobKey?: string | null;
}


/** The incidents page. */
export function IncidentsPage() {
  const t = useText();
  const arrows = usePageArrows();
  const { message } = App.useApp();
  const phone = !Grid.useBreakpoint().md;
  const [state, setState] = useState<'ACTIVE' | 'RESOLVED'>('ACTIVE');
  const [actionError, setActionError] = useState<unknown>();
  const page = useSearchPage<Incident>(
    (from, limit) => api<SearchResult<Incident>>('POST', '/incidents/search', { filter: { state }, sort: [{ field: 'creationTime', order: 'DESC' }], page: { from, limit } }, t('查询故障', 'Load incidents')),
    state,
  );

  const act = async (incident: Incident, retry: boolean) => {
    setActionError(undefined);
    try {
      if (retry && incident.jobKey) await api('PATCH', `/jobs/${incident.jobKey}`, { changeset: { retries: 1 } }, t('重置重试次数', 'Reset retries'));
      await api('POST', `/incidents/${incident.incidentKey}/resolution`, {}, t('解决故障', 'Resolve incident'));
      void message.success(retry ? t('已重试，作业将重新执行', 'Retried; the job runs again') : t('已标记为解决', 'Resolved'));
      await page.reload();
    } catch (failure) {
      setActionError(failure);
    }
  };
  const actions = (incident: Incident) =>
    incident.state === 'ACTIVE' && (
      <Space>
        {incident.jobKey && (
          <Button size="small" type="primary" onClick={() => void act(incident, true)} data-action="retry">
            {t('重试', 'Retry')}
          </Button>
        )}
        <Popconfirm title={t('确认原因已排除并解决此故障？', 'Cause fixed? Resolve this incident?')} onConfirm={() => act(incident, false)} okText={t('解决', 'Resolve')} cancelText={t('取消', 'Cancel')}>
          <Button size="small" data-action="resolve">
            {t('解决', 'Resolve')}
          </Button>
        </Popconfirm>
      </Space>
    );
  const typeLabel = (type: string) => t(...incidentTypeText(type).name);
  // Names, not ids: an admin knows 医保关系转移接续「登记申请」, the id is in the tooltip.
  const names = useIncidentNames(page.items);
  const processName = (incident: Incident) => <span title={incident.processDefinitionId} className="incident-process">{names.process[incident.processDefinitionKey] ?? incident.processDefinitionId}</span>;
  const elementName = (incident: Incident) => <span title={incident.elementId} className="incident-element">{names.element[incident.elementInstanceKey] ?? incident.elementId}</span>;
  const pagination = { ...arrows, current: page.page, pageSize: page.pageSize, total: page.total, onChange: page.setPage, showTotal: (total: number) => t(`共 ${total} 条`, `${total} in all`) };

  return (
    <Card
      title={t('故障事件', 'Incidents')}
      size="small"
      extra={<Segmented aria-label={t('事件状态', 'Incident state')} value={state} onChange={(value) => setState(value as typeof state)} options={[{ label: t('未解决', 'Open'), value: 'ACTIVE' }, { label: t('已解决', 'Resolved'), value: 'RESOLVED' }]} />}
    >
      <ErrorAlert error={page.error ?? actionError} />
      {phone ? (
        <List
          className="incidents"
          loading={page.loading}
          dataSource={page.items}
          pagination={pagination}
          locale={{ emptyText: t('没有故障', 'No incidents') }}
          renderItem={(incident) => (
            <List.Item data-incident={incident.incidentKey}>
              <Card size="small" style={{ width: '100%' }} title={<Tag color="red">{typeLabel(incident.errorType)}</Tag>} extra={formatDateTime(incident.creationTime)}>
                <Typography.Paragraph>{incident.errorMessage}</Typography.Paragraph>
                <Typography.Paragraph type="secondary">
                  {processName(incident)} · {elementName(incident)} · {t('实例', 'instance')} <a href={`/audit#/instance/${incident.processInstanceKey}`} className="incident-instance">{incident.processInstanceKey}</a>
                </Typography.Paragraph>
                {actions(incident)}
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table
          className="incidents"
          size="small"
          rowKey="incidentKey"
          loading={page.loading}
          dataSource={page.items}
          pagination={pagination}
          locale={{ emptyText: t('没有故障', 'No incidents') }}
          onRow={(incident) => ({ 'data-incident': incident.incidentKey }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('发生时间', 'Created'), dataIndex: 'creationTime', render: formatDateTime, width: 150 },
            { title: t('流程', 'Process'), key: 'process', render: (_: unknown, incident: Incident) => processName(incident) },
            { title: t('节点', 'Element'), key: 'element', render: (_: unknown, incident: Incident) => elementName(incident) },
            { title: t('类型', 'Type'), dataIndex: 'errorType', render: (type: string) => <Tag color="red">{typeLabel(type)}</Tag> },
            // The whole message on two lines, the rest one click away: cut to one line it read 「自动步骤（作业类型 e…」.
            { title: t('错误信息', 'Message'), dataIndex: 'errorMessage', className: 'incident-message-cell', render: (message: string) => <FoldedText text={message} /> },
            { title: t('流程实例', 'Instance'), dataIndex: 'processInstanceKey', render: (key: string) => <a href={`/audit#/instance/${key}`} className="incident-instance">{key}</a> },
            { title: t('操作', 'Actions'), key: 'actions', render: (_: unknown, incident: Incident) => actions(incident), width: 150 },
          ]}
        />
      )}
    </Card>
  );
}
