/**
 * 已部署流程 (admin): process definitions by version (`POST /v2/process-definitions/search`, server paging,
 * latest versions only or all), each opening its diagram from `GET /v2/process-definitions/{key}/xml`.
 * Decisions and forms have their own pages (`decisions-page.tsx`, `forms-page.tsx`).
 */
import { useState, type HTMLAttributes } from 'react';
import { Button, Card, Drawer, Grid, List, Segmented, Space, Spin, Table, Tag } from 'antd';
import { SearchInput } from '../shared/ui/search-input';
import { api } from '../shared/api';
import { BpmnDiagram } from '../shared/ui/bpmn-diagram';
import { ErrorAlert } from '../shared/ui/error-alert';
import { useText } from '../shared/ui/locale';
import { usePageArrows } from '../shared/ui/page-arrows';
import { useSearchPage, type SearchResult } from '../shared/ui/use-search-page';

/** A process definition as the search answers it. */
interface ProcessDefinition {
  processDefinitionKey: string;
  processDefinitionId: string;
  name?: string | null;
  version: number;
  versionTag?: string | null;
  resourceName: string;
  hasStartForm: boolean;
}

function DiagramDrawer({ definition, onClose }: { definition?: ProcessDefinition; onClose(): void }) {
  const t = useText();
  const [xml, setXml] = useState<{ key: string; xml?: string; error?: unknown }>();
  if (definition && xml?.key !== definition.processDefinitionKey) {
    const key = definition.processDefinitionKey;
    setXml({ key });
    api<string>('GET', `/process-definitions/${key}/xml`, undefined, t('加载流程图', 'Load diagram')).then(
      (text) => setXml((current) => (current?.key === key ? { key, xml: text } : current)),
      (error: unknown) => setXml((current) => (current?.key === key ? { key, error } : current)),
    );
  }
  return (
    <Drawer open={!!definition} onClose={onClose} size="large" title={definition ? `${definition.name ?? definition.processDefinitionId} v${definition.version}` : ''}>
      {xml?.error ? <ErrorAlert error={xml.error} /> : xml?.xml ? <BpmnDiagram xml={xml.xml} id="definition-diagram" /> : <Spin />}
    </Drawer>
  );
}

/** The definitions page. */
export function DefinitionsPage() {
  const t = useText();
  const arrows = usePageArrows();
  const phone = !Grid.useBreakpoint().md;
  const [latestOnly, setLatestOnly] = useState(true);
  const [text, setText] = useState('');
  const [open, setOpen] = useState<ProcessDefinition>();
  const filter: Record<string, unknown> = latestOnly ? { isLatestVersion: true } : {};
  if (text) filter.processDefinitionId = { $like: `*${text}*` };
  const page = useSearchPage<ProcessDefinition>(
    (from, limit) =>
      api<SearchResult<ProcessDefinition>>('POST', '/process-definitions/search', { filter, sort: [{ field: 'processDefinitionId' }, { field: 'version', order: 'DESC' }], page: { from, limit } }, t('查询流程', 'Load processes')),
    JSON.stringify(filter),
  );
  const pagination = { ...arrows, current: page.page, pageSize: page.pageSize, total: page.total, onChange: page.setPage, showTotal: (total: number) => t(`共 ${total} 个`, `${total} in all`) };
  const show = (definition: ProcessDefinition) => (
    <Button type="link" size="small" onClick={() => setOpen(definition)} data-action="diagram">
      {t('流程图', 'Diagram')}
    </Button>
  );
  return (
    <Card
      title={t('已部署流程', 'Deployed processes')}
      size="small"
      extra={
        <Space wrap>
          <SearchInput allowClear placeholder={t('按流程 ID 筛选', 'Filter by process id')} onSearch={setText} style={{ width: 200 }} />
          <Segmented aria-label={t('版本范围', 'Versions')} value={latestOnly ? 'latest' : 'all'} onChange={(value) => setLatestOnly(value === 'latest')} options={[{ label: t('最新版本', 'Latest'), value: 'latest' }, { label: t('全部版本', 'All versions'), value: 'all' }]} />
        </Space>
      }
    >
      <ErrorAlert error={page.error} />
      {phone ? (
        <List
          loading={page.loading}
          dataSource={page.items}
          pagination={pagination}
          renderItem={(definition) => (
            <List.Item extra={show(definition)}>
              <List.Item.Meta title={`${definition.name ?? definition.processDefinitionId} v${definition.version}`} description={`${definition.processDefinitionId} · ${definition.resourceName}`} />
            </List.Item>
          )}
        />
      ) : (
        <Table
          className="definitions"
          size="small"
          rowKey="processDefinitionKey"
          loading={page.loading}
          dataSource={page.items}
          pagination={pagination}
          onRow={(definition) => ({ 'data-definition': definition.processDefinitionId }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('名称', 'Name'), dataIndex: 'name', render: (name: string | null, row: ProcessDefinition) => name ?? row.processDefinitionId },
            { title: t('流程 ID', 'Process id'), dataIndex: 'processDefinitionId' },
            { title: t('版本', 'Version'), dataIndex: 'version', render: (version: number, row: ProcessDefinition) => <>v{version} {row.versionTag && <Tag>{row.versionTag}</Tag>}</> },
            { title: t('资源文件', 'Resource'), dataIndex: 'resourceName' },
            { title: t('开始表单', 'Start form'), dataIndex: 'hasStartForm', render: (has: boolean) => (has ? t('有', 'yes') : '—') },
            { title: t('操作', 'Actions'), key: 'diagram', render: (_: unknown, row: ProcessDefinition) => show(row) },
          ]}
        />
      )}
      <DiagramDrawer definition={open} onClose={() => setOpen(undefined)} />
    </Card>
  );
}
