import type { ActivatedJob, Key } from '../api';
import { JobBatchIntent, ValueType } from '../protocol';
import type { ProcessingContext } from './processing-context';

/** Who jobs are activated for: a polling ActivateJobs request or an open job stream. */
export interface JobActivator {
  type: string;
  worker: string;
  /** Activation time-out in milliseconds. */
  timeout: number;
  maxJobsToActivate: number;
  fetchVariables?: string[];
  tenantIds?: string[];
}

/** The job as a worker receives it: locked to `worker` until `deadline`, with the variables it may see. */
export function activatedJobOf(ctx: ProcessingContext, key: Key, activator: JobActivator, deadline: number): ActivatedJob {
  const jv = ctx.state.jobs.get(key)!.value;
  return {
    key,
    type: jv.type,
    processInstanceKey: String(jv.processInstanceKey),
    bpmnProcessId: String(jv.bpmnProcessId),
    processDefinitionVersion: Number(jv.processDefinitionVersion),
    processDefinitionKey: String(jv.processDefinitionKey),
    elementId: String(jv.elementId),
    elementInstanceKey: jv.elementInstanceKey,
    customHeaders: jv.customHeaders as Record<string, string>,
    worker: activator.worker,
    retries: jv.retries,
    deadline,
    variables: ctx.state.visibleVariables(jv.elementInstanceKey, activator.fetchVariables),
    tenantId: String(jv.tenantId),
  };
}

/**
 * Write JOB_BATCH ACTIVATED for `jobs` (the applier locks them to the worker until the deadline). The record
 * carries the jobs without their variables, as Zeebe's does; the worker receives them with variables.
 */
export function writeJobsActivated(ctx: ProcessingContext, activator: JobActivator, jobs: ActivatedJob[], deadline: number): void {
  ctx.writeEvent(ctx.newKey(), ValueType.JOB_BATCH, JobBatchIntent.ACTIVATED, {
    type: activator.type,
    worker: activator.worker,
    timeout: activator.timeout,
    maxJobsToActivate: activator.maxJobsToActivate,
    deadline,
    jobKeys: jobs.map((job) => job.key),
    jobs: jobs.map((job) => ({ ...job, variables: undefined })),
    truncated: false,
    tenantIds: activator.tenantIds ?? [],
  });
}
