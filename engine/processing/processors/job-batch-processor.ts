import type { ActivatedJob } from '../../api';
import { MAX_JOB_MESSAGE_BYTES, activatedJobBytes, activatedJobOf, jobTooLargeMessage, writeJobsActivated } from '../job-activation';
import type { CommandProcessor } from '../processing-context';
import { bpmnBehaviors } from './behaviors';
import { isSuspended } from '../suspension/suspended-instances';

/**
 * JOB_BATCH ACTIVATE: lock up to `maxJobsToActivate` activatable jobs of a type to a worker until
 * now + timeout, oldest first, each with the variables visible at its element (or just `fetchVariables`).
 * As Zeebe: a job larger than the maximum message size on its own becomes a MESSAGE_SIZE_EXCEEDED incident
 * and the others are delivered; a job that fits alone but not with the batch waits for the next one
 * (`truncated`).
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
    const tooLarge: { key: string; bytes: number }[] = [];
    const deadline = ctx.now + v.timeout;
    let batchBytes = 0;
    let truncated = false;
    if (available) {
      for (const key of available) {
        if (jobs.length >= v.maxJobsToActivate) break;
        const job = ctx.state.jobs.get(key)!;
        if (tenants && !tenants.includes(String(job.value.tenantId))) continue;
        // Camunda 8.10: no job of a suspended process instance is handed out.
        if (isSuspended(ctx.state, job.value.processInstanceKey)) continue;
        const activated = activatedJobOf(ctx, key, v, deadline);
        const bytes = activatedJobBytes(activated);
        if (bytes > MAX_JOB_MESSAGE_BYTES) {
          tooLarge.push({ key, bytes });
          continue;
        }
        if (batchBytes + bytes > MAX_JOB_MESSAGE_BYTES) {
          truncated = true;
          break;
        }
        batchBytes += bytes;
        jobs.push(activated);
      }
    }
    // After the loop: the incidents take the jobs out of the activatable set being iterated.
    for (const { key, bytes } of tooLarge) raiseJobTooLarge(ctx, key, bytes);
    if (jobs.length === 0) {
      ctx.respond([]);
      return;
    }
    writeJobsActivated(ctx, v, jobs, deadline, truncated);
    ctx.respond(jobs);
  },
};

/** The MESSAGE_SIZE_EXCEEDED incident on the job's element; the job is not activatable until it is resolved. */
function raiseJobTooLarge(ctx: Parameters<CommandProcessor['process']>[1], jobKey: string, bytes: number): void {
  const job = ctx.state.jobs.get(jobKey)!;
  const instance = ctx.state.elementInstances.get(job.value.elementInstanceKey);
  if (!instance) return;
  bpmnBehaviors(ctx).raiseIncident(instance, { errorType: 'MESSAGE_SIZE_EXCEEDED', message: jobTooLargeMessage(jobKey, bytes) }, jobKey);
}
