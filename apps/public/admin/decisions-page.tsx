/**
 * 已部署决策 (admin): decision definitions by version (`POST /v2/decision-definitions/search`, server paging,
 * latest versions only or all), each opening its DMN resource (`GET /v2/decision-definitions/{key}/xml`) as
 * decision tables.
 */
import { useState, type HTMLAttributes } from 'react';
import { Button, Card, Drawer, Grid, List, Segmented, Space, Spin, Table } from 'antd';
import { SearchInput } from '../shared/ui/search-input';
import { api } from '../shared/api';
import { ErrorAlert } from '../shared/ui/error-alert';
import { useText } from '../shared/ui/locale';
import { usePageArrows } from '../shared/ui/page-arrows';
import { useSearchPage, type SearchResult } from '../shared/ui/use-search-page';
import { DmnView } from './dmn-view';

/** A decision definition as the search answers it. */
interface DecisionDefinition {
  decisionDefinitionKey: string;
  decisionDefinitionId: string;
  name: string;
  version: number;
  decisionRequirementsId: string;
  decisionRequirementsKey: string;
}

function DecisionDrawer({ decision, onClose }: { decision?: DecisionDefinition; onClose(): void }) {
  const t = useText();
  const [xml, setXml] = useState<{ key: string; xml?: string; error?: unknown }>();
  if (decision && xml?.key !== decision.decisionDefinitionKey) {
    const key = decision.decisionDefinitionKey;
    setXml({ key });
    api<string>('GET', `/decision-definitions/${key}/xml`, undefined, t('加载决策', 'Load decision')).then(
      (text) => setXml((current) => (current?.key === key ? { key, xml: text } : current)),
      (error: unknown) => setXml((current) => (current?.key === key ? { key, error } : current)),
    );
  }
  return (
    <Drawer open={!!decision} onClose={onClose} size="min(1100px, 100vw)" title={decision ? `${decision.name} v${decision.version}` : ''}>
      {xml?.error ? <ErrorAlert error={xml.error} /> : xml?.xml ? <DmnView xml={xml.xml} focus={decision?.decisionDefinitionId} /> : <Spin />}
    </Drawer>
  );
}

/** The decisions page. */
export function DecisionsPage() {
  const t = useText();
  const arrows = usePageArrows();
  const phone = !Grid.useBreakpoint().md;
  const [latestOnly, setLatestOnly] = useState(true);
  const [text, setText] = useState('');
  const [open, setOpen] = useState<DecisionDefinition>();
  const filter: Record<string, unknown> = latestOnly ? { isLatestVersion: true } : {};
  if (text) filter.decisionDefinitionId = { $like: `*${text}*` };
  const page = useSearchPage<DecisionDefinition>(
    (from, limit) =>
      api<SearchResult<DecisionDefinition>>('POST', '/decision-definitions/search', { filter, sort: [{ field: 'decisionDefinitionId' }, { field: 'version', order: 'DESC' }], page: { from, limit } }, t('查询决策', 'Load decisions')),
    JSON.stringify(filter),
  );
  const pagination = { ...arrows, current: page.page, pageSize: page.pageSize, total: page.total, onChange: page.setPage, showTotal: (total: number) => t(`共 ${total} 个`, `${total} in all`) };
  const show = (decision: DecisionDefinition) => (
    <Button type="link" size="small" onClick={() => setOpen(decision)} data-action="decision-table">
      {t('决策表', 'Decision table')}
    </Button>
  );
  return (
    <Card
      title={t('已部署决策', 'Deployed decisions')}
      size="small"
      extra={
        <Space wrap>
          <SearchInput allowClear placeholder={t('按决策 ID 筛选', 'Filter by decision id')} onSearch={setText} style={{ width: 200 }} />
          <Segmented aria-label={t('版本范围', 'Versions')} value={latestOnly ? 'latest' : 'all'} onChange={(value) => setLatestOnly(value === 'latest')} options={[{ label: t('最新版本', 'Latest'), value: 'latest' }, { label: t('全部版本', 'All versions'), value: 'all' }]} />
        </Space>
      }
    >
      <ErrorAlert error={page.error} />
      {phone ? (
        <List
          className="decisions"
          loading={page.loading}
          dataSource={page.items}
          pagination={pagination}
          renderItem={(decision) => (
            <List.Item extra={show(decision)} data-decision={decision.decisionDefinitionId}>
              <List.Item.Meta title={`${decision.name} v${decision.version}`} description={`${decision.decisionDefinitionId} · ${decision.decisionRequirementsId}`} />
            </List.Item>
          )}
        />
      ) : (
        <Table
          className="decisions"
          size="small"
          rowKey="decisionDefinitionKey"
          loading={page.loading}
          dataSource={page.items}
          pagination={pagination}
          onRow={(decision) => ({ 'data-decision': decision.decisionDefinitionId }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('名称', 'Name'), dataIndex: 'name' },
            { title: t('决策 ID', 'Decision id'), dataIndex: 'decisionDefinitionId' },
            { title: t('版本', 'Version'), dataIndex: 'version', render: (version: number) => `v${version}` },
            { title: t('所属 DRG', 'Requirements graph'), dataIndex: 'decisionRequirementsId' },
            { title: t('操作', 'Actions'), key: 'show', render: (_: unknown, row: DecisionDefinition) => show(row) },
          ]}
        />
      )}
      <DecisionDrawer decision={open} onClose={() => setOpen(undefined)} />
    </Card>
  );
}
