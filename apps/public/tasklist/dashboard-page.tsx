/**
 * 部门看板 (supervisors): the department's open cases by light, the overdue list (case, item, current step,
 * handler, how long overdue — a case paused for 补正 stays on it), handling time against the statutory limit
 * per item over the last twelve weeks, and the weekly trend of cases received, finished and finished late.
 * Charts are Apache ECharts; phones get cards instead of the wide table.
 */
import { useEffect, useMemo, useState } from 'react';
import { Card, Col, Grid, List, Row, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { CurrentUser } from '../shared/api';
import { formatDateTime, formatWorkingDays } from '../shared/format';
import { formatWorkingMinutes } from '../shared/lights';
import { EChart, type ChartOption } from '../shared/ui/echart';
import { ErrorAlert } from '../shared/ui/error-alert';
import { useText } from '../shared/ui/locale';
import { stepNameIn } from '../shared/step-names-en';
import { useCaseTitle } from '../shared/ui/use-case-title';
import { usePageArrows } from '../shared/ui/page-arrows';
import { departmentDashboard, type DepartmentDashboard, type OverdueCase } from './dashboard-api';
import { formatShare } from '../shared/rates';

const LIGHTS: { key: keyof DepartmentDashboard['byLight']; zh: string; en: string; colour: string }[] = [
  { key: 'red', zh: '红灯（超期）', en: 'Red (overdue)', colour: '#cf1322' },
  { key: 'yellow', zh: '黄灯（临期）', en: 'Yellow (due soon)', colour: '#d48806' },
  { key: 'green', zh: '绿灯', en: 'Green', colour: '#389e0d' },
  { key: 'paused', zh: '补正暂停', en: 'Paused', colour: '#8c8c8c' },
  { key: 'none', zh: '无时限', en: 'No limit', colour: '#bfbfbf' },
];

/** The page. */
export function DashboardPage({ user }: { user: CurrentUser }) {
  const caseTitle = useCaseTitle();
  const t = useText();
  const arrows = usePageArrows();
  const phone = !Grid.useBreakpoint().md;
  const [data, setData] = useState<DepartmentDashboard>();
  const [error, setError] = useState<unknown>();
  const load = () => departmentDashboard().then((result) => { setData(result); setError(undefined); }, setError);
  useEffect(() => void load(), []);

  const name = (step: OverdueCase['steps'][number]) => (step.assignee ? (step.assignee === user.username ? t('我', 'me') : (step.assigneeName ?? step.assignee)) : t('待领取', 'unclaimed'));
  const handlingChart: ChartOption = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('平均用时（工作日）', 'Average (working days)'), t('法定时限（工作日）', 'Limit (working days)')] },
    grid: { left: 48, right: 16, bottom: 60, top: 40 },
    xAxis: { type: 'category', data: (data?.handling ?? []).map((row) => row.name), axisLabel: { interval: 0, rotate: phone ? 30 : 0 } },
    yAxis: { type: 'value', name: t('工作日', 'days') },
    series: [
      { name: t('平均用时（工作日）', 'Average (working days)'), type: 'bar', data: (data?.handling ?? []).map((row) => row.averageWorkingDays ?? 0), itemStyle: { color: '#0b5cad' } },
      { name: t('法定时限（工作日）', 'Limit (working days)'), type: 'bar', data: (data?.handling ?? []).map((row) => row.limitWorkingDays ?? 0), itemStyle: { color: '#d9d9d9' } },
    ],
  }), [data, phone, t]);
  const trendChart: ChartOption = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('受理', 'Received'), t('办结', 'Finished'), t('超期办结', 'Finished late')] },
    grid: { left: 40, right: 16, bottom: 40, top: 40 },
    xAxis: { type: 'category', data: (data?.weekly ?? []).map((week) => week.week.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('受理', 'Received'), type: 'line', data: (data?.weekly ?? []).map((week) => week.received), itemStyle: { color: '#0b5cad' } },
      { name: t('办结', 'Finished'), type: 'line', data: (data?.weekly ?? []).map((week) => week.finished), itemStyle: { color: '#389e0d' } },
      { name: t('超期办结', 'Finished late'), type: 'bar', data: (data?.weekly ?? []).map((week) => week.overdue), itemStyle: { color: '#cf1322' } },
    ],
  }), [data, t]);

  if (!data) return error ? <ErrorAlert error={error} /> : <Spin />;
  const steps = (row: OverdueCase) => (row.paused ? t('等待补正（已超期）', 'Waiting for correction (overdue)') : t(row.steps.map((step) => step.name).join('、'), row.steps.map((step) => stepNameIn('en', step.name)).join(', ')) || '—');
  const handlers = (row: OverdueCase) => row.steps.map((step) => name(step)).join('、') || '—';
  const overdueText = (row: OverdueCase) => formatWorkingMinutes(-row.overdueWorkingMinutes, t);
  const caseLink = (row: OverdueCase) => {
    const target = row.steps[0]?.userTaskKey;
    const label = caseTitle(row.caseTitle) ?? row.caseId ?? row.processInstanceKey;
    return target ? <a href={`#/task/${target}`}>{label}</a> : <span>{label}</span>;
  };
  return (
    <div className="dashboard">
      <Card size="small" title={t(`部门看板：${data.departments.map((department) => department.name).join('、')}`, `Department dashboard: ${data.departments.map((department) => department.name).join(', ')}`)} extra={<a onClick={() => void load()} aria-label={t('刷新', 'Refresh')}><ReloadOutlined /> {formatDateTime(data.now)}</a>} style={{ marginBottom: 16 }}>
        <Row gutter={[12, 12]} className="light-counts">
          {LIGHTS.map((light) => (
            <Col key={light.key} xs={12} sm={8} md={4}>
              <Statistic title={t(light.zh, light.en)} value={data.byLight[light.key]} styles={{ content: { color: light.colour } }} data-light-count={light.key} />
            </Col>
          ))}
        </Row>
      </Card>
      <Card size="small" title={t(`超期案件（${data.overdue.length}）`, `Overdue cases (${data.overdue.length})`)} style={{ marginBottom: 16 }} className="overdue">
        {phone ? (
          <List
            dataSource={data.overdue}
            locale={{ emptyText: t('没有超期案件。', 'No overdue cases.') }}
            renderItem={(row) => (
              <List.Item data-instance={row.processInstanceKey}>
                <Card size="small" style={{ width: '100%' }} title={caseLink(row)} extra={<Tag color="error">{overdueText(row)}</Tag>}>
                  <Typography.Text type="secondary">{row.caseId} · {row.processName}</Typography.Text>
                  <div>{t('当前环节', 'Step')}：{steps(row)}</div>
                  <div>{t('办理人', 'Handler')}：{handlers(row)}</div>
                </Card>
              </List.Item>
            )}
          />
        ) : (
          <Table
            size="small"
            rowKey="processInstanceKey"
            dataSource={data.overdue}
            pagination={{ ...arrows, pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: t('没有超期案件。', 'No overdue cases.') }}
            onRow={(row) => ({ 'data-instance': row.processInstanceKey }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('案件', 'Case'), key: 'case', render: (_: unknown, row: OverdueCase) => <div>{caseLink(row)}<div><Typography.Text type="secondary">{row.caseId}</Typography.Text></div></div> },
              { title: t('事项', 'Item'), dataIndex: 'processName' },
              { title: t('当前环节', 'Step'), key: 'step', render: (_: unknown, row: OverdueCase) => steps(row) },
              { title: t('办理人', 'Handler'), key: 'handler', render: (_: unknown, row: OverdueCase) => handlers(row) },
              { title: t('法定到期', 'Due'), dataIndex: 'dueAt', render: formatDateTime },
              { title: t('超期', 'Overdue by'), key: 'overdue', render: (_: unknown, row: OverdueCase) => <Tag color="error">{overdueText(row)}</Tag> },
            ]}
          />
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('办理用时与法定时限（近 12 周办结，按事项）', 'Handling time against the limit (finished, last 12 weeks)')} style={{ marginBottom: 16 }}>
            {data.handling.length === 0 ? <Typography.Text type="secondary">{t('近 12 周没有办结案件。', 'No cases finished in the last 12 weeks.')}</Typography.Text> : <EChart option={handlingChart} height={280} label={t('办理用时与法定时限', 'Handling time against the limit')} />}
            {data.handling.length > 0 && <Table
              size="small"
              scroll={{ x: 'max-content' }}
              rowKey="bpmnProcessId"
              pagination={false}
              dataSource={data.handling}
              className="handling"
              columns={[
                { title: t('事项', 'Item'), dataIndex: 'name' },
                { title: t('办结', 'Finished'), dataIndex: 'finished' },
                { title: t('超期', 'Late'), dataIndex: 'overdue' },
                // The statistics page's rule and helper, so a supervisor and an auditor read the same figure.
                { title: t('按时办结率', 'On-time rate'), dataIndex: 'onTimeRate', className: 'on-time-rate', render: (value: number | null) => formatShare(value) },
                { title: t('平均用时', 'Average'), dataIndex: 'averageWorkingDays', render: (value: number | null) => formatWorkingDays(value, t) },
                { title: t('时限', 'Limit'), dataIndex: 'limitWorkingDays', render: (value: number | null) => (value === null ? '—' : t(`${value} 个工作日`, `${value} working days`)) },
              ]}
            />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('每周趋势（近 12 周）', 'Weekly trend (last 12 weeks)')} style={{ marginBottom: 16 }}>
            {/* A flat line at zero says nothing a sentence would not say better. */}
            {data.weekly.some((week) => week.received || week.finished || week.overdue) ? (
              <EChart option={trendChart} height={280} label={t('每周受理与办结', 'Cases received and finished per week')} />
            ) : (
              <Typography.Text type="secondary" className="trend-empty">{t('近 12 周本部门没有受理或办结案件。', 'No cases received or finished in the last 12 weeks.')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
