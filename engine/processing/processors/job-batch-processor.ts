import type { ActivatedJob } from '../../api';
import { JobBatchIntent, ValueType } from '../../protocol';
import type { CommandProcessor } from '../processing-context';

/**
 * JOB_BATCH ACTIVATE: lock up to `maxJobsToActivate` activatable jobs of a type to a worker until
 * now + timeout, oldest first, each with the variables visible at its element (or just `fetchVariables`).
 */
export const jobBatchProcessor: CommandProcessor = {
  process(command, ctx) {
    const v = command.value as { type: string; worker: string; timeout: number; maxJobsToActivate: number; fetchVariables?: string[]; tenantIds?: string[] };
    if (!v.type) return ctx.reject('INVALID_ARGUMENT', 'Expected to activate jobs of a type, but the type is empty');
    if (!(v.maxJobsToActivate > 0)) {
      return ctx.reject('INVALID_ARGUMENT', `Expected to activate a positive number of jobs, but maxJobsToActivate was '${v.maxJobsToActivate}'`);
    }
    const available = ctx.state.activatableJobs.get(v.type);
    const tenants = v.tenantIds && v.tenantIds.length > 0 ? v.tenantIds : undefined;
    const jobs: ActivatedJob[] = [];
    const jobKeys: string[] = [];
    const deadline = ctx.now + v.timeout;
    if (available) {
      for (const key of available) {
        if (jobs.length >= v.maxJobsToActivate) break;
        const job = ctx.state.jobs.get(key)!;
        if (tenants && !tenants.includes(String(job.value.tenantId))) continue;
        jobKeys.push(key);
        const jv = job.value;
        jobs.push({
          key,
          type: jv.type,
          processInstanceKey: String(jv.processInstanceKey),
          bpmnProcessId: String(jv.bpmnProcessId),
          processDefinitionVersion: Number(jv.processDefinitionVersion),
          processDefinitionKey: String(jv.processDefinitionKey),
          elementId: String(jv.elementId),
          elementInstanceKey: jv.elementInstanceKey,
          customHeaders: jv.customHeaders as Record<string, string>,
          worker: v.worker,
          retries: jv.retries,
          deadline,
          variables: ctx.state.visibleVariables(jv.elementInstanceKey, v.fetchVariables),
          tenantId: String(jv.tenantId),
        });
      }
    }
    if (jobs.length === 0) {
      ctx.respond([]);
      return;
    }
    ctx.writeEvent(ctx.newKey(), ValueType.JOB_BATCH, JobBatchIntent.ACTIVATED, {
      type: v.type,
      worker: v.worker,
      timeout: v.timeout,
      maxJobsToActivate: v.maxJobsToActivate,
      deadline,
      jobKeys,
      jobs: jobs.map((j) => ({ ...j, variables: undefined })),
      truncated: false,
      tenantIds: v.tenantIds ?? [],
    });
    ctx.respond(jobs);
  },
};
