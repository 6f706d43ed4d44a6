/**
 * Runtime instructions given when an instance is created (Camunda 8.8, `runtimeInstructions` of
 * CreateProcessInstance): `TERMINATE_PROCESS_INSTANCE` with `afterElementId` ends the instance once that element
 * completes or is terminated. As Zeebe's BpmnStateTransitionBehavior#executeRuntimeInstructions: the element's
 * way out is not taken; RUNTIME_INSTRUCTION INTERRUPTED is written and the process instance is terminated.
 * Inner instances of a multi-instance activity do not count (their body does), nor does an element ending
 * while the instance is already terminating.
 */
import type { ElementInstance } from '../../state';
import { ProcessInstanceIntent, RuntimeInstructionIntent, ValueType } from '../../protocol';
import type { BpmnBehaviors } from './bpmn-behaviors';

/** One runtime instruction as the creation carries it (and the process instance keeps it). */
export interface RuntimeInstruction {
  type: 'TERMINATE_PROCESS_INSTANCE';
  afterElementId: string;
}

/** The instructions a creation request carries, in the shape the process instance keeps them. */
export function runtimeInstructionsOf(raw: unknown): RuntimeInstruction[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((entry): entry is { type?: string; afterElementId: string } => typeof entry === 'object' && entry !== null && typeof (entry as { afterElementId?: unknown }).afterElementId === 'string')
    .map((entry) => ({ type: 'TERMINATE_PROCESS_INSTANCE', afterElementId: entry.afterElementId }));
}

/**
 * `instance` just completed or was terminated: if its process instance was told to end after it, interrupt
 * the instance and answer true (the caller then takes no way out of the element).
 */
export function interruptAfter(b: BpmnBehaviors, instance: ElementInstance): boolean {
  const root = b.state.elementInstances.get(instance.value.processInstanceKey);
  const instructions = root?.value.runtimeInstructions as RuntimeInstruction[] | undefined;
  if (!root || root.key === instance.key || !instructions?.length) return false;
  const instruction = instructions.find((candidate) => candidate.afterElementId === instance.value.elementId);
  if (!instruction || instruction.type !== 'TERMINATE_PROCESS_INSTANCE') return false;
  if (b.state.elementInstances.get(instance.value.flowScopeKey)?.value.bpmnElementType === 'MULTI_INSTANCE_BODY') return false;
  if (root.state === 'ELEMENT_TERMINATING') return false;
  b.ctx.writeEvent(root.key, ValueType.RUNTIME_INSTRUCTION, RuntimeInstructionIntent.INTERRUPTED, {
    processInstanceKey: root.key,
    processDefinitionKey: root.value.processDefinitionKey,
    tenantId: root.value.tenantId,
    elementId: instruction.afterElementId,
  });
  b.ctx.writeCommand(root.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.TERMINATE_ELEMENT, root.value);
  return true;
}
