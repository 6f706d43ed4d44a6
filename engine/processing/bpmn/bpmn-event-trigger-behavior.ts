// Events reaching the elements that wait for them (Zeebe's BpmnEventTriggerBehavior): catch events, boundary
// events, event subprocesses and event-based gateways, and BPMN errors and escalations thrown up to a catcher.
import type { Key, Variables } from '../../api';
import type { FlowNode } from '../../model';
import { EscalationIntent, NO_KEY, ProcessEventIntent, ProcessInstanceIntent, ValueType } from '../../protocol';
import type { ElementInstance } from '../../state';
import type { BpmnBehaviors } from './bpmn-behaviors';

/** Triggers catch elements for an event that arrived, and throws errors and escalations to their catchers. */
export class BpmnEventTriggerBehavior {
  constructor(private readonly b: BpmnBehaviors) {}

  /**
   * An event reached a catch node that `subscriberKey` listens for: a boundary event of it, an event
   * subprocess start in it, the catch event itself, or an event after the event-based gateway it is.
   * Returns false if the subscriber cannot take the event now.
   */
  triggerCatch(subscriberKey: Key, catchElementId: string, variables: Variables): boolean {
    const subscriber = this.b.state.elementInstances.get(subscriberKey);
    if (!subscriber || subscriber.state !== 'ELEMENT_ACTIVATED' || subscriber.interrupted) return false;
    const model = this.b.model(subscriber.value.processDefinitionKey);
    const catchNode = model.nodes.get(catchElementId);
    if (!catchNode) return false;
    const subscriberNode = this.b.nodeOf(subscriber);
    if (catchNode.type === 'BOUNDARY_EVENT') {
      this.triggerBoundary(subscriber, catchNode, variables);
    } else if (catchNode.type === 'START_EVENT') {
      this.triggerEventSubProcess(subscriber, catchNode, variables);
    } else if (subscriberNode.type === 'EVENT_BASED_GATEWAY') {
      this.b.closeSubscriptions(subscriber.key);
      this.b.ctx.writeEvent(subscriber.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_COMPLETING, subscriber.value);
      this.b.ctx.writeEvent(subscriber.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_COMPLETED, subscriber.value);
      const flow = subscriberNode.outgoing.find((f) => f.targetId === catchNode.id)!;
      const scope = this.b.state.elementInstances.get(subscriber.value.flowScopeKey)!;
      this.b.ctx.writeEvent(this.b.ctx.newKey(), ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.SEQUENCE_FLOW_TAKEN, this.b.childValue(scope, { id: flow.id, type: 'SEQUENCE_FLOW', eventType: 'UNSPECIFIED' }));
      this.b.activateChild(scope, catchNode, { variables, triggered: true });
    } else {
      // The catch event or receive task itself.
      this.b.closeSubscriptions(subscriber.key);
      if (Object.keys(variables).length > 0) this.b.applyEventVariables(subscriber, subscriberNode, variables);
      this.b.completeElement(subscriber);
    }
    return true;
  }

  /** Boundary event: interrupting terminates the activity first; non-interrupting starts beside it. */
  triggerBoundary(activity: ElementInstance, boundary: FlowNode, variables: Variables): void {
    const scope = this.b.state.elementInstances.get(activity.value.flowScopeKey);
    if (!scope) return;
    if (boundary.interrupting) {
      this.b.ctx.writeEvent(this.b.ctx.newKey(), ValueType.PROCESS_EVENT, ProcessEventIntent.TRIGGERING, this.processEventValue(activity, boundary.id, variables));
      this.b.ctx.writeCommand(activity.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.TERMINATE_ELEMENT, activity.value);
    } else {
      this.b.activateChild(scope, boundary, { variables });
    }
  }

  /** Event subprocess start: interrupting terminates everything else in the scope first. */
  triggerEventSubProcess(scope: ElementInstance, start: FlowNode, variables: Variables): void {
    if (start.interrupting) {
      this.b.closeSubscriptions(scope.key);
      this.b.ctx.writeEvent(this.b.ctx.newKey(), ValueType.PROCESS_EVENT, ProcessEventIntent.TRIGGERING, this.processEventValue(scope, start.id, variables));
      const children = this.b.state.childrenOf(scope.key);
      if (children.length === 0) {
        this.b.defaultChildEnded(scope);
        return;
      }
      for (const childKey of children) {
        const child = this.b.state.elementInstances.get(childKey);
        if (child && child.state !== 'ELEMENT_TERMINATING') {
          this.b.ctx.writeCommand(childKey, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.TERMINATE_ELEMENT, child.value);
        }
      }
    } else {
      this.activateEventSubProcess(scope, start.id, variables);
    }
  }

  activateEventSubProcess(scope: ElementInstance, startId: string, variables: Variables): void {
    const model = this.b.model(scope.value.processDefinitionKey);
    const start = model.nodes.get(startId)!;
    const eventSubProcess = model.nodes.get(start.flowScopeId!)!;
    this.b.activateChild(scope, eventSubProcess, { variables });
  }

  processEventValue(scope: ElementInstance, targetElementId: string, variables: Variables): Record<string, unknown> {
    return {
      scopeKey: scope.key,
      targetElementId,
      variables,
      processDefinitionKey: scope.value.processDefinitionKey,
      processInstanceKey: scope.value.processInstanceKey,
      tenantId: scope.value.tenantId,
    };
  }

  /**
   * Throw a BPMN error from `source`: the nearest boundary event or event subprocess with a matching (or no)
   * error code catches it, crossing call activities. Returns false when nothing catches it.
   */
  throwError(source: ElementInstance, errorCode: string, variables: Variables = {}): boolean {
    return this.throwToCatcher(source, 'ERROR', errorCode, variables) !== undefined;
  }

  /** Throw an escalation: whether an interrupting or non-interrupting catcher took it, or none (flow continues). */
  throwEscalation(source: ElementInstance, escalationCode: string): 'interrupting' | 'non-interrupting' | false {
    const catcher = this.throwToCatcher(source, 'ESCALATION', escalationCode, {});
    this.b.ctx.writeEvent(this.b.ctx.newKey(), ValueType.ESCALATION, catcher ? EscalationIntent.ESCALATED : EscalationIntent.NOT_ESCALATED, {
      processInstanceKey: source.value.processInstanceKey,
      escalationCode,
      throwElementId: source.value.elementId,
      catchElementId: catcher?.id ?? '',
      tenantId: source.value.tenantId,
    });
    if (!catcher) return false;
    return catcher.interrupting ? 'interrupting' : 'non-interrupting';
  }

  private throwToCatcher(source: ElementInstance, eventType: 'ERROR' | 'ESCALATION', code: string, variables: Variables): FlowNode | undefined {
    const codeOf = (node: FlowNode) => (eventType === 'ERROR' ? node.errorCode : node.escalationCode);
    let current: ElementInstance | undefined = source;
    let first = true;
    while (current) {
      const model = this.b.model(current.value.processDefinitionKey);
      const node = this.b.nodeOf(current);
      const candidates: FlowNode[] = [];
      const isInner = this.b.state.elementInstances.get(current.value.flowScopeKey)?.value.bpmnElementType === 'MULTI_INSTANCE_BODY';
      // An end/throw event cannot catch its own throw via boundary events (it has none); activities can.
      if (!(first && (node.type === 'END_EVENT' || node.type === 'INTERMEDIATE_THROW_EVENT')) && !isInner) {
        for (const id of node.boundaryEventIds) candidates.push(model.nodes.get(id)!);
      }
      if (current.value.bpmnElementType !== 'MULTI_INSTANCE_BODY') {
        for (const id of node.eventSubProcessStartIds) candidates.push(model.nodes.get(id)!);
      }
      const matching = candidates.filter((c) => c.eventType === eventType);
      const catcher = matching.find((c) => codeOf(c) === code) ?? matching.find((c) => !codeOf(c));
      if (catcher && current.state === 'ELEMENT_ACTIVATED') {
        if (catcher.type === 'BOUNDARY_EVENT') this.triggerBoundary(current, catcher, variables);
        else this.triggerEventSubProcess(current, catcher, variables);
        return catcher;
      }
      first = false;
      if (current.value.flowScopeKey !== NO_KEY) {
        current = this.b.state.elementInstances.get(current.value.flowScopeKey);
      } else if (current.value.parentElementInstanceKey !== NO_KEY) {
        current = this.b.state.elementInstances.get(current.value.parentElementInstanceKey);
      } else {
        current = undefined;
      }
    }
    return undefined;
  }
}
