import type { ActivatedJob } from '../../api';
import { activatedJobOf, writeJobsActivated } from '../job-activation';
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
    const deadline = ctx.now + v.timeout;
    if (available) {
      for (const key of available) {
        if (jobs.length >= v.maxJobsToActivate) break;
        const job = ctx.state.jobs.get(key)!;
        if (tenants && !tenants.includes(String(job.value.tenantId))) continue;
        jobs.push(activatedJobOf(ctx, key, v, deadline));
      }
    }
    if (jobs.length === 0) {
      ctx.respond([]);
      return;
    }
    writeJobsActivated(ctx, v, jobs, deadline);
    ctx.respond(jobs);
  },
};
