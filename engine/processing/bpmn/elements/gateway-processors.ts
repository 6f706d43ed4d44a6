import type { SequenceFlow } from '../../../model';
import type { ElementProcessor } from '../element-processor';
import type { BpmnBehaviors } from '../bpmn-behaviors';
import type { ElementInstance } from '../../../state';
import { typeName } from '../expression-behavior';
import { failure, isFailure, type Failure } from '../failure';

/** Evaluate one flow's condition: it must be a boolean. */
function conditionHolds(b: BpmnBehaviors, instance: ElementInstance, flow: SequenceFlow): boolean | Failure {
  const value = b.expressions.expression(flow.condition!, instance.key, 'CONDITION_ERROR');
  if (isFailure(value)) return value;
  if (typeof value !== 'boolean') {
    return failure('CONDITION_ERROR', `Expected result of the expression '${flow.condition}' to be 'BOOLEAN', but was '${typeName(value)}'.`);
  }
  return value;
}

/** Exclusive gateway: the first flow whose condition holds, else the default flow, else an incident. */
export const exclusiveGatewayProcessor: ElementProcessor = {
  takesOutgoingFlows: false,
  onActivate(b, instance, node) {
    if (node.outgoing.length === 0) return b.passThrough(instance, []);
    if (node.outgoing.length === 1 && !node.outgoing[0].condition) return b.passThrough(instance, node.outgoing);
    for (const flow of node.outgoing) {
      if (flow.id === node.defaultFlowId || !flow.condition) continue;
      const holds = conditionHolds(b, instance, flow);
      if (isFailure(holds)) return holds;
      if (holds) return b.passThrough(instance, [flow]);
    }
    const fallback = node.outgoing.find((f) => f.id === node.defaultFlowId);
    if (fallback) return b.passThrough(instance, [fallback]);
    return failure('CONDITION_ERROR', `Expected at least one condition to evaluate to true, or to have a default flow`);
  },
};

/** Inclusive gateway: every flow whose condition holds (the default flow if none does); joins wait (see flows). */
export const inclusiveGatewayProcessor: ElementProcessor = {
  takesOutgoingFlows: false,
  onActivate(b, instance, node) {
    if (node.outgoing.length <= 1 && !node.outgoing[0]?.condition) return b.passThrough(instance, node.outgoing);
    const chosen: SequenceFlow[] = [];
    for (const flow of node.outgoing) {
      if (flow.id === node.defaultFlowId || !flow.condition) continue;
      const holds = conditionHolds(b, instance, flow);
      if (isFailure(holds)) return holds;
      if (holds) chosen.push(flow);
    }
    if (chosen.length === 0) {
      const fallback = node.outgoing.find((f) => f.id === node.defaultFlowId);
      if (!fallback) return failure('CONDITION_ERROR', `Expected at least one condition to evaluate to true, or to have a default flow`);
      chosen.push(fallback);
    }
    return b.passThrough(instance, chosen);
  },
};

/** Parallel gateway: forks into every outgoing flow; as a join it is activated once all incoming flows arrived. */
export const parallelGatewayProcessor: ElementProcessor = {
  onActivate(b, instance) {
    return b.passThrough(instance);
  },
};

/** Event-based gateway: waits for the first of the events after it; the others' subscriptions close. */
export const eventBasedGatewayProcessor: ElementProcessor = {
  onActivate(b, instance, node) {
    const model = b.model(instance.value.processDefinitionKey);
    const targets = node.outgoing.map((f) => model.nodes.get(f.targetId)!);
    const failed = b.transitionToActivated(instance, targets);
    if (failed) return failed;
  },
};
