import type { Variables } from '../../api';
import { JobIntent, ValueType } from '../../protocol';
import type { JobEntry } from '../../state';
import type { CommandProcessor, ProcessingContext } from '../processing-context';
import { adHocJobCompletionProblem } from './ad-hoc-subprocess-instruction-processor';
import { bpmnBehaviors } from './behaviors';
import { continueAfterJob, listenerErrorRefusal, noRetriesErrorType, taskListenerCompletionProblem } from './listener-jobs';

function findJob(ctx: ProcessingContext, verb: string): JobEntry | undefined {
  const job = ctx.state.jobs.get(ctx.command.key);
  if (!job) {
    ctx.reject('NOT_FOUND', `Expected to ${verb} job with key '${ctx.command.key}', but no such job was found`);
    return undefined;
  }
  return job;
}

/**
 * JOB commands from workers (complete, fail, throw error, update retries/timeout) and from the scheduler
 * (time out, recur after back-off) and job streams (yield).
 */
export const jobProcessor: CommandProcessor = {
  process(command, ctx) {
    const value = command.value as Record<string, unknown>;
    switch (command.intent) {
      case JobIntent.COMPLETE: {
        const job = findJob(ctx, 'complete');
        if (!job) return;
        if (job.state !== 'ACTIVATED' && job.state !== 'ACTIVATABLE') {
          return ctx.reject('INVALID_STATE', `Expected to complete job with key '${command.key}', but it is in state '${job.state}'`);
        }
        const variables = (value.variables as Variables) ?? {};
        const result = value.result as Record<string, unknown> | undefined;
        if (job.value.jobKind === 'TASK_LISTENER') {
          const refused = taskListenerCompletionProblem(ctx, command.key, job, variables, result);
          if (refused) return ctx.reject('INVALID_ARGUMENT', refused);
        }
        if (job.value.jobKind === 'AD_HOC_SUB_PROCESS') {
          const refused = adHocJobCompletionProblem(ctx, command.key, job, result);
          if (refused) return ctx.reject(refused.type, refused.reason);
        }
        ctx.writeEvent(command.key, ValueType.JOB, JobIntent.COMPLETED, { ...job.value, variables, ...(result ? { result } : {}) });
        continueAfterJob(ctx, job, variables, result);
        ctx.respond({});
        return;
      }
      case JobIntent.FAIL: {
        const job = findJob(ctx, 'fail');
        if (!job) return;
        if (job.state !== 'ACTIVATED') {
          return ctx.reject('INVALID_STATE', `Expected to fail job with key '${command.key}', but it is in state '${job.state}'`);
        }
        const retries = Number(value.retries ?? 0);
        const retryBackoff = Number(value.retryBackoff ?? 0);
        const errorMessage = String(value.errorMessage ?? '');
        const variables = (value.variables as Variables) ?? {};
        if (Object.keys(variables).length > 0) bpmnBehaviors(ctx).variables.setLocal(job.value.elementInstanceKey, variables);
        ctx.writeEvent(command.key, ValueType.JOB, JobIntent.FAILED, {
          ...job.value,
          retries,
          retryBackoff,
          recurringTime: retries > 0 && retryBackoff > 0 ? ctx.now + retryBackoff : -1,
          errorMessage,
          variables: {},
        });
        if (retries <= 0) {
          const instance = ctx.state.elementInstances.get(job.value.elementInstanceKey);
          if (instance) {
            bpmnBehaviors(ctx).raiseIncident(instance, { errorType: noRetriesErrorType(job), message: errorMessage || 'No more retries left.' }, command.key);
          }
        } else if (retryBackoff <= 0) {
          ctx.sideEffects.jobsAvailable(job.value.type);
        }
        ctx.respond({});
        return;
      }
      case JobIntent.THROW_ERROR: {
        const job = findJob(ctx, 'throw an error for');
        if (!job) return;
        if (job.state !== 'ACTIVATED' && job.state !== 'ACTIVATABLE') {
          return ctx.reject('INVALID_STATE', `Expected to throw an error for job with key '${command.key}', but it is in state '${job.state}'`);
        }
        if (job.value.jobKind === 'EXECUTION_LISTENER' || job.value.jobKind === 'TASK_LISTENER') {
          return ctx.reject('INVALID_STATE', listenerErrorRefusal(command.key, job));
        }
        const errorCode = String(value.errorCode ?? '');
        const errorMessage = String(value.errorMessage ?? '');
        const variables = (value.variables as Variables) ?? {};
        ctx.writeEvent(command.key, ValueType.JOB, JobIntent.ERROR_THROWN, { ...job.value, errorCode, errorMessage, variables });
        const b = bpmnBehaviors(ctx);
        const instance = ctx.state.elementInstances.get(job.value.elementInstanceKey);
        if (instance && !b.throwError(instance, errorCode, variables)) {
          b.raiseIncident(
            instance,
            {
              errorType: 'UNHANDLED_ERROR_EVENT',
              message: `Expected to throw an error event with the code '${errorCode}' with message '${errorMessage}', but it was not caught. No error events are available in the scope.`,
            },
            command.key,
          );
        }
        ctx.respond({});
        return;
      }
      case JobIntent.UPDATE_RETRIES: {
        const job = findJob(ctx, 'update retries for');
        if (!job) return;
        const retries = Number(value.retries);
        if (!Number.isInteger(retries) || retries < 1) {
          return ctx.reject('INVALID_ARGUMENT', `Expected to update retries for job with key '${command.key}' with a positive amount of retries, but the amount given was '${value.retries}'`);
        }
        ctx.writeEvent(command.key, ValueType.JOB, JobIntent.RETRIES_UPDATED, { ...job.value, retries });
        ctx.respond({});
        return;
      }
      case JobIntent.UPDATE_TIMEOUT: {
        const job = findJob(ctx, 'update the timeout of');
        if (!job) return;
        if (job.state !== 'ACTIVATED') {
          return ctx.reject('INVALID_STATE', `Expected to update the timeout of job with key '${command.key}', but it is not active`);
        }
        const timeout = Number(value.timeout);
        ctx.writeEvent(command.key, ValueType.JOB, JobIntent.TIMEOUT_UPDATED, { ...job.value, timeout, deadline: ctx.now + timeout });
        ctx.respond({});
        return;
      }
      case JobIntent.TIME_OUT: {
        const job = ctx.state.jobs.get(command.key);
        if (!job || job.state !== 'ACTIVATED' || job.value.deadline > ctx.now) {
          return ctx.reject('INVALID_STATE', `Expected to time out activated job with key '${command.key}', but it is not activated or not due`);
        }
        ctx.writeEvent(command.key, ValueType.JOB, JobIntent.TIMED_OUT, { ...job.value });
        ctx.sideEffects.jobsAvailable(job.value.type);
        return;
      }
      case JobIntent.RECUR_AFTER_BACKOFF: {
        const job = ctx.state.jobs.get(command.key);
        if (!job || job.state !== 'FAILED' || job.value.retries <= 0 || Number(job.value.recurringTime) > ctx.now) {
          return ctx.reject('INVALID_STATE', `Expected to recur failed job with key '${command.key}' after its back-off, but it is not waiting for one`);
        }
        ctx.writeEvent(command.key, ValueType.JOB, JobIntent.RECURRED_AFTER_BACKOFF, { ...job.value });
        ctx.sideEffects.jobsAvailable(job.value.type);
        return;
      }
      case JobIntent.YIELD: {
        const job = ctx.state.jobs.get(command.key);
        if (!job || job.state !== 'ACTIVATED') {
          return ctx.reject('INVALID_STATE', `Expected to yield activated job with key '${command.key}', but it is not activated`);
        }
        ctx.writeEvent(command.key, ValueType.JOB, JobIntent.YIELDED, { ...job.value });
        ctx.sideEffects.jobsAvailable(job.value.type);
        return;
      }
      default:
        return ctx.reject('INVALID_ARGUMENT', `Expected a job command, but got intent ${command.intent}`);
    }
  },
};

