/**
 * 亮灯看板 (auditors): open cases worst first, a page at a time from the server, against the engine clock —
 * with the department, the step each case is at, who handles it, and how long it is overdue (a case
 * paused for 补正 keeps showing how late it already was). Filters by colour, process and department.
 */
import { Card, Grid, List, Segmented, Select, Space, Table, Typography } from 'antd';
import { api } from '../shared/api';
import { formatWorkingMinutes, isPausedOverdue } from '../shared/lights';
import { formatDateTime } from '../shared/format';
import { ErrorAlert } from '../shared/ui/error-alert';
import { DeadlineLine, LightTag } from '../shared/ui/light-tag';
import { useText } from '../shared/ui/locale';
import { stepNameIn } from '../shared/step-names-en';
import { useCaseTitle } from '../shared/ui/use-case-title';
import { usePageArrows } from '../shared/ui/page-arrows';
import { useSearchPage } from '../shared/ui/use-search-page';
import { useSearching } from '../shared/ui/searching';
import { CASE_PLACE_LABEL, placeName, usePlaces } from '../shared/ui/use-places';
import { useState, type HTMLAttributes } from 'react';
import type { BoardPage, BoardRow } from './audit-api';
import { ExportButtons } from './export-buttons';
import { useDepartmentOptions, useProcessOptions } from './filter-options';

/** The board. */
export function LightsBoard() {
  const caseTitle = useCaseTitle();
  const t = useText();
  const arrows = usePageArrows();
  const phone = !Grid.useBreakpoint().md;
  const processes = useProcessOptions();
  const departments = useDepartmentOptions();
  const places = usePlaces();
  const [colour, setColour] = useState('all');
  const [process, setProcess] = useState<string>();
  const [department, setDepartment] = useState<string>();
  const [board, setBoard] = useState<BoardPage>();
  const query: Record<string, string | undefined> = { colour: colour === 'all' ? undefined : colour, bpmnProcessId: process, department };
  const list = useSearchPage<BoardRow>(
    async (from, limit) => {
      const params = new URLSearchParams({ from: String(from), limit: String(limit) });
      for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
      const answer = await api<BoardPage>('GET', `/apps/audit/lights?${params.toString()}`, undefined, '查询亮灯');
      setBoard(answer);
      return answer;
    },
    JSON.stringify(query),
    20,
  );
  const counts = board?.counts;
  const title = (row: BoardRow) => (
    <>
      <a href={`#/instance/${row.processInstanceKey}`}>{caseTitle(row.caseTitle) ?? row.processInstanceKey}</a>
      {row.caseId && (
        <div>
          <Typography.Text type="secondary">{row.caseId}</Typography.Text>
        </div>
      )}
    </>
  );
  const deadlines = (row: BoardRow) => (
    <Space orientation="vertical" size={2}>
      {row.light.deadlines.map((deadline) => (
        <DeadlineLine key={deadline.name} light={deadline} />
      ))}
      {row.lightError && <Typography.Text type="danger">{row.lightError}</Typography.Text>}
      {row.light.deadlines.length === 0 && !row.lightError && <Typography.Text type="secondary">{t('无时限', 'No limit')}</Typography.Text>}
    </Space>
  );
  const overdue = (row: BoardRow) =>
    row.overdueWorkingMinutes > 0 ? <Typography.Text type="danger" className="overdue">{formatWorkingMinutes(row.overdueWorkingMinutes, t)}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>;
  const departmentNames = (row: BoardRow) => row.departments.map((entry) => entry.name).join('、') || '—';
  const steps = (row: BoardRow) => t(row.currentSteps.join('、'), row.currentSteps.map((step) => stepNameIn('en', step)).join(', ')) || '—';
  const handlers = (row: BoardRow) => row.handlers.join('、') || (row.departments.length > 0 ? t('待领取', 'Unclaimed') : '—');
  const pagination = { ...arrows, current: list.page, pageSize: list.pageSize, total: list.total, onChange: (page: number, size: number) => list.setPage(page, size), showSizeChanger: !phone };
  const colours: [string, string, string][] = [
    ['all', '全部', 'All'],
    ['red', '红灯', 'Red'],
    ['yellow', '黄灯', 'Yellow'],
    ['green', '绿灯', 'Green'],
    ['paused', '暂停', 'Paused'],
    ['none', '无时限', 'No limit'],
  ];
  const wide = phone ? { width: '100%' } : { width: 200 };
  const searching = useSearching(list.loading, list.items.length, phone);
  // English labels take an English colon, not the full-width one
  const colon = t('：', ': ');
  return (
    <Card size="small" title={t('亮灯看板', 'Light board')} extra={
        <Space wrap>
          {board && <Typography.Text type="secondary">{t(`引擎时间 ${formatDateTime(board.now)}`, `engine time ${formatDateTime(board.now)}`)}</Typography.Text>}
          {!phone && <ExportButtons list="lights" query={query} />}
        </Space>
      }
    >
      <ErrorAlert error={list.error} />
      {counts && (
        <Typography.Paragraph className="board-counts" role="status">
          {/* every open case in one group: those without a deadline (无时限) too, so the groups add up to the total */}
          {t(`办理中 ${counts.all} 件：红灯 ${counts.red}、黄灯 ${counts.yellow}、绿灯 ${counts.green}、暂停 ${counts.paused}、无时限 ${counts.none}`, `${counts.all} open: ${counts.red} red, ${counts.yellow} yellow, ${counts.green} green, ${counts.paused} paused, ${counts.none} without a limit`)}
        </Typography.Paragraph>
      )}
      <form className="board-filters" role="search" aria-label={t('亮灯筛选', 'Board filters')} onSubmit={(event) => event.preventDefault()}>
        <Space wrap align="end" size={[12, 8]} style={{ marginBottom: 12, width: '100%' }}>
          <label className="labelled-filter">
            <Typography.Text type="secondary">{t('亮灯', 'Light')}</Typography.Text>
            <Segmented aria-label={t('亮灯', 'Light')} className="filter-colour" value={colour} onChange={(value) => setColour(String(value))} options={colours.map(([value, zh, en]) => ({ value, label: t(zh, en) }))} />
          </label>
          <label className="labelled-filter">
            <Typography.Text type="secondary">{t('流程', 'Process')}</Typography.Text>
            <Select allowClear placeholder={t('全部流程', 'All processes')} options={processes} value={process} onChange={setProcess} style={wide} />
          </label>
          <label className="labelled-filter">
            <Typography.Text type="secondary">{t('部门', 'Department')}</Typography.Text>
            <Select allowClear showSearch optionFilterProp="label" className="filter-department" placeholder={t('全部部门', 'All departments')} options={departments} value={department} onChange={setDepartment} style={wide} />
          </label>
          {phone && <ExportButtons list="lights" query={query} />}
        </Space>
      </form>
      {searching.bar}
      {phone ? (
        <List
          className="board"
          {...searching.props}
          dataSource={list.items}
          pagination={{ ...pagination, size: 'small', align: 'center' }}
          renderItem={(row) => (
            <List.Item data-instance={row.processInstanceKey}>
              <Card size="small" style={{ width: '100%' }} title={title(row)} extra={<LightTag colour={row.light.colour} overdue={isPausedOverdue(row.light)} />}>
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  {row.jurisdiction && <>{t(...CASE_PLACE_LABEL)}{colon}{placeName(places, row.jurisdiction)} · </>}{t('部门', 'Dept.')}{colon}{departmentNames(row)} · {t('环节', 'Step')}{colon}{steps(row)} · {t('经办人', 'Handler')}{colon}{handlers(row)}
                </Typography.Paragraph>
                {row.overdueWorkingMinutes > 0 && <Typography.Paragraph style={{ marginBottom: 4 }}>{t('超期', 'Overdue by')} {overdue(row)}</Typography.Paragraph>}
                {deadlines(row)}
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table
          className="board"
          size="small"
          rowKey="processInstanceKey"
          {...searching.props}
          dataSource={list.items}
          pagination={pagination}
          onRow={(row) => ({ 'data-instance': row.processInstanceKey }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('亮灯', 'Light'), key: 'light', className: 'light-cell', render: (_: unknown, row: BoardRow) => <LightTag colour={row.light.colour} overdue={isPausedOverdue(row.light)} /> },
            { title: t('案件', 'Case'), key: 'case', render: (_: unknown, row: BoardRow) => <div style={{ minWidth: '13em' }}>{title(row)}</div> },
            { title: t('流程', 'Process'), key: 'process', className: 'nowrap', render: (_: unknown, row: BoardRow) => row.processName ?? row.bpmnProcessId },
            { title: t(...CASE_PLACE_LABEL), key: 'jurisdiction', className: 'case-place-cell', render: (_: unknown, row: BoardRow) => placeName(places, row.jurisdiction) ?? '—' },
            { title: t('部门', 'Department'), key: 'department', className: 'department-cell', render: (_: unknown, row: BoardRow) => departmentNames(row) },
            { title: t('当前环节', 'Current step'), key: 'step', className: 'step-cell', render: (_: unknown, row: BoardRow) => steps(row) },
            { title: t('经办人', 'Handler'), key: 'handler', className: 'handler-cell', render: (_: unknown, row: BoardRow) => handlers(row) },
            { title: t('超期时长', 'Overdue by'), key: 'overdue', className: 'overdue-cell', render: (_: unknown, row: BoardRow) => overdue(row) },
            { title: t('受理时间', 'Accepted'), dataIndex: 'startedAt', className: 'started-cell', render: formatDateTime },
            { title: t('时限（到期 / 剩余工作时间）', 'Deadlines (due / working time left)'), key: 'deadlines', render: (_: unknown, row: BoardRow) => deadlines(row) },
          ]}
        />
      )}
    </Card>
  );
}
