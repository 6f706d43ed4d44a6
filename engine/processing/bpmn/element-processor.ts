import type { ElementInstance } from '../../state';
import type { FlowNode } from '../../model';
import type { BpmnBehaviors } from './bpmn-behaviors';
import type { Failure } from './failure';

/**
 * The lifecycle one BPMN element kind implements. The behaviours do the shared work (mappings,
 * subscriptions, transitions); an element adds only what it does differently.
 */
export interface ElementProcessor {
  /** After ELEMENT_ACTIVATING and input mappings. Returns a failure to raise an incident. */
  onActivate(b: BpmnBehaviors, instance: ElementInstance, node: FlowNode): Failure | void;
  /** After ELEMENT_COMPLETING, before output mappings. */
  onComplete?(b: BpmnBehaviors, instance: ElementInstance, node: FlowNode): Failure | void;
  /** After ELEMENT_TERMINATING: cancel what the element holds. Return true if termination must wait (children). */
  onTerminate?(b: BpmnBehaviors, instance: ElementInstance, node: FlowNode): boolean | void;
  /** Containers: a child completed (it is already removed from state). */
  onChildCompleted?(b: BpmnBehaviors, scope: ElementInstance, node: FlowNode, child: ElementInstance): void;
  /** Containers: a child was terminated. */
  onChildTerminated?(b: BpmnBehaviors, scope: ElementInstance, node: FlowNode, child: ElementInstance): void;
  /** Whether the completed element leaves through its outgoing flows (gateways choose theirs themselves). */
  takesOutgoingFlows?: boolean;
}
