/**
 * AD_HOC_SUB_PROCESS_INSTRUCTION (Camunda 8.8): ACTIVATE activates activities of a running ad-hoc subprocess
 * (REST `POST /v2/element-instances/ad-hoc-activities/{key}/activation`, or a job worker's result); COMPLETE
 * declares its completion condition fulfilled (a job worker's result). Zeebe's checks and rejection texts.
 * Also the checks and follow-ups of completing an ad-hoc subprocess's own job.
 */
import type { Key, Variables } from '../../api';
import { AdHocSubProcessInstructionIntent, ValueType } from '../../protocol';
import type { ElementInstance, JobEntry } from '../../state';
import { AdHocSubProcessBehavior } from '../bpmn/ad-hoc-subprocess-behavior';
import type { RejectionType } from '../../api';
import type { CommandProcessor, ProcessingContext } from '../processing-context';
import { isSuspended } from '../suspension/suspended-instances';
import { bpmnBehaviors } from './behaviors';

/** One activity to activate, with variables local to its activation. */
export interface ActivateElementInstruction {
  elementId: string;
  variables?: Variables;
}

function activateElementsOf(value: Record<string, unknown>): ActivateElementInstruction[] {
  const list = Array.isArray(value.activateElements) ? value.activateElements : Array.isArray(value.elements) ? value.elements : [];
  return list.map((entry: Record<string, unknown>) => ({
    elementId: String(entry?.elementId ?? ''),
    variables: entry?.variables && typeof entry.variables === 'object' && !Array.isArray(entry.variables) ? (entry.variables as Variables) : undefined,
  }));
}

function activate(command: { key: Key; value: Record<string, unknown> }, ctx: ProcessingContext): void {
  const key = String(command.value.adHocSubProcessInstanceKey ?? command.key);
  const instance = ctx.state.elementInstances.get(key);
  if (!instance || instance.value.bpmnElementType !== 'AD_HOC_SUB_PROCESS') {
    return ctx.reject('NOT_FOUND', `Expected to activate activities for ad-hoc sub-process but no ad-hoc sub-process instance found with key '${key}'.`);
  }
  if (instance.state !== 'ELEMENT_ACTIVATED') {
    return ctx.reject('INVALID_STATE', `Expected to activate activities for ad-hoc sub-process with key '${key}', but it is not active.`);
  }
  // A suspended case (Camunda 8.10) does not move on: refused, as the suspension gate refuses what people send.
  if (isSuspended(ctx.state, instance.value.processInstanceKey)) {
    return ctx.reject(
      'INVALID_STATE',
      `Expected to activate activities for ad-hoc sub-process with key '${key}', but its process instance '${instance.value.processInstanceKey}' is suspended; resume it first / 流程实例 ${instance.value.processInstanceKey} 已挂起，恢复后才能办理`,
    );
  }
  const elements = activateElementsOf(command.value);
  if (new Set(elements.map((e) => e.elementId)).size !== elements.length) {
    return ctx.reject('INVALID_ARGUMENT', `Expected to activate activities for ad-hoc sub-process with key '${key}', but duplicate activities were given.`);
  }
  const b = bpmnBehaviors(ctx);
  const node = b.nodeOf(instance);
  const missing = b.adHoc.missingActivities(node, elements.map((e) => e.elementId));
  if (missing.length > 0) return ctx.reject('NOT_FOUND', AdHocSubProcessBehavior.notFoundReason(key, missing));
  for (const element of elements) b.adHoc.activateElement(instance, node, element.elementId, element.variables);
  const event = { ...command.value, adHocSubProcessInstanceKey: key, activateElements: elements, tenantId: instance.value.tenantId };
  ctx.writeEvent(key, ValueType.AD_HOC_SUB_PROCESS_INSTRUCTION, AdHocSubProcessInstructionIntent.ACTIVATED, event);
  ctx.respond(event);
}

function complete(command: { key: Key; value: Record<string, unknown> }, ctx: ProcessingContext): void {
  const key = String(command.value.adHocSubProcessInstanceKey ?? command.key);
  const instance = ctx.state.elementInstances.get(key);
  if (!instance) return ctx.reject('NOT_FOUND', `Expected to complete ad-hoc sub-process, but no element instance found with key '${key}'.`);
  if (instance.value.bpmnElementType !== 'AD_HOC_SUB_PROCESS') {
    return ctx.reject('INVALID_ARGUMENT', `Expected to complete ad-hoc sub-process, but element instance with key '${key}' is not an ad-hoc sub-process.`);
  }
  if (instance.state !== 'ELEMENT_ACTIVATED') {
    return ctx.reject('INVALID_STATE', `Expected to complete ad-hoc sub-process, but ad-hoc sub-process is in state '${instance.state}'.`);
  }
  bpmnBehaviors(ctx).adHoc.completionConditionFulfilled(instance, command.value.cancelRemainingInstances === true);
  ctx.writeEvent(key, ValueType.AD_HOC_SUB_PROCESS_INSTRUCTION, AdHocSubProcessInstructionIntent.COMPLETED, { ...command.value, adHocSubProcessInstanceKey: key });
}

/** The instruction commands of ad-hoc subprocesses. */
export const adHocSubProcessInstructionProcessor: CommandProcessor = {
  process(command, ctx) {
    if (command.intent === AdHocSubProcessInstructionIntent.ACTIVATE) return activate(command, ctx);
    if (command.intent === AdHocSubProcessInstructionIntent.COMPLETE) return complete(command, ctx);
    ctx.reject('INVALID_ARGUMENT', `Expected an ad-hoc sub-process instruction (ACTIVATE or COMPLETE), but got intent ${command.intent}`);
  },
};

/** A job result as REST sends it (`isCompletionConditionFulfilled`) or as the record keeps it. */
function resultFlags(result: Record<string, unknown> | undefined): { fulfilled: boolean; cancelRemaining: boolean; elements: ActivateElementInstruction[] } {
  return {
    fulfilled: result?.isCompletionConditionFulfilled === true || result?.completionConditionFulfilled === true,
    cancelRemaining: result?.isCancelRemainingInstances === true || result?.cancelRemainingInstances === true,
    elements: activateElementsOf(result ?? {}),
  };
}

/**
 * Zeebe's checks before an ad-hoc subprocess's job completes: the activities exist, the subprocess is active,
 * and a result does not both fulfil the completion condition and activate elements.
 */
export function adHocJobCompletionProblem(ctx: ProcessingContext, jobKey: Key, job: JobEntry, result: Record<string, unknown> | undefined): { type: RejectionType; reason: string } | undefined {
  const instance = ctx.state.elementInstances.get(job.value.elementInstanceKey);
  const { fulfilled, elements } = resultFlags(result);
  if (instance) {
    const missing = bpmnBehaviors(ctx).adHoc.missingActivities(bpmnBehaviors(ctx).nodeOf(instance), elements.map((e) => e.elementId));
    if (missing.length > 0) return { type: 'NOT_FOUND', reason: AdHocSubProcessBehavior.notFoundReason(instance.key, missing) };
    if (instance.state !== 'ELEMENT_ACTIVATED') {
      return {
        type: 'INVALID_STATE',
        reason: `Expected to complete ad-hoc sub-process job, but the ad-hoc sub-process instance is not active (job key '${jobKey}', type '${job.value.type}', processInstanceKey '${job.value.processInstanceKey}')`,
      };
    }
  }
  if (fulfilled && elements.length > 0) {
    return {
      type: 'INVALID_ARGUMENT',
      reason: `Expected to complete ad-hoc sub-process job, but the job result contains elements to be activated while the completion condition is fulfilled (job key '${job.value.elementInstanceKey}'). When the completion condition is fulfilled, no further element activations are allowed. Either remove the elements to be activated from the job result, or set the completion condition to not fulfilled.`,
    };
  }
  return undefined;
}

/**
 * After an ad-hoc subprocess's job COMPLETED: the job's variables merge from the subprocess upward, then the
 * result's activations and completion become instruction commands, as Zeebe writes them.
 */
export function continueAfterAdHocJob(ctx: ProcessingContext, job: JobEntry, variables: Variables, result: Record<string, unknown> | undefined): void {
  const instance: ElementInstance | undefined = ctx.state.elementInstances.get(job.value.elementInstanceKey);
  if (!instance) return;
  const { fulfilled, cancelRemaining, elements } = resultFlags(result);
  const instruction = {
    adHocSubProcessInstanceKey: instance.key,
    activateElements: elements,
    completionConditionFulfilled: fulfilled,
    cancelRemainingInstances: cancelRemaining,
    tenantId: instance.value.tenantId,
  };
  if (elements.length > 0) ctx.writeCommand(instance.key, ValueType.AD_HOC_SUB_PROCESS_INSTRUCTION, AdHocSubProcessInstructionIntent.ACTIVATE, instruction);
  if (fulfilled) ctx.writeCommand(instance.key, ValueType.AD_HOC_SUB_PROCESS_INSTRUCTION, AdHocSubProcessInstructionIntent.COMPLETE, instruction);
  if (Object.keys(variables).length > 0) bpmnBehaviors(ctx).variables.propagate(instance.key, variables);
}
