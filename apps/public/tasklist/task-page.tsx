/**
 * One task: a case header (case, number, process, assignee, step and case deadlines with the light and
 * 期限暂定), claim / release, and its Camunda form filled with the task's variables; submitting validates
 * the form and completes the task with the form's output.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Result, Space, Spin, Typography } from 'antd';
import type { Form } from '@bpmn-io/form-js-viewer';
import { api, type CurrentUser } from '../shared/api';
import { formatDateTime } from '../shared/format';
import { CamundaForm } from '../shared/ui/camunda-form';
import { ErrorAlert } from '../shared/ui/error-alert';
import { isPausedOverdue } from '../shared/lights';
import { DeadlineLine, LightTag } from '../shared/ui/light-tag';
import { useText } from '../shared/ui/locale';
import { stepNameIn } from '../shared/step-names-en';
import { useCaseTitle } from '../shared/ui/use-case-title';
import { caseFacts, claimTask, ClaimLostError, releaseTask, type CaseFacts, type TaskItem } from './tasks-api';
import { caseOverview, type CaseOverview } from './case-api';
import { CaseHistoryCard } from './case-history-card';
import { useCaseWhereabouts, WhereaboutsLine } from './case-whereabouts';
import { SupervisorActions } from './supervisor-actions';

interface VariableItem {
  name: string;
  value: string;
}

/** Variables are JSON text on the wire; the form wants values. */
function variablesOf(items: VariableItem[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const item of items) {
    try {
      data[item.name] = JSON.parse(item.value);
    } catch {
      data[item.name] = item.value;
    }
  }
  return data;
}

interface Loaded {
  task: TaskItem;
  facts?: CaseFacts;
  variables: Record<string, unknown>;
  schema?: unknown;
  /** Header facts and the case so far (absent when the server has no OneGo extension). */
  overview?: CaseOverview;
}

async function load(key: string): Promise<Loaded> {
  const task = await api<TaskItem>('GET', `/user-tasks/${key}`, undefined, '打开任务');
  const [facts, variables, form, overview] = await Promise.all([
    caseFacts([key]).then((cases) => cases[key]),
    api<{ items: VariableItem[] }>('POST', `/user-tasks/${key}/variables/search?truncateValues=false`, { page: { limit: 1000 } }, '加载变量').then((result) => variablesOf(result.items)),
    api<{ schema: unknown } | undefined>('GET', `/user-tasks/${key}/form`, undefined, '加载表单'),
    caseOverview(task.processInstanceKey).catch(() => undefined),
  ]);
  return { task, facts, variables, schema: form?.schema, overview };
}

/** The task page for `taskKey`. */
export function TaskPage({ taskKey, user }: { taskKey: string; user: CurrentUser }) {
  const caseTitle = useCaseTitle();
  const t = useText();
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState<Loaded>();
  const [loadError, setLoadError] = useState<unknown>();
  const [error, setError] = useState<unknown>();
  const [completed, setCompleted] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useRef<Form>(undefined);
  const onReady = useCallback((viewer: Form | undefined) => (form.current = viewer), []);
  // Once the task is done: where its case went (asked again while the models route it on).
  const whereabouts = useCaseWhereabouts(completed ? loaded?.task.processInstanceKey : undefined, loaded?.task.userTaskKey);

  const reload = useCallback(async () => {
    try {
      setLoaded(await load(taskKey));
      setLoadError(undefined);
    } catch (failure) {
      setLoadError(failure);
    }
  }, [taskKey]);
  useEffect(() => void reload(), [reload]);

  if (completed) {
    // The task is done; the case usually is not: say where it goes next (or that it ended), not "已办结".
    return (
      <div role="status">
        <Result
          status="success"
          title={t(`任务「${loaded?.task.name ?? ''}」已完成。`, `Task "${stepNameIn('en', loaded?.task.name ?? '')}" is done.`)}
          subTitle={
            // Not told where the case went (history could not be read): the case page will say.
            whereabouts.error && !whereabouts.overview ? t('跟踪案件可查看它现在所在的环节。', 'Follow the case to see where it is now.') : <WhereaboutsLine overview={whereabouts.overview} settled={whereabouts.settled} goesOn />
          }
          extra={
            <Space wrap style={{ justifyContent: 'center' }}>
              <Button type="primary" href="#/">{t('返回任务列表', 'Back to the list')}</Button>
              {loaded && (
                <Button id="follow-case" href={`#/case/${loaded.task.processInstanceKey}`}>
                  {t('跟踪案件', 'Follow the case')}
                </Button>
              )}
            </Space>
          }
        />
      </div>
    );
  }
  if (loadError) {
    return (
      <>
        <ErrorAlert error={loadError} />
        <a href="#/">{t('返回任务列表', 'Back to the list')}</a>
      </>
    );
  }
  if (!loaded) return <Spin />;
  const { task, facts, variables, schema, overview } = loaded;
  const mine = task.assignee === user.username;
  const open = task.state === 'CREATED';
  const supervises = user.roles.includes('supervisor') && task.candidateGroups.some((group) => user.groupIds.includes(group));
  const holder = facts?.assigneeName ?? task.assignee ?? '';

  const act = async (run: () => Promise<void>, done: string) => {
    setError(undefined);
    try {
      await run();
      void message.success(done);
    } catch (failure) {
      if (failure instanceof ClaimLostError) setError(new Error(t(`已被 ${failure.assignee} 领取`, `Already claimed by ${failure.assignee}`)));
      else setError(failure);
    }
    await reload();
  };
  const complete = async () => {
    let output: Record<string, unknown> = {};
    if (form.current) {
      const { data, errors } = form.current.submit();
      const invalid = Object.keys(errors);
      if (invalid.length > 0) {
        setError(new Error(t(`表单填写不完整或有误（${invalid.length} 项），请检查标红的字段`, `The form has ${invalid.length} missing or wrong fields (marked red)`)));
        return;
      }
      output = data as Record<string, unknown>;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', `/user-tasks/${task.userTaskKey}/completion`, { variables: output }, t('办结任务', 'Complete task'));
      // The completion page says what happened now: a toast still up from the claim (已领取) would contradict it.
      message.destroy();
      setCompleted(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t(task.name, stepNameIn('en', task.name))}
      </Typography.Title>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} className="case-header">
          <Descriptions.Item label={t('案件', 'Case')}>{caseTitle(facts?.caseTitle) ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('案件编号', 'Case no.')}>{facts?.caseId ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('申请人', 'Applicant')}>{overview?.case.applicant ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('受理时间', 'Accepted')}>{formatDateTime(overview?.case.acceptedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('事项', 'Process')}>{task.processName}</Descriptions.Item>
          <Descriptions.Item label={t('办理人', 'Assignee')}>
            <span id="assignee">{task.assignee ? (mine ? t(`${user.displayName}（我）`, `${user.displayName} (me)`) : (facts?.assigneeName ?? task.assignee)) : t('待领取', 'unclaimed')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('环节开始', 'Step started')}>{formatDateTime(task.creationDate)}</Descriptions.Item>
          <Descriptions.Item label={t('环节到期', 'Step due')}>{formatDateTime(task.dueDate)}</Descriptions.Item>
          <Descriptions.Item label={t('案件时限', 'Case deadlines')} span={2}>
            <Space orientation="vertical" size={2}>
              <LightTag colour={facts?.light.colour} overdue={isPausedOverdue(facts?.light)} />
              {(facts?.light.deadlines ?? []).map((deadline) => (
                <DeadlineLine key={deadline.name} light={deadline} />
              ))}
              {facts?.lightError && <Typography.Text type="danger">{facts.lightError}</Typography.Text>}
            </Space>
          </Descriptions.Item>
        </Descriptions>
        {open && (
          <Space wrap style={{ marginTop: 12 }}>
            {!task.assignee && (
              <Button type="primary" id="claim" onClick={() => void act(() => claimTask(task.userTaskKey, user), t('已领取', 'Claimed'))}>
                {t('领取任务', 'Claim')}
              </Button>
            )}
            {mine && (
              <Button id="release" onClick={() => void act(() => releaseTask(task.userTaskKey), t('已释放回部门任务池', 'Released to the department'))}>
                {t('释放任务', 'Release')}
              </Button>
            )}
            {supervises && <SupervisorActions task={task} onDone={reload} />}
          </Space>
        )}
      </Card>
      <ErrorAlert error={error} onClose={() => setError(undefined)} />
      <Card size="small" title={t('办理表单', 'Form')}>
        {open && !task.assignee && <Alert type="info" showIcon title={t('请先领取任务再填写表单。', 'Claim the task to fill in its form.')} style={{ marginBottom: 12 }} />}
        {/* Held by someone else there is nothing to claim: say who has it (a supervisor may take it over by 转派). */}
        {open && task.assignee && !mine && (
          <Alert
            type="info"
            showIcon
            className="held-by-other"
            title={t(`此任务由 ${holder} 办理，表单只读。`, `${holder} is handling this task; the form is read-only.`)}
            description={supervises ? t('如需接手，可将任务转派给自己。', 'To take it over, reassign it to yourself.') : undefined}
            style={{ marginBottom: 12 }}
          />
        )}
        {!open && <Alert type="info" showIcon title={t('此任务已结束，表单只读。', 'This task is closed; the form is read-only.')} style={{ marginBottom: 12 }} />}
        {schema ? (
          <CamundaForm key={`${task.userTaskKey}-${task.assignee ?? ''}`} schema={schema} data={variables} readOnly={!mine || !open} onReady={onReady} />
        ) : (
          <Typography.Paragraph type="secondary">{t('此任务没有表单，确认后直接办结。', 'This task has no form; confirm to complete it.')}</Typography.Paragraph>
        )}
        {open && (
          <Button type="primary" id="complete" disabled={!mine} loading={busy} onClick={() => void complete()} style={{ marginTop: 12 }}>
            {t('提交并办结', 'Submit and complete')}
          </Button>
        )}
      </Card>
      {overview && <CaseHistoryCard overview={overview} userTaskKey={task.userTaskKey} canWrite={user.roles.includes('staff') || user.roles.includes('supervisor')} onChanged={reload} />}
    </Space>
  );
}
