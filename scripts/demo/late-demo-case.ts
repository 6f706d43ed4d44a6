/**
 * The demo's late case (红灯), so an auditor sees one on the 亮灯 board: a real-estate transfer accepted at the
 * window a month ago in the previous system and taken over by OneGo at its 办理 stage, as Camunda starts a case
 * moved from another system (start instructions at the element it had reached). Its case deadline is computed
 * the way the `deadline-start` worker computes it — the deployed time-limit table's working days, counted on the
 * holiday calendar from the day it was accepted — so it is long past when the engine takes it over; the model's own
 * 亮灯 clock then fires its red light, records it for 电子监察 and opens a 督办 task, on the engine's clock.
 */
import type { EngineApi } from '../../engine/api';
import { calendarFromEnv } from '../../workers/calendar';
import { REGISTRATION_TYPE_NAMES } from '../../workers/jobs/real-estate-register-application';
import { startDeadline, warnRuleFromEnv } from '../../workers/lights';
import { recordFiling } from '../../workers/schemas/agent-filing';
import type { DemoCase } from './demo-cases';

/** How long before the engine's now the window accepted it: 30 days hold more working days than any limit of the table. */
const ACCEPTED_DAYS_AGO = 30;

/** The element the taken-over case starts at: registration, transaction and tax in parallel beside the 亮灯 clock. */
const TAKEN_OVER_AT = 'SubProcess_Case';

/** Beijing 09:30 on the day `days` before `now`: a window's morning. */
function beijingMorningBefore(now: number, days: number): string {
  const day = new Date(now + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T09:30:00+08:00`;
}

/**
 * The late case at engine time `now`: its time limits from the deployed `real-estate-time-limits` decision (as
 * the model's business-rule task evaluates it) and its case deadline started when it was accepted. `env` holds
 * the calendar settings the workers use (a fresh data folder has no imported years of its own).
 */
export async function lateDemoCase(engine: EngineApi, now: number, env: Record<string, string | undefined> = process.env): Promise<DemoCase> {
  const application = {
    caseId: 'DEMO-BDC-003',
    applicant: { name: '王磊', idNumber: '370102198811111234', phone: '13700000000' },
    registrationType: 'transfer',
    propertyUnitNumber: '370102001002GB00003F00030003',
    propertyAddress: '济南市历下区解放路3号3单元303室',
    jurisdiction: '370102',
    agentFiling: false,
  };
  const evaluated = await engine.evaluateDecision({ decisionId: 'real-estate-time-limits', variables: { registrationType: application.registrationType, jurisdiction: application.jurisdiction } }, { actor: 'demo' });
  const timeLimits = JSON.parse(evaluated.decisionOutput) as { caseDays: number; category: string; needsTax: boolean; needsTransaction: boolean };
  const calendar = calendarFromEnv(env);
  const acceptedAt = beijingMorningBefore(now, ACCEPTED_DAYS_AGO);
  const deadline = startDeadline({ name: 'case', limitWorkingMinutes: timeLimits.caseDays * calendar.minutesPerWorkingDay, startedAt: acceptedAt }, calendar, warnRuleFromEnv(env));
  return {
    bpmnProcessId: 'real-estate-registration',
    shows: `a five-day transfer accepted ${ACCEPTED_DAYS_AGO} days ago and taken over at 历下区’s registration centre: its case deadline (due ${deadline.dueAt}) has passed — red on the 亮灯 board, with a 督办 task for natural-resources-370102-supervisors`,
    startInstructions: [{ elementId: TAKEN_OVER_AT }],
    variables: {
      ...application,
      // what the window's registration step recorded when it accepted the case (real-estate-register-application)
      caseTitle: `不动产登记：${REGISTRATION_TYPE_NAMES[application.registrationType]}（${application.applicant.name}，${application.propertyAddress}）`,
      filing: recordFiling(application.applicant, application.agentFiling, null),
      registrationCentre: `natural-resources-${application.jurisdiction}`,
      receivedAt: acceptedAt,
      timeLimits,
      deadline_case: deadline,
    },
  };
}
