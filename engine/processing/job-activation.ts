import type { ActivatedJob, Key } from '../api';
import { JobBatchIntent, ValueType } from '../protocol';
import { documentJson } from '../variable-json';
import type { ProcessingContext } from './processing-context';

/**
 * Largest activated job (and activation batch) the engine hands out: Zeebe's default maximum message size.
 * A single job above it would break every answer that carries it, so it becomes an incident instead.
 */
export const MAX_JOB_MESSAGE_BYTES = 4 * 1024 * 1024;

/** Room for the fields besides variables and headers (keys, type, worker, ids) in an activated job. */
const JOB_FIELDS_BYTES = 1024;

/** What the activated job weighs on the wire, near enough: its variables and headers as JSON, plus its fields. */
export function activatedJobBytes(job: ActivatedJob): number {
  return Buffer.byteLength(documentJson(job.variables)) + Buffer.byteLength(JSON.stringify(job.customHeaders ?? {})) + JOB_FIELDS_BYTES;
}

/** Zeebe's MESSAGE_SIZE_EXCEEDED incident message, then the same in Chinese. */
export function jobTooLargeMessage(jobKey: Key, bytes: number): string {
  const size = `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return (
    `The job with key '${jobKey}' can not be activated, because with ${size} it is larger than the configured message size (per default is 4 MB). ` +
    'Try to reduce the size by reducing the number of fetched variables or modifying the variable values.' +
    ` / 作业 ${jobKey} 的数据有 ${size}，超过 4 MB 的消息上限，无法派发；请减少 fetchVariables 或缩小变量后解决此事件。`
  );
}

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
    kind: String(jv.jobKind ?? 'BPMN_ELEMENT'),
    listenerEventType: String(jv.listenerEventType ?? 'UNSPECIFIED'),
  };
}

/**
 * Write JOB_BATCH ACTIVATED for `jobs` (the applier locks them to the worker until the deadline). The record
 * carries the jobs without their variables, as Zeebe's does; the worker receives them with variables.
 */
export function writeJobsActivated(ctx: ProcessingContext, activator: JobActivator, jobs: ActivatedJob[], deadline: number, truncated = false): void {
  ctx.writeEvent(ctx.newKey(), ValueType.JOB_BATCH, JobBatchIntent.ACTIVATED, {
    type: activator.type,
    worker: activator.worker,
    timeout: activator.timeout,
    maxJobsToActivate: activator.maxJobsToActivate,
    deadline,
    jobKeys: jobs.map((job) => job.key),
    jobs: jobs.map((job) => ({ ...job, variables: undefined })),
    truncated,
    tenantIds: activator.tenantIds ?? [],
  });
}
