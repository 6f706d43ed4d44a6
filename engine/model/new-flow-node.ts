import type { BpmnElementType, BpmnEventType, FlowNode } from './executable-process';

/** A flow node with no flows, mappings, children or events yet: what compiling an element starts from. */
export function newFlowNode(id: string, name: string | undefined, type: BpmnElementType, eventType: BpmnEventType): FlowNode {
  return {
    id,
    name,
    type,
    eventType,
    incoming: [],
    outgoing: [],
    inputs: [],
    outputs: [],
    children: [],
    eventSubProcessStartIds: [],
    boundaryEventIds: [],
    interrupting: true,
  };
}
