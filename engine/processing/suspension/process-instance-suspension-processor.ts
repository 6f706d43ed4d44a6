import { ProcessInstanceSuspensionIntent, ValueType } from '../../protocol';
import type { ElementInstance } from '../../state';
import type { CommandProcessor, ProcessingContext } from '../processing-context';
import { correlateNextMessage } from '../processors/message-correlator';
import { instanceTree } from './suspended-instances';

/** The value of a SUSPENDED / RESUMED event: which instance, of which process. */
function suspensionValue(process: ElementInstance, rootProcessInstanceKey: string): Record<string, unknown> {
  const v = process.value;
  return {
    processInstanceKey: process.key,
    rootProcessInstanceKey,
    bpmnProcessId: v.bpmnProcessId,
    processDefinitionKey: v.processDefinitionKey,
    version: v.version,
    tenantId: v.tenantId,
  };
}

/** The root process instance named by the command, or a rejection ("Expected to …, but …"). */
function rootInstance(ctx: ProcessingContext, verb: 'suspend' | 'resume'): ElementInstance | undefined {
  const key = ctx.command.key;
  const instance = ctx.state.elementInstances.get(key);
  if (!instance || instance.value.bpmnElementType !== 'PROCESS') {
    ctx.reject('NOT_FOUND', `Expected to ${verb} a process instance with key '${key}', but no such process instance was found`);
    return undefined;
  }
  if (instance.value.parentProcessInstanceKey !== '-1') {
    ctx.reject(
      'INVALID_STATE',
      `Expected to ${verb} a process instance with key '${key}', but it is created by a parent process instance. ${verb === 'suspend' ? 'Suspend' : 'Resume'} the root process instance '${instance.value.parentProcessInstanceKey}' instead.`,
    );
    return undefined;
  }
  if (instance.state === 'ELEMENT_TERMINATING' || instance.state === 'ELEMENT_COMPLETING') {
    ctx.reject('INVALID_STATE', `Expected to ${verb} a process instance with key '${key}', but it is ending`);
    return undefined;
  }
  return instance;
}

/**
 * PROCESS_INSTANCE_SUSPENSION (Camunda 8.10 `POST /v2/process-instances/{key}/suspension` and `/resumption`).
 * SUSPEND freezes a root instance and every instance it called: one SUSPENDED event per process instance.
 * While suspended its jobs are not handed out, messages and signals pass it by, and commands that would move
 * it on (a job completion, a due timer) are parked as DEFERRED events. RESUME writes RESUMED per instance,
 * then the parked commands in the order they came, and lets buffered messages reach its subscriptions again.
 */
export const processInstanceSuspensionProcessor: CommandProcessor = {
  process(command, ctx) {
    switch (command.intent) {
      case ProcessInstanceSuspensionIntent.SUSPEND: {
        const root = rootInstance(ctx, 'suspend');
        if (!root) return;
        if (root.suspension) {
          return ctx.reject('INVALID_STATE', `Expected to suspend a process instance with key '${root.key}', but it is already suspended`);
        }
        for (const { process } of instanceTree(ctx.state, root.key)) {
          if (process.suspension) continue;
          ctx.writeEvent(process.key, ValueType.PROCESS_INSTANCE_SUSPENSION, ProcessInstanceSuspensionIntent.SUSPENDED, suspensionValue(process, root.key));
        }
        ctx.respond({});
        return;
      }
      case ProcessInstanceSuspensionIntent.RESUME: {
        const root = rootInstance(ctx, 'resume');
        if (!root) return;
        if (!root.suspension) {
          return ctx.reject('INVALID_STATE', `Expected to resume a process instance with key '${root.key}', but it is not suspended`);
        }
        const jobTypes = new Set<string>();
        for (const { process, elements } of instanceTree(ctx.state, root.key)) {
          const deferred = process.suspension?.deferred ?? [];
          ctx.writeEvent(process.key, ValueType.PROCESS_INSTANCE_SUSPENSION, ProcessInstanceSuspensionIntent.RESUMED, suspensionValue(process, root.key));
          for (const parked of deferred) ctx.writeCommand(parked.key, parked.valueType, parked.intent, parked.value);
          for (const element of elements) {
            const job = element.jobKey ? ctx.state.jobs.get(element.jobKey) : undefined;
            if (job?.state === 'ACTIVATABLE') jobTypes.add(job.value.type);
            for (const subscriptionKey of ctx.state.messageSubscriptionsByElement.get(element.key) ?? []) {
              const subscription = ctx.state.messageSubscriptions.get(subscriptionKey);
              if (subscription && !subscription.correlating) correlateNextMessage(ctx, subscription);
            }
          }
        }
        // Workers waiting (long polling, streams) hear of the jobs they could not take while it was suspended.
        for (const type of jobTypes) ctx.sideEffects.jobsAvailable(type);
        ctx.respond({});
        return;
      }
      default:
        return ctx.reject('INVALID_ARGUMENT', `Expected a process instance suspension command, but got intent ${command.intent}`);
    }
  },
};
