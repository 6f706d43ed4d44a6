/**
 * Compensation in the executable model (Zeebe 8.5): compensation boundary events and the handlers their
 * associations point at, activities marked `isForCompensation`, and compensation throw events (intermediate and
 * end, with or without `activityRef`). Checked at deployment with Zeebe's validators' messages.
 */
import type { BpmnElementType, BpmnEventType, FlowNode } from './executable-process';

type Report = (id: string, message: string) => void;

/** The element kinds that may carry a compensation event definition (compensation start events are not run). */
const COMPENSATION_EVENT_KINDS: ReadonlySet<BpmnElementType> = new Set(['BOUNDARY_EVENT', 'INTERMEDIATE_THROW_EVENT', 'END_EVENT']);

/** Whether `type` with a compensation event definition is something the engine runs. */
export function supportsCompensationEvent(type: BpmnElementType, eventType: BpmnEventType): boolean {
  return eventType === 'COMPENSATION' && COMPENSATION_EVENT_KINDS.has(type);
}

/** Task kinds Zeebe accepts as compensation handlers (its CompensationTaskValidator); subprocesses and call activities may be handlers too. */
const HANDLER_TASK_TYPES: ReadonlySet<BpmnElementType> = new Set(['SERVICE_TASK', 'USER_TASK', 'SEND_TASK', 'SCRIPT_TASK', 'MANUAL_TASK', 'TASK']);
const ANY_TASK_TYPES: ReadonlySet<BpmnElementType> = new Set([...HANDLER_TASK_TYPES, 'RECEIVE_TASK', 'BUSINESS_RULE_TASK']);

/** Read what one moddle element says about compensation into its node (called while the node is compiled). */
export function readCompensation(element: any, node: FlowNode, report: Report): void {
  if (element.isForCompensation === true) node.isForCompensation = true;
  if (node.eventType !== 'COMPENSATION' || (node.type !== 'INTERMEDIATE_THROW_EVENT' && node.type !== 'END_EVENT')) return;
  const definition = (element.eventDefinitions ?? [])[0];
  node.compensation = { activityRef: definition?.activityRef?.id || undefined };
  // bpmn-moddle reads an absent attribute as its default (true); only an explicit false is refused.
  if (node.type === 'INTERMEDIATE_THROW_EVENT' && definition?.waitForCompletion === false) {
    report(node.id, 'A compensation intermediate throwing event waitForCompletion attribute must be true or not present');
  }
}

/** Every `bpmn:Association` of a process and its subprocesses, as source id → target id. */
function associations(container: any, out = new Map<string, string>()): Map<string, string> {
  for (const artifact of container.artifacts ?? []) {
    if (artifact.$type === 'bpmn:Association' && artifact.sourceRef?.id && artifact.targetRef?.id) {
      out.set(artifact.sourceRef.id, artifact.targetRef.id);
    }
  }
  for (const element of container.flowElements ?? []) {
    if (element.$type === 'bpmn:SubProcess') associations(element, out);
  }
  return out;
}

/**
 * Link compensation boundary events to their handlers and check the compensation parts of one process, once
 * every node is compiled.
 */
export function compileCompensation(processElement: any, nodes: ReadonlyMap<string, FlowNode>, report: Report): void {
  let links: Map<string, string> | undefined;
  for (const node of nodes.values()) {
    if (node.type === 'BOUNDARY_EVENT' && node.eventType === 'COMPENSATION') {
      links ??= associations(processElement);
      const handlerId = links.get(node.id);
      if (!handlerId || node.outgoing.length > 0) {
        report(node.id, 'Compensation boundary events must have a compensation association and no outgoing sequence flows');
      } else if (!nodes.get(handlerId)?.isForCompensation) {
        report(node.id, `The compensation handler '${handlerId}' must be an activity marked as 'isForCompensation'`);
      } else {
        node.compensationHandlerId = handlerId;
      }
      if (node.executionListeners && (node.executionListeners.start.length > 0 || node.executionListeners.end.length > 0)) {
        report(node.id, "Execution listeners of type 'start' and 'end' are not supported by [compensation] boundary events");
      }
    }
    if (node.isForCompensation) checkHandler(node, report);
    if (node.compensation?.activityRef) checkActivityRef(node, nodes, report);
  }
}

/** Zeebe's CompensationTaskValidator: which tasks may be handlers, and that a handler stands apart from the flow. */
function checkHandler(node: FlowNode, report: Report): void {
  if (!ANY_TASK_TYPES.has(node.type)) return;
  if (!HANDLER_TASK_TYPES.has(node.type)) {
    report(node.id, 'Compensation task must be one of: service task, user task, send task, script task, manual task, or undefined task.');
  }
  if (node.incoming.length > 0) report(node.id, 'A compensation handler should have no incoming sequence flows');
  if (node.outgoing.length > 0) report(node.id, 'A compensation handler should have no outgoing sequence flows');
  if (node.boundaryEventIds.length > 0) report(node.id, 'A compensation handler should have no boundary events');
}

/** Zeebe's CompensationEventDefinitionValidator for a throw event that names the activity to compensate. */
function checkActivityRef(node: FlowNode, nodes: ReadonlyMap<string, FlowNode>, report: Report): void {
  const ref = node.compensation!.activityRef!;
  const activity = nodes.get(ref);
  if (!activity) {
    report(node.id, `The referenced compensation activity '${ref}' doesn't exist`);
    return;
  }
  const hasBoundary = activity.boundaryEventIds.some((id) => nodes.get(id)?.eventType === 'COMPENSATION');
  if (!hasBoundary && activity.type !== 'SUB_PROCESS') {
    report(node.id, `The referenced compensation activity '${ref}' must have either a compensation boundary event or be a subprocess`);
  }
  // From an event subprocess, compensation reaches the scope around it too (Camunda: triggering compensation from an event subprocess).
  const scope = nodes.get(node.flowScopeId ?? '');
  const reachable = [node.flowScopeId, scope?.type === 'EVENT_SUB_PROCESS' ? scope.flowScopeId : undefined];
  if (!reachable.includes(activity.flowScopeId)) {
    report(node.id, `The referenced compensation activity '${ref}' must be in the same scope as the compensation throw event`);
  }
}
