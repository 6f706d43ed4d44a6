/**
 * Where a case is now — the departments and steps it waits at — for the window clerk who just accepted it and
 * for the case page that follows it: read from `GET /v2/apps/tasklist/cases/{key}` (which the person who opened
 * a case may read), asked again for a while after the start, since the models number the case and route it to its
 * first department a moment after the engine accepted it.
 */
import { useEffect, useState } from 'react';
import { Typography } from 'antd';
import { useText } from '../shared/ui/locale';
import { stepNameIn } from '../shared/step-names-en';
import { caseOverview, type CaseOverview, type CurrentStep } from './case-api';

/** How often and how long the success page asks where a fresh case went. */
const POLL_MS = 1000;
const POLL_TRIES = 20;

/** A case waiting for 补正: for the applicant's materials (its deadlines, if any has started, stand still meanwhile). */
function waitsForCorrection(overview: CaseOverview): boolean {
  return overview.waitsForCorrection === true || (overview.case.light?.deadlines ?? []).some((deadline) => deadline.colour === 'paused');
}

/**
 * The case as it now stands; `settled` once it has a step (or ended, or waits for 补正), or after the last try.
 * `leaving` is the task just completed: history may still list it as open for a moment, so it does not count as
 * where the case is.
 */
export function useCaseWhereabouts(processInstanceKey: string | undefined, leaving?: string): { overview?: CaseOverview; settled: boolean; error?: unknown } {
  const [state, setState] = useState<{ overview?: CaseOverview; settled: boolean; error?: unknown }>({ settled: false });
  useEffect(() => {
    if (!processInstanceKey) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState({ settled: false });
    const ask = async (tries: number) => {
      try {
        const asked = await caseOverview(processInstanceKey);
        if (!live) return;
        const overview = leaving ? { ...asked, currentSteps: (asked.currentSteps ?? []).filter((step) => step.userTaskKey !== leaving) } : asked;
        const arrived = (overview.currentSteps?.length ?? 0) > 0 || overview.case.state !== 'ACTIVE' || waitsForCorrection(overview);
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
  }, [processInstanceKey, leaving]);
  return state;
}

/** One step as a clerk reads it: 市场监管局「登记审查」（待领取 / 李四办理中）. */
export function stepText(step: CurrentStep, t: (zh: string, en: string) => string): string {
  const departments = step.departments.length ? step.departments.join('、') : t('（未指定部门）', '(no department)');
  const holder = step.assigneeName ? t(`${step.assigneeName} 办理中`, `with ${step.assigneeName}`) : t('待领取', 'not claimed yet');
  return t(`${departments}「${step.name ?? '未命名环节'}」（${holder}）`, `${departments} · “${step.name ? stepNameIn('en', step.name) : 'unnamed step'}” (${holder})`);
}

/**
 * "现在：市场监管局「登记审查」（待领取）", or what the case is doing instead (ended, still on its way); `bare` leaves out
 * "现在：" where a label already says it (the case page's 当前所在); `goesOn` says the case continues after the
 * step just done ("案件继续办理，现在：…"), for the task completion page.
 */
export function WhereaboutsLine({ overview, settled, bare = false, goesOn = false }: { overview?: CaseOverview; settled: boolean; bare?: boolean; goesOn?: boolean }) {
  const t = useText();
  const steps = overview?.currentSteps ?? [];
  let text: string;
  if (steps.length > 0) {
    const zh = steps.map((step) => stepText(step, t)).join('；');
    const en = steps.map((step) => stepText(step, t)).join('; ');
    text = bare ? t(zh, en) : goesOn ? t(`案件继续办理，现在：${zh}`, `The case goes on, now at: ${en}`) : t(`现在：${zh}`, `Now at: ${en}`);
  }
  else if (overview?.case.state === 'COMPLETED') text = t('案件已办结。', 'The case is finished.');
  else if (overview?.case.state === 'TERMINATED') text = t('案件已终止。', 'The case was terminated.');
  else if (overview && waitsForCorrection(overview)) text = t('案件等待申请人补正材料，补正到件后继续办理。', 'The case waits for the applicant to supply the missing materials (补正); it goes on once they arrive.');
  else if (!settled) text = t('正在查询案件去向…', 'Finding out where the case went…');
  else if (goesOn) text = t('案件继续办理，正在自动处理（如系统登记、核验），尚未转到下一个部门；可稍后在“跟踪案件”中查看。', 'The case goes on in an automatic step (registration, checks) and has not reached the next department yet; follow it for updates.');
  else text = t('案件正在自动处理（如系统登记、核验），尚未转到部门；可稍后在“跟踪案件”中查看。', 'The case is in an automatic step (registration, checks) and has not reached a department yet; follow it for updates.');
  return (
    <Typography.Text className="case-whereabouts" data-steps={steps.length}>
      {text}
    </Typography.Text>
  );
}
