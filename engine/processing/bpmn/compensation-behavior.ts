import type { Key } from '../../api';
import type { FlowNode } from '../../model';
import { CompensationSubscriptionIntent, ProcessInstanceIntent, ValueType } from '../../protocol';
import type { CompensationSubscriptionEntry, CompensationSubscriptionValue, ElementInstance } from '../../state';
import type { BpmnBehaviors } from './bpmn-behaviors';

const NO_KEY = '-1';

/**
 * Compensation as Zeebe 8.5 runs it. A completed activity with a compensation boundary event (or a completed
 * subprocess with such activities inside) leaves a compensation subscription. A compensation throw event
 * triggers the not yet triggered subscriptions of its scope (or of the one activity it names), top to bottom
 * into completed subprocesses: each handler's boundary event passes through at once and the handler is
 * activated beside the throw event, which waits until every handler it invoked completed. Active or
 * terminated activities left no subscription, so they are not compensated.
 */
export class BpmnCompensationBehavior {
  constructor(private readonly b: BpmnBehaviors) {}

  private get state() {
    return this.b.state;
  }

  private subscriptionsOf(processInstanceKey: Key): CompensationSubscriptionEntry[] {
    return this.state.compensationSubscriptions.get(processInstanceKey) ?? [];
  }

  // ---------------------------------------------------------------- creation

  /**
   * Just before an activity's ELEMENT_COMPLETED: a subscription when it has a compensation boundary event, or
   * when it is a subprocess (or multi-instance body) whose completed activities hold subscriptions.
   */
  onActivityCompleting(instance: ElementInstance, node: FlowNode): void {
    const type = instance.value.bpmnElementType;
    if (type === 'PROCESS' || type.endsWith('_EVENT') || type.endsWith('_GATEWAY')) return;
    const handlerId = this.handlerIdOf(instance, node);
    const isFlowScope = type === 'SUB_PROCESS' || type === 'MULTI_INSTANCE_BODY';
    const holdsSubscriptions = isFlowScope && this.subscriptionsOf(instance.value.processInstanceKey).some((s) => s.value.compensableActivityScopeKey === instance.key);
    if (handlerId === undefined && !holdsSubscriptions) return;
    const v = instance.value;
    const value: CompensationSubscriptionValue = {
      tenantId: v.tenantId,
      processInstanceKey: v.processInstanceKey,
      processDefinitionKey: v.processDefinitionKey,
      compensableActivityId: v.elementId,
      compensableActivityScopeKey: v.flowScopeKey,
      compensableActivityInstanceKey: instance.key,
      compensationHandlerId: handlerId ?? '',
      throwEventId: '',
      throwEventInstanceKey: NO_KEY,
      compensationHandlerInstanceKey: NO_KEY,
      variables: {},
    };
    this.b.ctx.writeEvent(this.b.ctx.newKey(), ValueType.COMPENSATION_SUBSCRIPTION, CompensationSubscriptionIntent.CREATED, value);
  }

  /** The handler of the activity's compensation boundary event; an inner instance of a multi-instance activity has none (its body has). */
  private handlerIdOf(instance: ElementInstance, node: FlowNode): string | undefined {
    if (node.boundaryEventIds.length === 0) return undefined;
    const isInner = this.state.elementInstances.get(instance.value.flowScopeKey)?.value.bpmnElementType === 'MULTI_INSTANCE_BODY';
    if (isInner) return undefined;
    const model = this.b.model(instance.value.processDefinitionKey);
    for (const id of node.boundaryEventIds) {
      const boundary = model.nodes.get(id);
      if (boundary?.eventType === 'COMPENSATION' && boundary.compensationHandlerId) return boundary.compensationHandlerId;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- triggering

  /**
   * A compensation throw event (intermediate or end) was activated: trigger compensation in its scope (and,
   * from an event subprocess, in the scope around it). The event completes at once when nothing was triggered;
   * otherwise when its last handler completes.
   */
  throwCompensation(throwEvent: ElementInstance, node: FlowNode): void {
    const scopeKeys = [throwEvent.value.flowScopeKey];
    const scope = this.state.elementInstances.get(throwEvent.value.flowScopeKey);
    if (scope?.value.bpmnElementType === 'EVENT_SUB_PROCESS') scopeKeys.push(scope.value.flowScopeKey);
    const activityRef = node.compensation?.activityRef;
    const notTriggered = this.subscriptionsOf(throwEvent.value.processInstanceKey).filter((s) => s.value.throwEventId === '');
    const inScope = notTriggered.filter(
      (s) => scopeKeys.includes(s.value.compensableActivityScopeKey) && (activityRef === undefined || s.value.compensableActivityId === activityRef),
    );
    if (inScope.length === 0) {
      this.b.completeActivated(throwEvent);
      return;
    }
    for (const subscription of inScope) this.trigger(throwEvent, notTriggered, subscription);
  }

  /** Invoke one subscription's handler (if it has one), mark it TRIGGERED, then go down into the subprocess it stands for. */
  private trigger(throwEvent: ElementInstance, candidates: readonly CompensationSubscriptionEntry[], subscription: CompensationSubscriptionEntry): void {
    const handlerInstanceKey = subscription.value.compensationHandlerId ? this.activateHandler(throwEvent, subscription.value.compensableActivityId) : NO_KEY;
    this.b.ctx.writeEvent(subscription.key, ValueType.COMPENSATION_SUBSCRIPTION, CompensationSubscriptionIntent.TRIGGERED, {
      ...subscription.value,
      throwEventId: throwEvent.value.elementId,
      throwEventInstanceKey: throwEvent.key,
      compensationHandlerInstanceKey: handlerInstanceKey,
    });
    const instanceKey = subscription.value.compensableActivityInstanceKey;
    for (const inner of candidates) {
      if (inner.value.compensableActivityScopeKey === instanceKey) this.trigger(throwEvent, candidates, inner);
    }
  }

  /**
   * The activity's compensation boundary event passes through (ACTIVATING to COMPLETED at once), then its
   * handler is activated in the throw event's scope, marked with the COMPENSATION event type.
   */
  private activateHandler(throwEvent: ElementInstance, activityId: string): Key {
    const model = this.b.model(throwEvent.value.processDefinitionKey);
    const activity = model.nodes.get(activityId)!;
    const boundary = activity.boundaryEventIds.map((id) => model.nodes.get(id)!).find((n) => n.eventType === 'COMPENSATION')!;
    const handler = model.nodes.get(boundary.compensationHandlerId!)!;
    const scope = this.state.elementInstances.get(throwEvent.value.flowScopeKey)!;
    const boundaryKey = this.b.ctx.newKey();
    const boundaryValue = this.b.childValue(scope, boundary);
    for (const intent of [
      ProcessInstanceIntent.ELEMENT_ACTIVATING,
      ProcessInstanceIntent.ELEMENT_ACTIVATED,
      ProcessInstanceIntent.ELEMENT_COMPLETING,
      ProcessInstanceIntent.ELEMENT_COMPLETED,
    ]) {
      this.b.ctx.writeEvent(boundaryKey, ValueType.PROCESS_INSTANCE, intent, boundaryValue);
    }
    const handlerKey = this.b.ctx.newKey();
    const handlerValue = { ...this.b.childValue(scope, { id: handler.id, type: handler.loop ? 'MULTI_INSTANCE_BODY' : handler.type, eventType: 'COMPENSATION' }) };
    this.b.ctx.writeCommand(handlerKey, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ACTIVATE_ELEMENT, handlerValue);
    return handlerKey;
  }

  // ---------------------------------------------------------------- completion

  /**
   * Just after a compensation handler's ELEMENT_COMPLETED: its subscription is COMPLETED, so are the
   * subprocess subscriptions above it that have nothing left to compensate, and the throw event completes
   * once no subscription it triggered is left.
   */
  onHandlerCompleted(instance: ElementInstance): void {
    const v = instance.value;
    if (v.bpmnEventType !== 'COMPENSATION' || v.bpmnElementType.endsWith('_EVENT')) return;
    const subscription = this.subscriptionsOf(v.processInstanceKey).find((s) => s.value.throwEventId !== '' && s.value.compensationHandlerInstanceKey === instance.key);
    if (!subscription) return;
    this.b.ctx.writeEvent(subscription.key, ValueType.COMPENSATION_SUBSCRIPTION, CompensationSubscriptionIntent.COMPLETED, subscription.value);
    this.completeScopesUpward(v.processInstanceKey, subscription.value.compensableActivityScopeKey);
    const throwEventKey = subscription.value.throwEventInstanceKey;
    if (this.subscriptionsOf(v.processInstanceKey).some((s) => s.value.throwEventInstanceKey === throwEventKey)) return;
    const throwEvent = this.state.elementInstances.get(throwEventKey);
    if (throwEvent) this.b.completeElement(throwEvent);
  }

  /** A subprocess whose inner subscriptions are all done is compensated: its own (handler-less) subscription completes, and so on upward. */
  private completeScopesUpward(processInstanceKey: Key, scopeKey: Key): void {
    const subscriptions = this.subscriptionsOf(processInstanceKey);
    if (subscriptions.some((s) => s.value.compensableActivityScopeKey === scopeKey)) return;
    const scopeSubscription = subscriptions.find((s) => s.value.compensableActivityInstanceKey === scopeKey && s.value.compensationHandlerId === '');
    if (!scopeSubscription) return;
    this.b.ctx.writeEvent(scopeSubscription.key, ValueType.COMPENSATION_SUBSCRIPTION, CompensationSubscriptionIntent.COMPLETED, scopeSubscription.value);
    this.completeScopesUpward(processInstanceKey, scopeSubscription.value.compensableActivityScopeKey);
  }

  // ---------------------------------------------------------------- deletion

  /** The process instance completes or is terminated: every subscription it holds is DELETED. */
  deleteAll(processInstance: ElementInstance): void {
    for (const subscription of [...this.subscriptionsOf(processInstance.key)]) this.delete(subscription);
  }

  /** An element is terminated: a process drops all subscriptions, a subprocess those of the activities inside it (recursively). */
  onTerminating(instance: ElementInstance): void {
    const type = instance.value.bpmnElementType;
    if (type === 'PROCESS') return this.deleteAll(instance);
    if (type !== 'SUB_PROCESS' && type !== 'EVENT_SUB_PROCESS') return;
    const subscriptions = [...this.subscriptionsOf(instance.value.processInstanceKey)];
    const deleteWithin = (scopeKey: Key) => {
      for (const subscription of subscriptions) {
        if (subscription.value.compensableActivityScopeKey !== scopeKey) continue;
        this.delete(subscription);
        deleteWithin(subscription.value.compensableActivityInstanceKey);
      }
    };
    deleteWithin(instance.key);
  }

  private delete(subscription: CompensationSubscriptionEntry): void {
    this.b.ctx.writeEvent(subscription.key, ValueType.COMPENSATION_SUBSCRIPTION, CompensationSubscriptionIntent.DELETED, subscription.value);
  }
}
