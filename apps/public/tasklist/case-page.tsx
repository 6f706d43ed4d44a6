/**
 * 跟踪案件 (`#/case/<processInstanceKey>`): a case followed rather than worked — by the window clerk who accepted it
 * once it has gone on to other departments: its header, where it is now, and the case so far, read-only.
 */
import { Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import { formatDateTime } from '../shared/format';
import { isPausedOverdue } from '../shared/lights';
import { ErrorAlert } from '../shared/ui/error-alert';
import { LightTag } from '../shared/ui/light-tag';
import { useText } from '../shared/ui/locale';
import { useCaseTitle } from '../shared/ui/use-case-title';
import { CaseHistoryCard } from './case-history-card';
import { useCaseWhereabouts, WhereaboutsLine } from './case-whereabouts';

const STATES: Record<string, [string, string]> = { ACTIVE: ['办理中', 'Open'], COMPLETED: ['已办结', 'Finished'], TERMINATED: ['已终止', 'Terminated'] };

/** The page for one case. */
export function CasePage({ processInstanceKey }: { processInstanceKey: string }) {
  const t = useText();
  const caseTitle = useCaseTitle();
  const { overview, settled, error } = useCaseWhereabouts(processInstanceKey);
  if (error) return <ErrorAlert error={error} />;
  if (!overview) return <Spin style={{ display: 'block', marginTop: 48 }} />;
  const facts = overview.case;
  const state = STATES[facts.state] ?? [facts.state, facts.state];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {caseTitle(facts.caseTitle) ?? t('案件', 'Case')}
      </Typography.Title>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} className="case-header">
          <Descriptions.Item label={t('案件编号', 'Case no.')}>{facts.caseId ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('事项', 'Process')}>{facts.processName}</Descriptions.Item>
          <Descriptions.Item label={t('申请人', 'Applicant')}>{facts.applicant ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('受理时间', 'Accepted')}>{formatDateTime(facts.acceptedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('状态', 'State')}>
            <Tag color={facts.state === 'ACTIVE' ? 'processing' : 'default'}>{t(...state)}</Tag>
            {facts.light && <LightTag colour={facts.light.colour} overdue={isPausedOverdue(facts.light)} />}
          </Descriptions.Item>
          <Descriptions.Item label={t('办结时间', 'Ended')}>{formatDateTime(facts.endedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('当前所在', 'Now at')} span={2}>
            <WhereaboutsLine overview={overview} settled={settled} bare />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {/* Followed, not worked: notes belong to the departments that have the case. */}
      <CaseHistoryCard overview={overview} canWrite={false} onChanged={() => undefined} />
    </Space>
  );
}
