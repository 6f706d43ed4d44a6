/**
 * 电子监察统计 (auditors): for a period and optionally one process, 按时办结率, 按时 / 超期办结 and the open
 * overdue cases per department (ranked, worst first) and per process, average handling working days
 * against the statutory limit, and a weekly trend — as ECharts charts and antd tables (cards on a phone).
 */
import { useEffect, useMemo, useState } from 'react';
import { Card, Col, Grid, List, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DateRangePicker } from '../shared/ui/date-range';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../shared/api';
import { EChart, type ChartOption } from '../shared/ui/echart';
import { ErrorAlert } from '../shared/ui/error-alert';
import { useText } from '../shared/ui/locale';
import { EvaluationCard, type EvaluationCounts } from './evaluation-card';
import { ExportButtons } from './export-buttons';
import { formatShare } from '../shared/rates';

interface Row {
  finished: number;
  onTime: number;
  overdue: number;
  onTimeRate: number | null;
  averageWorkingDays: number | null;
  averageLimitWorkingDays: number | null;
  openOverdue: number;
}
type DepartmentRow = Row & { department: string; name: string; rank: number };
type ProcessRow = Row & { bpmnProcessId: string; name: string };

/** `GET /v2/apps/audit/statistics`. */
interface Statistics {
  from: string;
  to: string;
  bpmnProcessId: string | null;
  totals: Row;
  byDepartment: DepartmentRow[];
  byProcess: ProcessRow[];
  weekly: { week: string; finished: number; onTime: number; overdue: number }[];
  evaluations: EvaluationCounts;
}

const rate = (value: number | null) => formatShare(value);
const days = (value: number | null) => (value === null ? '—' : value.toFixed(1));

/** The page. */
export function StatisticsPage() {
  const t = useText();
  const phone = !Grid.useBreakpoint().md;
  const [period, setPeriod] = useState<[Dayjs, Dayjs] | null>(null);
  const [process, setProcess] = useState<string>();
  const [processes, setProcesses] = useState<{ value: string; label: string }[]>([]);
  const [statistics, setStatistics] = useState<Statistics>();
  const [error, setError] = useState<unknown>();
  const query = useMemo(
    () => ({ from: period?.[0].format('YYYY-MM-DD'), to: period?.[1].format('YYYY-MM-DD'), bpmnProcessId: process }),
    [period, process],
  );
  useEffect(() => {
    const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));
    setError(undefined);
    api<Statistics>('GET', `/apps/audit/statistics?${params.toString()}`, undefined, '查询统计').then((result) => {
      setStatistics(result);
      if (!period) setPeriod([dayjs(result.from), dayjs(result.to)]);
    }, setError);
  }, [query]);
  useEffect(() => {
    api<{ items: { processDefinitionId: string; name?: string | null }[] }>('POST', '/process-definitions/search', { page: { limit: 200 } }).then(
      (result) => {
        const seen = new Map(result.items.map((item) => [item.processDefinitionId, item.name || item.processDefinitionId]));
        setProcesses([...seen].map(([value, label]) => ({ value, label })));
      },
      () => setProcesses([]),
    );
  }, []);

  const departmentChart: ChartOption = useMemo(() => {
    const rows = statistics?.byDepartment ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: rows.map((row) => row.name), axisLabel: { interval: 0, rotate: rows.length > 4 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('按时办结', 'On time'), type: 'bar', stack: 'finished', barMaxWidth: 48, data: rows.map((row) => row.onTime), itemStyle: { color: '#52c41a' } },
        { name: t('超期办结', 'Late'), type: 'bar', stack: 'finished', barMaxWidth: 48, data: rows.map((row) => row.overdue), itemStyle: { color: '#ff4d4f' } },
        { name: t('在办超期', 'Open overdue'), type: 'bar', barMaxWidth: 48, data: rows.map((row) => row.openOverdue), itemStyle: { color: '#faad14' } },
      ],
    };
  }, [statistics, t]);
  const trendChart: ChartOption = useMemo(() => {
    const weeks = statistics?.weekly ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: weeks.map((week) => week.week.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('办结', 'Finished'), type: 'line', data: weeks.map((week) => week.finished) },
        { name: t('按时办结', 'On time'), type: 'line', data: weeks.map((week) => week.onTime), itemStyle: { color: '#52c41a' } },
        { name: t('超期办结', 'Late'), type: 'line', data: weeks.map((week) => week.overdue), itemStyle: { color: '#ff4d4f' } },
      ],
    };
  }, [statistics, t]);

  const counts = [
    { title: t('办结', 'Finished'), dataIndex: 'finished' },
    { title: t('按时办结', 'On time'), dataIndex: 'onTime' },
    { title: t('超期办结', 'Late'), dataIndex: 'overdue', render: (value: number) => (value > 0 ? <Typography.Text type="danger">{value}</Typography.Text> : value) },
    { title: t('按时办结率', 'On-time rate'), dataIndex: 'onTimeRate', render: rate },
    { title: t('在办超期', 'Open overdue'), dataIndex: 'openOverdue' },
    { title: t('平均办理（工作日）', 'Avg. working days'), dataIndex: 'averageWorkingDays', render: days },
    { title: t('平均时限（工作日）', 'Avg. limit'), dataIndex: 'averageLimitWorkingDays', render: days },
  ];
  const totals = statistics?.totals;
  // Nothing finished and nothing open overdue in the period: nothing to chart or rank.
  const quiet = Boolean(totals && totals.finished === 0 && totals.openOverdue === 0);
  const emptyText = t('所选期间没有办结或在办超期的案件；案件办结后，按时与超期情况会统计在这里。', 'No cases finished or open overdue in this period; finished cases are counted here, on time or late.');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} className="statistics">
      <Card
        size="small"
        title={t('电子监察统计', 'Supervision statistics')}
        extra={<ExportButtons list="statistics" query={query} />}
      >
        {/* On a phone the filters stack at the screen's width (side by side they were 445 px wide). */}
        <Space wrap orientation={phone ? 'vertical' : 'horizontal'} style={phone ? { width: '100%' } : undefined}>
          <DateRangePicker value={period} allowClear={false} onChange={(value) => value && setPeriod([value[0]!, value[1]!])} aria-label={t('统计区间', 'Period')} />
          <Select allowClear style={phone ? { width: '100%' } : { minWidth: 220 }} placeholder={t('全部流程', 'All processes')} options={processes} value={process} onChange={setProcess} aria-label={t('流程', 'Process')} />
        </Space>
        <ErrorAlert error={error} />
        {totals && (
          <Row gutter={[16, 16]} style={{ marginTop: 16 }} className="totals">
            <Col xs={12} md={4}><Statistic title={t('办结', 'Finished')} value={totals.finished} /></Col>
            <Col xs={12} md={4}><Statistic title={t('按时办结率', 'On-time rate')} value={rate(totals.onTimeRate)} /></Col>
            <Col xs={12} md={4}><Statistic title={t('按时办结', 'On time')} value={totals.onTime} styles={{ content: { color: '#389e0d' } }} /></Col>
            <Col xs={12} md={4}><Statistic title={t('超期办结', 'Late')} value={totals.overdue} styles={{ content: { color: '#cf1322' } }} /></Col>
            <Col xs={12} md={4}><Statistic title={t('在办超期', 'Open overdue')} value={totals.openOverdue} /></Col>
            <Col xs={12} md={4}><Statistic title={t('平均办理 / 时限（工作日）', 'Avg. days / limit')} value={`${days(totals.averageWorkingDays)} / ${days(totals.averageLimitWorkingDays)}`} /></Col>
          </Row>
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('各部门办结情况', 'By department')}>
            {/* Empty axes say nothing: a period without finished or overdue cases is told in words. */}
            {quiet ? <Typography.Text type="secondary" className="statistics-empty">{emptyText}</Typography.Text> : <EChart option={departmentChart} label={t('各部门按时与超期办结柱状图', 'Bar chart of on-time and late cases by department')} className="department-chart" />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('每周趋势', 'Weekly trend')}>
            {quiet ? <Typography.Text type="secondary">{emptyText}</Typography.Text> : <EChart option={trendChart} label={t('每周办结趋势折线图', 'Line chart of cases finished per week')} className="trend-chart" />}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('部门超期排名（超期多者在前）', 'Departments ranked by overdue cases')}>
        {phone ? (
          <List
            className="department-ranking"
            locale={{ emptyText }}
            dataSource={statistics?.byDepartment ?? []}
            renderItem={(row) => (
              <List.Item data-department={row.department}>
                <Card size="small" style={{ width: '100%' }} title={<Space><Tag>{`#${row.rank}`}</Tag>{row.name}</Space>} extra={rate(row.onTimeRate)}>
                  {t(`办结 ${row.finished}（按时 ${row.onTime}，超期 ${row.overdue}），在办超期 ${row.openOverdue}；平均 ${days(row.averageWorkingDays)} / 时限 ${days(row.averageLimitWorkingDays)} 个工作日`,
                    `${row.finished} finished (${row.onTime} on time, ${row.overdue} late), ${row.openOverdue} open overdue; avg ${days(row.averageWorkingDays)} / limit ${days(row.averageLimitWorkingDays)} working days`)}
                </Card>
              </List.Item>
            )}
          />
        ) : (
          <Table
            className="department-ranking"
            size="small"
            rowKey="department"
            pagination={false}
            loading={!statistics && !error}
            locale={{ emptyText }}
            dataSource={statistics?.byDepartment ?? []}
            columns={[{ title: t('排名', 'Rank'), dataIndex: 'rank' }, { title: t('部门', 'Department'), dataIndex: 'name' }, ...counts]}
          />
        )}
      </Card>
      <Card size="small" title={t('各流程办结情况', 'By process')}>
        <Table
          className="process-statistics"
          size="small"
          rowKey="bpmnProcessId"
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText }}
          dataSource={statistics?.byProcess ?? []}
          columns={[{ title: t('流程', 'Process'), dataIndex: 'name' }, ...(phone ? counts.slice(0, 4) : counts)]}
        />
      </Card>
      {statistics?.evaluations && <EvaluationCard counts={statistics.evaluations} />}
    </Space>
  );
}
