/**
 * 案件查询 (auditors): cases searched on the server, a page at a time, by process, department, place, light (live
 * colour of an open case, or the final result of a finished one), state, start-date range, applicant, case
 * number or free text. Cards on a phone, a table on a desktop; every filter has a visible label.
 */
import { useState } from 'react';
import { Card, Grid, List, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { DateRangePicker } from '../shared/ui/date-range';
import { SearchInput } from '../shared/ui/search-input';
import type { Dayjs } from 'dayjs';
import { api } from '../shared/api';
import { formatDateTime } from '../shared/format';
import { ErrorAlert } from '../shared/ui/error-alert';
import { useText } from '../shared/ui/locale';
import { useCaseTitle } from '../shared/ui/use-case-title';
import { usePageArrows } from '../shared/ui/page-arrows';
import { useSearching } from '../shared/ui/searching';
import { useSearchPage } from '../shared/ui/use-search-page';
import { CASE_PLACE_LABEL, placeName, usePlaces } from '../shared/ui/use-places';
import { STATE_LABELS, type InstanceRow } from './audit-api';
import { ExportButtons } from './export-buttons';
import { useDepartmentOptions, usePlaceOptions, useProcessOptions } from './filter-options';

const STATE_COLOURS: Record<InstanceRow['state'], string> = { ACTIVE: 'processing', COMPLETED: 'success', TERMINATED: 'default' };
/** The light filter's choices: live colours for open cases, final results for finished ones. */
const LIGHT_CHOICES: [string, string, string][] = [
  ['red', '红灯（办理中）', 'Red (open)'],
  ['yellow', '黄灯（办理中）', 'Yellow (open)'],
  ['green', '绿灯（办理中）', 'Green (open)'],
  ['paused', '暂停（补正中）', 'Paused (补正)'],
  ['overdue', '超期办结', 'Finished late'],
  ['onTime', '按时办结', 'Finished on time'],
];

/** A labelled filter control (the label is what a screen reader announces). */
function Filter({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="labelled-filter">
      <Typography.Text type="secondary">{label}</Typography.Text>
      {children}
    </label>
  );
}

/** The instances page. */
export function InstancesPage() {
  const caseTitle = useCaseTitle();
  const t = useText();
  const arrows = usePageArrows();
  const phone = !Grid.useBreakpoint().md;
  const processes = useProcessOptions();
  // Processes by name, as the filter offers them; an id shows until the names arrive (or for a deleted process).
  const processName = (id: string) => processes.find((option) => option.value === id)?.label ?? id;
  const departments = useDepartmentOptions();
  const places = usePlaceOptions();
  const placeList = usePlaces();
  const [text, setText] = useState('');
  const [state, setState] = useState<'ALL' | InstanceRow['state']>('ALL');
  const [process, setProcess] = useState<string>();
  const [department, setDepartment] = useState<string>();
  const [place, setPlace] = useState<string>();
  const [light, setLight] = useState<string>();
  const [applicant, setApplicant] = useState('');
  const [caseId, setCaseId] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const query: Record<string, string | undefined> = {
    state: state === 'ALL' ? undefined : state,
    bpmnProcessId: process,
    department,
    place,
    light,
    applicant: applicant || undefined,
    caseId: caseId || undefined,
    text: text || undefined,
    startedFrom: range?.[0]?.format('YYYY-MM-DD'),
    startedTo: range?.[1]?.format('YYYY-MM-DD'),
  };
  const key = JSON.stringify(query);
  const list = useSearchPage<InstanceRow>(
    (from, limit) => {
      const params = new URLSearchParams({ from: String(from), limit: String(limit) });
      for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
      return api('GET', `/apps/audit/process-instances?${params.toString()}`, undefined, '查询案件');
    },
    key,
    20,
  );
  const stateTag = (item: InstanceRow) => (
    <Tag color={STATE_COLOURS[item.state]} data-state={item.state}>
      {t(...STATE_LABELS[item.state])}
    </Tag>
  );
  const title = (item: InstanceRow) => <a href={`#/instance/${item.processInstanceKey}`}>{caseTitle(item.caseTitle) ?? item.processInstanceKey}</a>;
  const pagination = {
    ...arrows,
    current: list.page,
    pageSize: list.pageSize,
    total: list.total,
    showSizeChanger: !phone,
    onChange: (page: number, size: number) => list.setPage(page, size),
    showTotal: (total: number) => t(`共 ${total} 件`, `${total} in all`),
  };
  const wide = phone ? { width: '100%' } : { width: 180 };
  const searching = useSearching(list.loading, list.items.length, phone);
  return (
    <Card
      size="small"
      title={t(`案件查询 · ${list.total}`, `Cases · ${list.total}`)}
      extra={!phone && <ExportButtons list="cases" query={query} />}
    >
      <form className="case-filters" role="search" aria-label={t('案件筛选', 'Case filters')} onSubmit={(event) => event.preventDefault()}>
        <Space wrap align="end" size={[12, 8]} style={{ marginBottom: 12, width: '100%' }}>
          <Filter label={t('关键字', 'Text')}>
            <SearchInput allowClear className="filter-text" placeholder={t('案件名称、编号或流程', 'Title, number or process')} onSearch={(value) => setText(value.trim())} style={wide} />
          </Filter>
          <Filter label={t('申请人', 'Applicant')}>
            <SearchInput allowClear className="filter-applicant" placeholder={t('姓名或单位名称', 'Person or company')} onSearch={(value) => setApplicant(value.trim())} style={wide} />
          </Filter>
          <Filter label={t('案件编号', 'Case no.')}>
            <SearchInput allowClear className="filter-case-id" onSearch={(value) => setCaseId(value.trim())} style={wide} />
          </Filter>
          <Filter label={t('流程', 'Process')}>
            <Select allowClear className="filter-process" placeholder={t('全部流程', 'All processes')} options={processes} value={process} onChange={setProcess} style={wide} />
          </Filter>
          <Filter label={t('部门', 'Department')}>
            <Select allowClear showSearch optionFilterProp="label" className="filter-department" placeholder={t('全部部门', 'All departments')} options={departments} value={department} onChange={setDepartment} style={wide} />
          </Filter>
          {/* The places of the departments that handled the case (a window may handle another place's case, 全域通办). */}
          {places.length > 0 && (
            <Filter label={t('办理地区', 'Handled in')}>
              <Select allowClear className="filter-place" placeholder={t('全部地区', 'All places')} options={places} value={place} onChange={setPlace} style={wide} />
            </Filter>
          )}
          <Filter label={t('亮灯 / 办结结果', 'Light / result')}>
            <Select allowClear className="filter-light" placeholder={t('不限', 'Any')} value={light} onChange={setLight} style={wide} options={LIGHT_CHOICES.map(([value, zh, en]) => ({ value, label: t(zh, en) }))} />
          </Filter>
          <Filter label={t('受理日期', 'Accepted between')}>
            <DateRangePicker className="filter-dates" value={range} onChange={(value) => setRange(value)} style={phone ? { width: '100%' } : undefined} />
          </Filter>
          <Filter label={t('状态', 'State')}>
            <Segmented
              aria-label={t('状态', 'State')}
              value={state}
              onChange={(value) => setState(value as typeof state)}
              options={[{ label: t('全部', 'All'), value: 'ALL' }, ...(['ACTIVE', 'COMPLETED', 'TERMINATED'] as const).map((value) => ({ label: t(...STATE_LABELS[value]), value }))]}
            />
          </Filter>
          {phone && <ExportButtons list="cases" query={query} />}
        </Space>
      </form>
      <ErrorAlert error={list.error} />
      {searching.bar}
      {phone ? (
        <List
          className="instances-cards"
          {...searching.props}
          dataSource={list.items}
          pagination={{ ...pagination, size: 'small', align: 'center' }}
          renderItem={(item) => (
            <List.Item data-instance={item.processInstanceKey}>
              <List.Item.Meta title={title(item)} description={[item.caseId ?? '—', `${processName(item.bpmnProcessId)} v${item.version}`, ...(item.jurisdiction ? [`${t(...CASE_PLACE_LABEL)}：${placeName(placeList, item.jurisdiction)}`] : []), ...(item.places?.length ? [`${t('办理地区', 'Handled in')}：${item.places.join('、')}`] : []), formatDateTime(item.startedAt)].join(' · ')} />
              {stateTag(item)}
            </List.Item>
          )}
        />
      ) : (
        <Table
          className="instances"
          size="small"
          rowKey="processInstanceKey"
          {...searching.props}
          dataSource={list.items}
          pagination={pagination}
          columns={[
            { title: t('案件', 'Case'), key: 'title', render: (_: unknown, item: InstanceRow) => title(item) },
            { title: t('案件编号', 'Case no.'), dataIndex: 'caseId', className: 'nowrap', render: (value: string | null) => value ?? '—' },
            {
              title: t('流程', 'Process'),
              key: 'process',
              render: (_: unknown, item: InstanceRow) => (
                <>
                  {processName(item.bpmnProcessId)} v{item.version}
                  {item.parentProcessInstanceKey && <Typography.Text type="secondary"> · {t(`子流程，父实例 ${item.parentProcessInstanceKey}`, `child of ${item.parentProcessInstanceKey}`)}</Typography.Text>}
                </>
              ),
            },
            { title: t(...CASE_PLACE_LABEL), key: 'jurisdiction', className: 'case-place-cell', render: (_: unknown, item: InstanceRow) => placeName(placeList, item.jurisdiction) ?? '—' },
            { title: t('办理地区', 'Handled in'), key: 'places', className: 'places-cell', render: (_: unknown, item: InstanceRow) => item.places?.join('、') || '—' },
            { title: t('状态', 'State'), key: 'state', className: 'nowrap', render: (_: unknown, item: InstanceRow) => stateTag(item) },
            { title: t('受理', 'Accepted'), dataIndex: 'startedAt', className: 'nowrap', render: formatDateTime },
            { title: t('办结', 'Finished'), dataIndex: 'endedAt', className: 'nowrap', render: formatDateTime },
          ]}
        />
      )}
    </Card>
  );
}
