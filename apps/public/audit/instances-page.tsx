/**
 * 案件 (auditors): every process instance with its case, filtered by text and state. The apps API answers
 * the whole list today (see apps/README.md), so it is paged in the browser.
 */
import { useEffect, useState } from 'react';
import { Card, Grid, Input, List, Segmented, Space, Table, Tag, Typography } from 'antd';
import { api } from '../shared/api';
import { formatDateTime } from '../shared/format';
import { ErrorAlert } from '../shared/ui/error-alert';
import { useText } from '../shared/ui/locale';
import { STATE_LABELS, type InstanceRow } from './audit-api';
import { ExportButtons } from './export-buttons';

const STATE_COLOURS: Record<InstanceRow['state'], string> = { ACTIVE: 'processing', COMPLETED: 'success', TERMINATED: 'default' };

/** The instances page. */
export function InstancesPage() {
  const t = useText();
  const phone = !Grid.useBreakpoint().md;
  const [items, setItems] = useState<InstanceRow[]>();
  const [error, setError] = useState<unknown>();
  const [text, setText] = useState('');
  const [state, setState] = useState<'ALL' | InstanceRow['state']>('ALL');
  useEffect(() => {
    api<{ items: InstanceRow[] }>('GET', '/apps/audit/process-instances', undefined, '查询案件').then((result) => setItems(result.items), setError);
  }, []);
  const shown = (items ?? []).filter(
    (item) => (state === 'ALL' || item.state === state) && (!text || [item.caseTitle, item.caseId, item.bpmnProcessId, item.processInstanceKey].some((field) => field?.includes(text))),
  );
  const stateTag = (item: InstanceRow) => (
    <Tag color={STATE_COLOURS[item.state]} data-state={item.state}>
      {t(...STATE_LABELS[item.state])}
    </Tag>
  );
  const title = (item: InstanceRow) => <a href={`#/instance/${item.processInstanceKey}`}>{item.caseTitle ?? item.processInstanceKey}</a>;
  return (
    <Card
      size="small"
      title={t(`案件（流程实例）· ${items?.length ?? 0}`, `Cases (process instances) · ${items?.length ?? 0}`)}
      extra={
        <Space wrap>
          <Input.Search allowClear placeholder={t('按案件名称、编号或流程筛选', 'Filter by title, number or process')} onChange={(event) => setText(event.target.value.trim())} style={{ width: 240 }} />
          <Segmented
            value={state}
            onChange={(value) => setState(value as typeof state)}
            options={[{ label: t('全部', 'All'), value: 'ALL' }, ...(['ACTIVE', 'COMPLETED', 'TERMINATED'] as const).map((value) => ({ label: t(...STATE_LABELS[value]), value }))]}
          />
          <ExportButtons list="cases" query={{ state: state === 'ALL' ? undefined : state, text }} />
        </Space>
      }
    >
      <ErrorAlert error={error} />
      {phone ? (
        <List
          loading={!items && !error}
          dataSource={shown}
          pagination={{ pageSize: 20 }}
          renderItem={(item) => (
            <List.Item data-instance={item.processInstanceKey}>
              <List.Item.Meta title={title(item)} description={`${item.caseId ?? '—'} · ${item.bpmnProcessId} v${item.version} · ${formatDateTime(item.startedAt)}`} />
              {stateTag(item)}
            </List.Item>
          )}
        />
      ) : (
        <Table
          className="instances"
          size="small"
          rowKey="processInstanceKey"
          loading={!items && !error}
          dataSource={shown}
          pagination={{ pageSize: 20, showTotal: (total) => t(`共 ${total} 件`, `${total} in all`) }}
          columns={[
            { title: t('案件', 'Case'), key: 'title', render: (_: unknown, item: InstanceRow) => title(item) },
            { title: t('案件编号', 'Case no.'), dataIndex: 'caseId', render: (value: string | null) => value ?? '—' },
            {
              title: t('流程', 'Process'),
              key: 'process',
              render: (_: unknown, item: InstanceRow) => (
                <>
                  {item.bpmnProcessId} v{item.version}
                  {item.parentProcessInstanceKey && <Typography.Text type="secondary"> · {t(`子流程，父实例 ${item.parentProcessInstanceKey}`, `child of ${item.parentProcessInstanceKey}`)}</Typography.Text>}
                </>
              ),
            },
            { title: t('状态', 'State'), key: 'state', render: (_: unknown, item: InstanceRow) => stateTag(item) },
            { title: t('开始', 'Started'), dataIndex: 'startedAt', render: formatDateTime },
            { title: t('结束', 'Ended'), dataIndex: 'endedAt', render: formatDateTime },
          ]}
        />
      )}
    </Card>
  );
}
