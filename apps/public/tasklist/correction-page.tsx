/**
 * 补正到件: the applicant hands in the materials asked for in the 一次性告知; the window records it by case
 * number. Every model waits for the message `correction-submitted` with the case number as correlation key
 * (its deadlines paused meanwhile); correlating it (`POST /v2/messages/correlation`) resumes the case and
 * its clocks. A case not waiting for 补正 is told plainly, and nothing is recorded.
 */
import { useState } from 'react';
import { Button, Card, Form, Input, Result, Typography } from 'antd';
import { ApiError, type CurrentUser } from '../shared/api';
import { ErrorAlert } from '../shared/ui/error-alert';
import { useText } from '../shared/ui/locale';
import { recordCorrection } from './case-api';

/** The page. */
export function CorrectionPage({ user }: { user: CurrentUser }) {
  const t = useText();
  const [caseId, setCaseId] = useState('');
  const [remark, setRemark] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<{ caseId: string; processInstanceKey: string }>();
  const submit = async () => {
    const id = caseId.trim();
    setBusy(true);
    setError(undefined);
    try {
      const result = await recordCorrection(id, user.username, new Date().toISOString(), remark.trim());
      setDone({ caseId: id, processInstanceKey: result.processInstanceKey });
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 404) {
        setError(new Error(t(`案件 ${id} 当前没有在等待补正材料（请核对案件编号，或该案件已恢复办理）。未作登记。`, `Case ${id} is not waiting for corrected materials. Nothing was recorded.`)));
      } else setError(failure);
    } finally {
      setBusy(false);
    }
  };
  if (done) {
    return (
      <div role="status">
        <Result
          status="success"
          title={t(`已登记补正材料：${done.caseId}`, `Correction recorded: ${done.caseId}`)}
          subTitle={t('案件已恢复办理，暂停的时限恢复计时。', 'The case continues and its paused deadlines run again.')}
          extra={<Button type="primary" onClick={() => { setDone(undefined); setCaseId(''); setRemark(''); }}>{t('继续登记', 'Record another')}</Button>}
        />
      </div>
    );
  }
  return (
    <Card size="small" title={t('补正材料到件', 'Corrected materials received')}>
      <Typography.Paragraph type="secondary">
        {t('申请人按一次性告知补齐材料后，在此按案件编号登记到件，案件随即恢复办理。', 'When the applicant hands in the materials listed in the one-time notice, record it here by case number; the case then continues.')}
      </Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 480 }} onFinish={() => void submit()}>
        <Form.Item label={t('案件编号', 'Case number')} required htmlFor="correction-case">
          <Input id="correction-case" value={caseId} onChange={(event) => setCaseId(event.target.value)} placeholder="QYKB-2025-…" autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('收件说明（可选）', 'Remark (optional)')} htmlFor="correction-remark">
          <Input.TextArea id="correction-remark" value={remark} onChange={(event) => setRemark(event.target.value)} maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <ErrorAlert error={error} onClose={() => setError(undefined)} />
        <Button type="primary" htmlType="submit" id="record-correction" loading={busy} disabled={!caseId.trim()}>
          {t('登记到件并恢复办理', 'Record and continue')}
        </Button>
      </Form>
    </Card>
  );
}
