import type { Key, Variables } from '../../api';
import type { FlowNode } from '../../model';
import { SignalIntent, ValueType } from '../../protocol';
import { signalSubscriptionsNamed, type ElementInstance } from '../../state';
import type { BpmnBehaviors } from './bpmn-behaviors';
import { isFailure, type Failure } from './failure';
import { isSuspended } from '../suspension/suspended-instances';

/**
 * Broadcast a signal: SIGNAL BROADCASTED, then every subscription with that name (in the tenant) is
 * triggered — catch events and boundary events of running instances, and signal start events.
 */
export function broadcastSignal(b: BpmnBehaviors, signalName: string, variables: Variables, tenantId: string, key?: Key): Key {
  const signalKey = key ?? b.ctx.newKey();
  b.ctx.writeEvent(signalKey, ValueType.SIGNAL, SignalIntent.BROADCASTED, { signalName, variables, tenantId });
  // The subscriptions of that name through their index, in the order they were opened; all read before any
  // is triggered, since triggering one may close others.
  const subscriptions = signalSubscriptionsNamed(b.state, tenantId, signalName).map((subscriptionKey) => b.state.signalSubscriptions.get(subscriptionKey)!);
  for (const subscription of subscriptions) {
    const v = subscription.value;
    if (v.catchEventInstanceKey === '-1') {
      const definition = b.state.processes.get(v.processDefinitionKey);
      if (definition) b.startProcessInstance(definition, variables, { startElementIds: [v.catchEventId] });
    } else if (!isSuspended(b.state, b.state.elementInstances.get(v.catchEventInstanceKey)?.value.processInstanceKey)) {
      // A suspended instance lets signals pass by (Camunda 8.10); signals are not buffered.
      b.triggerCatch(v.catchEventInstanceKey, v.catchEventId, variables);
    }
  }
  return signalKey;
}

/** A signal throw or end event: evaluate the signal name and broadcast it (no variables, as in Zeebe). */
export function broadcastSignalFrom(b: BpmnBehaviors, instance: ElementInstance, node: FlowNode): Failure | void {
  const name = b.expressions.string(node.signalName!, instance.key, 'signal name');
  if (isFailure(name)) return name;
  broadcastSignal(b, name, {}, instance.value.tenantId);
}
