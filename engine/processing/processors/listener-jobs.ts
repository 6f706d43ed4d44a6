/**
 * What a completed, failed or erroring job means depends on its kind (Zeebe's JobKind): the element's own
 * job completes the element; an execution listener job lets the element's lifecycle go on; a task listener
 * job lets the user task's transition go on, or denies it. Zeebe's checks and messages for listener jobs.
 */
import type { Variables } from '../../api';
import { ProcessInstanceIntent, UserTaskIntent, ValueType } from '../../protocol';
import type { ErrorType } from '../../protocol';
import type { JobEntry } from '../../state';
import type { ProcessingContext } from '../processing-context';
import { continueAfterAdHocJob } from './ad-hoc-subprocess-instruction-processor';
import { bpmnBehaviors } from './behaviors';

/** The task attributes a task listener may correct (job result `corrections`). */
export const CORRECTABLE_ATTRIBUTES = ['assignee', 'candidateGroups', 'candidateUsers', 'dueDate', 'followUpDate', 'priority'] as const;
/** Task listener event types whose transition a listener may deny. */
const DENIABLE = ['ASSIGNING', 'UPDATING', 'COMPLETING'];

function jobRef(jobKey: string, job: JobEntry): string {
  return `(job key '${jobKey}', type '${job.value.type}', processInstanceKey '${job.value.processInstanceKey}')`;
}

/** Zeebe's incident error type for a job that failed with no retries left. */
export function noRetriesErrorType(job: JobEntry): ErrorType {
  if (job.value.jobKind === 'EXECUTION_LISTENER') return 'EXECUTION_LISTENER_NO_RETRIES';
  if (job.value.jobKind === 'TASK_LISTENER') return 'TASK_LISTENER_NO_RETRIES';
  return 'JOB_NO_RETRIES';
}

/** Listener jobs cannot throw BPMN errors (Camunda: "not supported"): the command is refused. */
export function listenerErrorRefusal(jobKey: string, job: JobEntry): string {
  const kind = job.value.jobKind === 'TASK_LISTENER' ? 'task listener' : 'execution listener';
  return `Expected to throw an error for job with key '${jobKey}', but it is a ${kind} job ${jobRef(jobKey, job)}; throwing BPMN errors from listener jobs is not supported`;
}

/**
 * Zeebe's checks of a task listener job completion: no variables; deny only on assigning, updating and
 * completing; not deny and correct at once; only correctable attributes; on creating, no assignee
 * correction when the model set one. Returns the rejection message, if any.
 */
export function taskListenerCompletionProblem(ctx: ProcessingContext, jobKey: string, job: JobEntry, variables: Variables, result: Record<string, unknown> | undefined): string | undefined {
  if (Object.keys(variables).length > 0) {
    return `Task Listener job completion with variables payload provided is not yet supported ${jobRef(jobKey, job)}. Support will be enabled with the resolution of issue #23702.`;
  }
  const eventType = String(job.value.listenerEventType);
  const denied = result?.denied === true;
  const corrections = (result?.corrections ?? {}) as Record<string, unknown>;
  const corrected = Object.entries(corrections).filter(([, value]) => value !== null && value !== undefined).map(([name]) => name);
  if (denied && !DENIABLE.includes(eventType)) {
    return `Denying result is not supported for '${eventType}' task listener jobs ${jobRef(jobKey, job)}. Only the following listener event types support denying: [${DENIABLE.join(', ')}].`;
  }
  if (denied && corrected.length > 0) {
    return `Expected to complete task listener job with corrections, but the job result is denied ${jobRef(jobKey, job)}. The corrections would be reverted by the denial. Either complete the job with corrections without setting denied, or complete the job with a denied result but no corrections.`;
  }
  const unknown = corrected.find((name) => !(CORRECTABLE_ATTRIBUTES as readonly string[]).includes(name));
  if (unknown) {
    return `Expected to complete task listener job with a corrections result, but property '${unknown}' cannot be corrected ${jobRef(jobKey, job)}. Only the following properties can be corrected: [${CORRECTABLE_ATTRIBUTES.join(', ')}].`;
  }
  if (eventType === 'CREATING' && corrected.includes('assignee')) {
    const instance = ctx.state.elementInstances.get(job.value.elementInstanceKey);
    const node = instance ? bpmnBehaviors(ctx).nodeOf(instance) : undefined;
    if (node?.userTask?.assignee) {
      return `Expected to complete task listener job, but correcting the assignee on 'CREATING' event is not supported when the user task has an assignee defined in the model ${jobRef(jobKey, job)}. Use the 'CREATING' event to set an assignee only if it was not defined. Use the 'ASSIGNING' event to correct an assignee that is already defined.`;
    }
  }
  return undefined;
}

/** After JOB COMPLETED: let whoever waited for this job go on (element, listener chain, or user task transition). */
export function continueAfterJob(ctx: ProcessingContext, job: JobEntry, variables: Variables, result: Record<string, unknown> | undefined): void {
  const instance = ctx.state.elementInstances.get(job.value.elementInstanceKey);
  switch (job.value.jobKind) {
    case 'EXECUTION_LISTENER':
      if (instance) {
        ctx.writeCommand(instance.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.COMPLETE_EXECUTION_LISTENER, { ...instance.value, variables });
      }
      return;
    case 'TASK_LISTENER': {
      const task = instance?.userTaskKey ? ctx.state.userTasks.get(instance.userTaskKey) : undefined;
      if (!task) return;
      const denied = result?.denied === true;
      ctx.writeCommand(task.key, ValueType.USER_TASK, denied ? UserTaskIntent.DENY_TASK_LISTENER : UserTaskIntent.COMPLETE_TASK_LISTENER, {
        ...task.value,
        ...(denied ? { deniedReason: String(result?.deniedReason ?? '') } : { corrections: result?.corrections ?? {} }),
      });
      return;
    }
    case 'AD_HOC_SUB_PROCESS':
      continueAfterAdHocJob(ctx, job, variables, result);
      return;
    default:
      bpmnBehaviors(ctx).completeWithResult(job.value.elementInstanceKey, variables);
  }
}
