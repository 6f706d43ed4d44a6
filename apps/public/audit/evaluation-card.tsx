/**
 * 好差评 in the 电子监察 statistics: the period's evaluations, ratings and bad reviews, and the rectification rate
 * (整改率: rectifications closed of those required; [002] sets 100% for real-name bad reviews).
 */
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useText } from '../shared/ui/locale';
import { formatShare } from '../shared/rates';

/** The `evaluations` part of `GET /v2/apps/audit/statistics`. */
export interface EvaluationCounts {
  evaluations: number;
  rated: number;
  badReviews: number;
  rectificationRequired: number;
  rectified: number;
  rectificationRate: number | null;
}

/** The card; the rate is red below 100% (a required rectification not yet closed). */
export function EvaluationCard({ counts }: { counts: EvaluationCounts }) {
  const t = useText();
  const rate = counts.rectificationRate;
  return (
    <Card size="small" title={t('好差评与差评整改', 'Service ratings and rectification')} className="evaluation-statistics">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={4}><Statistic title={t('评价件数', 'Evaluations')} value={counts.evaluations} /></Col>
        <Col xs={12} md={4}><Statistic title={t('已评价', 'Rated')} value={counts.rated} /></Col>
        <Col xs={12} md={4}><Statistic title={t('差评', 'Bad reviews')} value={counts.badReviews} /></Col>
        <Col xs={12} md={4}><Statistic title={t('需整改', 'To rectify')} value={counts.rectificationRequired} /></Col>
        <Col xs={12} md={4}><Statistic title={t('已整改', 'Rectified')} value={counts.rectified} /></Col>
        <Col xs={12} md={4} data-rate={rate ?? ''} className="rectification-rate">
          <Statistic title={t('整改率', 'Rectification rate')} value={formatShare(rate)} styles={{ content: { color: rate !== null && rate < 1 ? '#cf1322' : undefined } }} />
        </Col>
      </Row>
      <Typography.Text type="secondary">
        {t('按评价开启日期统计；整改率 = 已整改 ÷ 需整改（实名差评，及决策表规定须整改的匿名差评）。', 'By the day the evaluation opened; rate = rectified ÷ to rectify (real-name bad reviews, and anonymous ones where the decision table says so).')}
      </Typography.Text>
    </Card>
  );
}
