/**
 * Shared fixtures for the service-process worker tests (enterprise opening, talent card, medical-insurance
 * transfer): a fake job context with a seeded random source and no simulated delay or failure, and valid
 * variables as the forms and earlier tasks produce them.
 */
import type { JobContext, JobWorkerDefinition } from '../../../workers/define-worker';
import { runJob, type JobOutcome } from '../../../workers/run-job';
import { enterpriseApplicationSample, medicalInsuranceApplicationSample, talentApplicationSample } from '../../support/sample-applications';

/** A small deterministic random source (LCG), so simulated identifiers repeat from run to run. */
export function seededRandom(seed = 42): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A fake job context: instant, failure-free simulated systems unless `env` says otherwise. */
export function fakeContext(type: string, env: Record<string, string> = {}, retries = 3): JobContext {
  return {
    job: { key: '2251799813685249', type, processInstanceKey: '2251799813685248', bpmnProcessId: 'test', elementId: 'Task', retries, customHeaders: {} },
    config: { env: { ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '0', ...env }, random: seededRandom() },
    log: { info() {}, warn() {} },
  };
}

/** Runs a worker definition against a fake job. */
export function runWorker(definition: JobWorkerDefinition, variables: Record<string, unknown>, env: Record<string, string> = {}): Promise<JobOutcome> {
  return runJob(definition, variables, fakeContext(definition.type, env));
}

/** The completed variables, or a thrown error describing the unexpected outcome. */
export function completed(outcome: JobOutcome): Record<string, unknown> {
  if (outcome.kind !== 'complete') throw new Error(`Expected the job to complete, but it ended with ${JSON.stringify(outcome)}`);
  return outcome.variables;
}

export const NOW = '2025-09-30T10:00:00+08:00';

/** A complete 一窗通 application for a natural-person LLC collected at the window. */
export function enterpriseApplication(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { receivedAt: NOW, ...enterpriseApplicationSample(), ...overrides };
}

/** An enterprise case after registration and licence issuance. */
export function enterpriseCase(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...enterpriseApplication(),
    caseId: 'QYKB-20250930-000001',
    caseTitle: '企业开办：济南泉城软件有限公司',
    uscc: '91370102MA3C4D5E6F',
    ...overrides,
  };
}

/** A reviewed-category talent application with the staffing green channel requested. */
export function talentApplication(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    receivedAt: NOW,
    ...talentApplicationSample(),
    staffingRequested: true,
    staffing: { competentDepartment: 'education', positionTitle: '研究员' },
    ...overrides,
  };
}

/** A within-province transfer application (employee scheme). */
export function medicalInsuranceApplication(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { receivedAt: NOW, ...medicalInsuranceApplicationSample(), ...overrides };
}
