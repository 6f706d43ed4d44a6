// Rules between elements, checked after a process is compiled (Zeebe's model validators): what an element may
// be connected to or share a scope with.
import { duplicateCatchEventProblems } from './duplicate-catch-events';
import type { FlowNode } from './executable-process';

/**
 * The rules that span several elements, checked once the whole process is compiled: catch events waiting
 * together, start events by scope, gateway flows, event-based gateway targets, boundary and link events.
 */
export function validateNode(node: FlowNode, nodes: Map<string, FlowNode>, report: (id: string, message: string) => void): void {
  // Catch events one scope waits for at the same time must be told apart (reported on the scope, as Zeebe does).
  const nodesOf = (ids: readonly string[]) => ids.map((id) => nodes.get(id)).filter((n): n is FlowNode => n !== undefined);
  const waitingTogether = [
    nodesOf(node.boundaryEventIds),
    nodesOf(node.eventSubProcessStartIds),
    node.type === 'EVENT_BASED_GATEWAY' ? nodesOf(node.outgoing.map((flow) => flow.targetId)) : [],
  ];
  for (const events of waitingTogether) {
    if (events.length > 1) for (const problem of duplicateCatchEventProblems(events)) report(node.id, problem);
  }
  if (node.type === 'START_EVENT') {
    const scope = nodes.get(node.flowScopeId!);
    if (scope?.type === 'SUB_PROCESS' && node.eventType !== 'NONE') report(node.id, 'Start events of subprocesses must be none start events');
    if (scope?.type === 'EVENT_SUB_PROCESS' && node.eventType === 'NONE') report(node.id, 'Start events of event subprocesses must have an event definition');
    if (scope?.type === 'EVENT_SUB_PROCESS' && node.eventType === 'MESSAGE' && node.message && !node.message.correlationKey) {
      report(node.id, 'Must have a correlation key (zeebe:subscription correlationKey)');
    }
    if (scope?.type === 'PROCESS' && (node.eventType === 'ERROR' || node.eventType === 'ESCALATION')) {
      report(node.id, `${node.eventType.toLowerCase()} start events are only allowed in event subprocesses`);
    }
  }
  if (node.type === 'EXCLUSIVE_GATEWAY' || node.type === 'INCLUSIVE_GATEWAY') {
    if (node.defaultFlowId && !node.outgoing.some((f) => f.id === node.defaultFlowId)) {
      report(node.id, 'The default flow must be an outgoing sequence flow');
    }
    if (node.outgoing.length > 1) {
      for (const flow of node.outgoing) {
        if (!flow.condition && flow.id !== node.defaultFlowId) report(flow.id, 'Must have a condition expression (or be the default flow)');
      }
    }
  }
  if (node.type === 'EVENT_BASED_GATEWAY') {
    for (const flow of node.outgoing) {
      const target = nodes.get(flow.targetId);
      if (!target || !(target.type === 'INTERMEDIATE_CATCH_EVENT' || target.type === 'RECEIVE_TASK') || target.eventType === 'LINK') {
        report(node.id, 'Event-based gateways must be followed by intermediate timer, message or signal catch events');
      }
    }
    if (node.outgoing.length < 2) report(node.id, 'Event-based gateways must have at least two outgoing sequence flows');
  }
  if (node.type === 'BOUNDARY_EVENT' && node.incoming.length > 0) report(node.id, 'Boundary events must not have incoming sequence flows');
  if (node.type === 'START_EVENT' && node.incoming.length > 0) report(node.id, 'Start events must not have incoming sequence flows');
  if (node.type === 'INTERMEDIATE_CATCH_EVENT' && node.eventType === 'LINK') {
    const scope = nodes.get(node.flowScopeId!)!;
    const same = scope.children.filter((c) => {
      const other = nodes.get(c)!;
      return other.type === 'INTERMEDIATE_CATCH_EVENT' && other.eventType === 'LINK' && other.linkName === node.linkName;
    });
    if (same.length > 1) report(node.id, `Multiple intermediate catch link events with the name '${node.linkName}'`);
  }
  if (node.type === 'INTERMEDIATE_THROW_EVENT' && node.eventType === 'LINK') {
    const scope = nodes.get(node.flowScopeId!)!;
    const target = scope.children.find((c) => {
      const other = nodes.get(c)!;
      return other.type === 'INTERMEDIATE_CATCH_EVENT' && other.eventType === 'LINK' && other.linkName === node.linkName;
    });
    if (!target) report(node.id, `Can't find a catch link event with the name '${node.linkName}'`);
  }
}
