/**
 * Multi-instance activities under process instance migration, as Zeebe migrates them since 8.6 (camunda/camunda
 * #22129 parallel, #22184 sequential). One mapping instruction for the activity's id moves the multi-instance
 * body and every inner instance (with their jobs, user tasks, subscriptions, variables and incidents); the
 * elements inside an inner instance of a multi-instance subprocess need mappings of their own, like any
 * subprocess content. The body keeps its counters and output collection: inner instances still to come (a
 * sequential body) are created from the target's definition, so they see e.g. its new job type. The
 * instances called by a multi-instance call activity stay on their own process, as for a single call activity.
 *
 * What the target must be, or the migration is refused with Zeebe's reasons: a multi-instance activity of the
 * same element type, with the same kind of loop (parallel or sequential). A plain activity cannot become a
 * multi-instance one, nor the reverse.
 */
import type { Key } from '../../api';
import type { FlowNode } from '../../model';
import type { ElementInstance } from '../../state';

/** Whether the element instance is the body of a multi-instance activity. */
export function isMultiInstanceBody(instance: ElementInstance): boolean {
  return instance.value.bpmnElementType === 'MULTI_INSTANCE_BODY';
}

/**
 * Why a multi-instance body, or an element mapped to or from a multi-instance activity, cannot be migrated
 * to `targetNode`, if it cannot. Inner instances need nothing more than the checks of any element: their
 * body, checked before them, already holds their mapping to a multi-instance activity of the same kind.
 */
export function checkMultiInstanceMapping(
  processInstanceKey: Key,
  instance: ElementInstance,
  sourceNode: FlowNode,
  targetNode: FlowNode,
): string | undefined {
  const prefix = `Expected to migrate process instance '${processInstanceKey}' but active element with id '${sourceNode.id}'`;
  const differentType = (sourceType: string, targetType: string) =>
    `${prefix} and type '${sourceType}' is mapped to an element with id '${targetNode.id}' and different type '${targetType}'. Elements must be mapped to elements of the same type.`;
  if (!isMultiInstanceBody(instance)) {
    // A plain element instance (inner instances have a loop on both sides: their body was checked first).
    if (instance.loopCounter === undefined && targetNode.loop) return differentType(instance.value.bpmnElementType, 'MULTI_INSTANCE_BODY');
    return undefined;
  }
  if (!targetNode.loop) return differentType('MULTI_INSTANCE_BODY', targetNode.type);
  // Zeebe reports this at the first inner instance (its body and the target are both MULTI_INSTANCE_BODY); the text is the same.
  if (sourceNode.type !== targetNode.type) return differentType(sourceNode.type, targetNode.type);
  if (Boolean(sourceNode.loop!.sequential) !== Boolean(targetNode.loop.sequential)) {
    return `${prefix} has a different loop characteristics than the target element with id '${targetNode.id}'. Both elements must have either sequential or parallel loop characteristics.`;
  }
  return undefined;
}
