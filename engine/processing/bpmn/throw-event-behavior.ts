import type { FlowNode } from '../../model';
import type { ElementInstance } from '../../state';
import type { BpmnBehaviors } from './bpmn-behaviors';
import type { Failure } from './failure';
import { broadcastSignalFrom } from './signal-behavior';

/**
 * What a signal or escalation throw event does, whether it is an intermediate throw or an end event: it
 * activates, throws, and completes — unless an interrupting catcher took over the scope.
 */

/** Broadcast the event's signal, then complete. */
export function throwSignalEvent(b: BpmnBehaviors, instance: ElementInstance, node: FlowNode): Failure | void {
  const failed = b.transitionToActivated(instance, []);
  if (failed) return failed;
  const broadcast = broadcastSignalFrom(b, instance, node);
  if (broadcast) return broadcast;
  b.completeActivated(instance);
}

/** Throw the event's escalation; complete unless an interrupting catch event ended the scope. */
export function throwEscalationEvent(b: BpmnBehaviors, instance: ElementInstance, node: FlowNode): Failure | void {
  const failed = b.transitionToActivated(instance, []);
  if (failed) return failed;
  if (b.throwEscalation(instance, node.escalationCode!) === 'interrupting') return;
  b.completeActivated(instance);
}

/** Trigger compensation; the event waits until the handlers it invoked completed (Zeebe: compensation events). */
export function throwCompensationEvent(b: BpmnBehaviors, instance: ElementInstance, node: FlowNode): Failure | void {
  const failed = b.transitionToActivated(instance, []);
  if (failed) return failed;
  b.compensation.throwCompensation(instance, node);
}
