import { ProcessInstanceSuspensionIntent, ValueType } from '../../protocol';
import type { ElementInstance } from '../../state';
import type { CommandProcessor, ProcessingContext } from '../processing-context';
import { correlateNextMessage } from '../processors/message-correlator';
import { instanceTree } from './suspended-instances';

/** The value of a SUSPENDED / RESUMED event: which instance, of which process. */
function suspensionValue(process: ElementInstance): Record<string, unknown> {
  const v = process.value;
  return {
    processInstanceKey: process.key,
    parentProcessInstanceKey: v.parentProcessInstanceKey,
    bpmnProcessId: v.bpmnProcessId,
    processDefinitionKey: v.processDefinitionKey,
    version: v.version,
    tenantId: v.tenantId,
  };
}

/** The process instance named by the command, or a rejection ("Expected to …, but …"). */
function processInstance(ctx: ProcessingContext, verb: 'suspend' | 'resume'): ElementInstance | undefined {
  const key = ctx.command.key;
  const instance = ctx.state.elementInstances.get(key);
  if (!instance || instance.value.bpmnElementType !== 'PROCESS') {
    ctx.reject('NOT_FOUND', `Expected to ${verb} a process instance with key '${key}', but no such process instance was found`);
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
 * SUSPEND freezes one process instance (SUSPENDED); as in Camunda 8.10 it does not cascade: instances it
 * called, or its caller, are suspended on their own. While suspended its jobs are not handed out, messages and
 * signals pass it by, and commands that would move it on (a job completion, a due timer) are parked as
 * DEFERRED events. RESUME writes RESUMED, then the parked commands in the order they came, and lets buffered
 * messages reach its subscriptions again.
 */
export const processInstanceSuspensionProcessor: CommandProcessor = {
  process(command, ctx) {
    switch (command.intent) {
      case ProcessInstanceSuspensionIntent.SUSPEND: {
        const instance = processInstance(ctx, 'suspend');
        if (!instance) return;
        if (instance.suspension) {
          return ctx.reject('INVALID_STATE', `Expected to suspend a process instance with key '${instance.key}', but it is already suspended`);
        }
        ctx.writeEvent(instance.key, ValueType.PROCESS_INSTANCE_SUSPENSION, ProcessInstanceSuspensionIntent.SUSPENDED, suspensionValue(instance));
        ctx.respond({});
        return;
      }
      case ProcessInstanceSuspensionIntent.RESUME: {
        const instance = processInstance(ctx, 'resume');
        if (!instance) return;
        if (!instance.suspension) {
          return ctx.reject('INVALID_STATE', `Expected to resume a process instance with key '${instance.key}', but it is not suspended`);
        }
        const deferred = instance.suspension.deferred;
        const jobTypes = new Set<string>();
        ctx.writeEvent(instance.key, ValueType.PROCESS_INSTANCE_SUSPENSION, ProcessInstanceSuspensionIntent.RESUMED, suspensionValue(instance));
        for (const parked of deferred) ctx.writeCommand(parked.key, parked.valueType, parked.intent, parked.value);
        for (const element of instanceTree(ctx.state, instance.key)[0].elements) {
          const job = element.jobKey ? ctx.state.jobs.get(element.jobKey) : undefined;
          if (job?.state === 'ACTIVATABLE') jobTypes.add(job.value.type);
          for (const subscriptionKey of ctx.state.messageSubscriptionsByElement.get(element.key) ?? []) {
            const subscription = ctx.state.messageSubscriptions.get(subscriptionKey);
            if (subscription && !subscription.correlating) correlateNextMessage(ctx, subscription);
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
