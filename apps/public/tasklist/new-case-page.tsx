/**
 * 受理新案件: the window accepts a case in person — choose the item (process), fill its start form (the
 * Camunda form linked to the process's start event, in Chinese), and open the case with the form's values
 * (`POST /v2/process-instances`). The models number the case (caseId) themselves when the form has none.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Result, Select, Space, Spin, Typography } from 'antd';
import type { Form } from '@bpmn-io/form-js-viewer';
import { CamundaForm } from '../shared/ui/camunda-form';
import { ErrorAlert } from '../shared/ui/error-alert';
import { useText } from '../shared/ui/locale';
import { latestProcesses, startCase, startFormOf, type StartableProcess } from './case-api';
import { useCaseWhereabouts, WhereaboutsLine } from './case-whereabouts';

/** The page. */
export function NewCasePage() {
  const t = useText();
  const [processes, setProcesses] = useState<StartableProcess[]>();
  const [chosen, setChosen] = useState<string>();
  const [schema, setSchema] = useState<unknown>(null);
  const [loadingForm, setLoadingForm] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState<{ processInstanceKey: string; name: string }>();
  const form = useRef<Form>(undefined);
  const onReady = useCallback((viewer: Form | undefined) => (form.current = viewer), []);
  const whereabouts = useCaseWhereabouts(opened?.processInstanceKey);

  useEffect(() => {
    latestProcesses().then(setProcesses, setError);
  }, []);
  useEffect(() => {
    if (!chosen) return;
    setLoadingForm(true);
    setSchema(null);
    startFormOf(chosen)
      .then((found) => setSchema(found ?? undefined), setError)
      .finally(() => setLoadingForm(false));
  }, [chosen]);

  const process = processes?.find((item) => item.processDefinitionKey === chosen);
  const submit = async () => {
    if (!chosen || !form.current) return;
    const { data, errors } = form.current.submit();
    const invalid = Object.keys(errors);
    if (invalid.length > 0) {
      setError(new Error(t(`受理表单填写不完整或有误（${invalid.length} 项），请检查标红的字段`, `The form has ${invalid.length} missing or wrong fields (marked red)`)));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const created = await startCase(chosen, data as Record<string, unknown>);
      setOpened({ processInstanceKey: created.processInstanceKey, name: process?.name ?? process?.processDefinitionId ?? '' });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (opened) {
    const caseId = whereabouts.overview?.case.caseId;
    return (
      <div role="status">
        <Result
          status="success"
          title={t(`已受理：${opened.name}`, `Accepted: ${opened.name}`)}
          subTitle={
            <Space orientation="vertical" size={4} className="case-opened">
              <Typography.Text className="case-number">
                {caseId ? t(`案件编号 ${caseId}`, `Case no. ${caseId}`) : whereabouts.settled ? t('案件编号待系统登记后生成', 'The case number follows on registration') : t('正在生成案件编号…', 'Numbering the case…')}
              </Typography.Text>
              <WhereaboutsLine overview={whereabouts.overview} settled={whereabouts.settled} />
            </Space>
          }
          extra={[
            <Button key="again" type="primary" onClick={() => { setOpened(undefined); setSchema(null); setChosen(undefined); }}>
              {t('继续受理', 'Accept another')}
            </Button>,
            <Button key="follow" href={`#/case/${opened.processInstanceKey}`} className="follow-case">{t('跟踪案件', 'Follow the case')}</Button>,
          ]}
        />
      </div>
    );
  }
  return (
    <Card size="small" title={t('受理新案件', 'Accept a new case')}>
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('申请人到窗口办理时，选择事项并按申请表录入，提交后案件即开始办理并计时。', 'When an applicant comes to the window, choose the item and fill in the application; the case starts when submitted.')}
        </Typography.Paragraph>
        <Select
          id="new-case-process"
          style={{ width: '100%', maxWidth: 420 }}
          placeholder={t('选择办理事项', 'Choose the item')}
          loading={!processes}
          value={chosen}
          onChange={setChosen}
          aria-label={t('办理事项', 'Item')}
          // The item as the window names it; the deployed version is the admins' business (and always the latest here).
          options={(processes ?? []).map((item) => ({ value: item.processDefinitionKey, label: item.name ?? item.processDefinitionId }))}
        />
        <ErrorAlert error={error} onClose={() => setError(undefined)} />
        {loadingForm && <Spin />}
        {chosen && !loadingForm && schema === undefined && <Alert type="warning" showIcon title={t('此事项没有窗口受理表单，需由申报系统发起。', 'This item has no start form; it is started by the online system.')} />}
        {chosen && schema ? (
          <>
            <CamundaForm key={chosen} schema={schema} data={{}} readOnly={false} onReady={onReady} />
            <Button type="primary" id="start-case" loading={busy} onClick={() => void submit()}>
              {t('受理并开始办理', 'Accept and start')}
            </Button>
          </>
        ) : null}
      </Space>
    </Card>
  );
}
