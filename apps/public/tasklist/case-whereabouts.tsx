/**
 * Where a case is now — the departments and steps it waits at — for the window clerk who just accepted it and
 * for the case page that follows it: read from `GET /v2/apps/tasklist/cases/{key}` (which the person who opened
 * a case may read), asked again for a while after the start, since the models number the case and route it to its
 * first department a moment after the engine accepted it.
 */
import { useEffect, useState } from 'react';
import { Typography } from 'antd';
import { useText } from '../shared/ui/locale';
import { caseOverview, type CaseOverview, type CurrentStep } from './case-api';

/** How often and how long the success page asks where a fresh case went. */
const POLL_MS = 1000;
const POLL_TRIES = 20;

/** The case as it now stands; `settled` once it has a step (or ended), or after the last try. */
export function useCaseWhereabouts(processInstanceKey: string | undefined): { overview?: CaseOverview; settled: boolean; error?: unknown } {
  const [state, setState] = useState<{ overview?: CaseOverview; settled: boolean; error?: unknown }>({ settled: false });
  useEffect(() => {
    if (!processInstanceKey) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState({ settled: false });
    const ask = async (tries: number) => {
      try {
        const overview = await caseOverview(processInstanceKey);
        if (!live) return;
        const arrived = (overview.currentSteps?.length ?? 0) > 0 || overview.case.state !== 'ACTIVE';
        const done = arrived || tries + 1 >= POLL_TRIES;
        setState({ overview, settled: done });
        if (!done) timer = setTimeout(() => void ask(tries + 1), POLL_MS);
      } catch (error) {
        // History may not have the instance a moment after it was created (404): ask again, then say so.
        if (!live) return;
        if (tries + 1 >= POLL_TRIES) setState({ settled: true, error });
        else timer = setTimeout(() => void ask(tries + 1), POLL_MS);
      }
    };
    void ask(0);
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [processInstanceKey]);
  return state;
}

/** One step as a clerk reads it: 市场监管局「登记审查」（待领取 / 李四办理中）. */
export function stepText(step: CurrentStep, t: (zh: string, en: string) => string): string {
  const departments = step.departments.length ? step.departments.join('、') : t('（未指定部门）', '(no department)');
  const holder = step.assigneeName ? t(`${step.assigneeName} 办理中`, `with ${step.assigneeName}`) : t('待领取', 'not claimed yet');
  return t(`${departments}「${step.name ?? '未命名环节'}」（${holder}）`, `${departments} · “${step.name ?? 'unnamed step'}” (${holder})`);
}

/**
 * "现在：市场监管局「登记审查」（待领取）", or what the case is doing instead (ended, still on its way); `bare` leaves out
 * "现在：" where a label already says it (the case page's 当前所在).
 */
export function WhereaboutsLine({ overview, settled, bare = false }: { overview?: CaseOverview; settled: boolean; bare?: boolean }) {
  const t = useText();
  const steps = overview?.currentSteps ?? [];
  let text: string;
  if (steps.length > 0) {
    const zh = steps.map((step) => stepText(step, t)).join('；');
    const en = steps.map((step) => stepText(step, t)).join('; ');
    text = bare ? t(zh, en) : t(`现在：${zh}`, `Now at: ${en}`);
  }
  else if (overview && overview.case.state !== 'ACTIVE') text = t('案件已办结。', 'The case has ended.');
  else if (!settled) text = t('正在查询案件去向…', 'Finding out where the case went…');
  else text = t('案件正在自动处理（如系统登记、核验），尚未转到部门；可稍后在“跟踪案件”中查看。', 'The case is in an automatic step (registration, checks) and has not reached a department yet; follow it for updates.');
  return (
    <Typography.Text className="case-whereabouts" data-steps={steps.length}>
      {text}
    </Typography.Text>
  );
}
