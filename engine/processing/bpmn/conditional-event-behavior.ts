import type { Key } from '../../api';
import type { FlowNode } from '../../model';
import { ConditionalSubscriptionIntent, ValueType } from '../../protocol';
import type { ConditionalSubscriptionEntry, ElementInstance } from '../../state';
import type { BpmnBehaviors } from './bpmn-behaviors';
import { isFailure } from './failure';
import { isSuspended } from '../suspension/suspended-instances';
import { conditionalSubscriptionsReading } from '../../state';

const byKey = (a: Key, b: Key): number => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

/**
 * Conditional events in running instances (Camunda 8.9). A subscription opens with the scope that waits
 * (the catch event itself, a boundary's activity, an event subprocess's flow scope); its condition is
 * evaluated when that scope is activated, and again after each command that created or updated one of the
 * variables the condition reads, in a scope the subscription sees. Scopes are evaluated top-down, and an
 * interrupting trigger stops evaluation below the scope it interrupts. A condition that fails to evaluate
 * counts as not fulfilled.
 */
export class ConditionalEventBehavior {
  constructor(private readonly b: BpmnBehaviors) {}

  /** Open the subscription of a conditional catch node on behalf of `instance` (CONDITIONAL_SUBSCRIPTION CREATED). */
  open(instance: ElementInstance, node: FlowNode): void {
    const v = instance.value;
    const conditional = node.conditional!;
    const key = this.b.ctx.newKey();
    this.b.ctx.writeEvent(key, ValueType.CONDITIONAL_SUBSCRIPTION, ConditionalSubscriptionIntent.CREATED, {
      scopeKey: instance.key,
      elementInstanceKey: instance.key,
      processInstanceKey: v.processInstanceKey,
      processDefinitionKey: v.processDefinitionKey,
      bpmnProcessId: v.bpmnProcessId,
      catchEventId: node.id,
      condition: conditional.condition,
      variableNames: conditional.variableNames,
      variableEvents: conditional.variableEvents,
      interrupting: node.type === 'INTERMEDIATE_CATCH_EVENT' ? true : node.interrupting,
      tenantId: v.tenantId,
    });
    this.b.ctx.conditionals?.opened.add(key);
  }

  /** Close one subscription (CONDITIONAL_SUBSCRIPTION DELETED). */
  close(key: Key): void {
    const subscription = this.b.state.conditionalSubscriptions.get(key);
    if (subscription) this.b.ctx.writeEvent(key, ValueType.CONDITIONAL_SUBSCRIPTION, ConditionalSubscriptionIntent.DELETED, subscription.value);
  }

  /** The element was just activated: evaluate the conditions it waits for, and trigger those that hold. */
  evaluateOnActivation(elementInstanceKey: Key): void {
    const instance = this.b.state.elementInstances.get(elementInstanceKey);
    if (!instance || instance.state !== 'ELEMENT_ACTIVATED') return;
    const keys = [...(this.b.state.subscriptionsByElement.get(elementInstanceKey) ?? [])].filter((e) => e.startsWith('conditional:')).map((e) => e.slice('conditional:'.length));
    for (const key of keys) {
      const subscription = this.b.state.conditionalSubscriptions.get(key);
      if (!subscription || !this.holds(subscription)) continue;
      if (this.trigger(subscription) && subscription.value.interrupting) return;
    }
  }

  /**
   * Evaluate these just-opened subscriptions once, as Zeebe does right after it creates one (process instance
   * migration opens the conditional events a target element adds): those that hold trigger, an interrupting
   * one ends the evaluation for its element.
   */
  evaluateOpened(keys: readonly Key[]): void {
    const interrupted = new Set<Key>();
    for (const key of keys) {
      const subscription = this.b.state.conditionalSubscriptions.get(key);
      if (!subscription || interrupted.has(subscription.value.elementInstanceKey) || !this.holds(subscription)) continue;
      if (this.trigger(subscription) && subscription.value.interrupting) interrupted.add(subscription.value.elementInstanceKey);
    }
  }

  /** After a command: evaluate the subscriptions the command's variable changes concern, top-down. */
  evaluateAfterVariableChanges(): void {
    const work = this.b.ctx.conditionals;
    if (!work) return;
    const changes = work.variableChanges.splice(0);
    const opened = new Set(work.opened);
    work.opened.clear();
    if (changes.length === 0 || this.b.state.conditionalSubscriptions.size === 0) return;
    // Only the subscriptions of the changed variables' instances whose conditions read those names can be
    // concerned (live-indexes.ts); visited in key order, the order of the map they replace a walk over.
    const keys = new Set<Key>();
    for (const change of changes) for (const key of conditionalSubscriptionsReading(this.b.state, change.processInstanceKey, change.name)) keys.add(key);
    const candidates: { subscription: ConditionalSubscriptionEntry; depth: number }[] = [];
    for (const key of [...keys].sort(byKey)) {
      const subscription = this.b.state.conditionalSubscriptions.get(key);
      // A suspended case (Camunda 8.10) does not move on, whatever its variables say.
      if (!subscription || opened.has(subscription.key) || isSuspended(this.b.state, subscription.value.processInstanceKey)) continue;
      const { variableNames, variableEvents, scopeKey } = subscription.value;
      const concerned = changes.some(
        (change) =>
          variableNames.includes(change.name) &&
          (variableEvents.length === 0 || variableEvents.includes(change.kind)) &&
          this.b.state.scopeOfVariable(scopeKey, change.name) === change.scopeKey,
      );
      if (concerned) candidates.push({ subscription, depth: this.ancestors(scopeKey).length });
    }
    candidates.sort((a, b) => a.depth - b.depth);
    const interrupted = new Set<Key>();
    for (const { subscription } of candidates) {
      if (this.ancestors(subscription.value.elementInstanceKey).some((key) => interrupted.has(key))) continue;
      if (!this.b.state.conditionalSubscriptions.has(subscription.key) || !this.holds(subscription)) continue;
      if (this.trigger(subscription) && subscription.value.interrupting) interrupted.add(subscription.value.elementInstanceKey);
    }
  }

  private holds(subscription: ConditionalSubscriptionEntry): boolean {
    const value = this.b.expressions.expression(subscription.value.condition, subscription.value.scopeKey, 'CONDITION_ERROR');
    return !isFailure(value) && value === true;
  }

  private trigger(subscription: ConditionalSubscriptionEntry): boolean {
    const subscriber = this.b.state.elementInstances.get(subscription.value.elementInstanceKey);
    if (!subscriber || subscriber.state !== 'ELEMENT_ACTIVATED' || subscriber.interrupted) return false;
    this.b.ctx.writeEvent(subscription.key, ValueType.CONDITIONAL_SUBSCRIPTION, ConditionalSubscriptionIntent.TRIGGERED, subscription.value);
    return this.b.triggerCatch(subscriber.key, subscription.value.catchEventId, {});
  }

  /** The instance and its flow scopes up to the process, innermost first. */
  private ancestors(key: Key): Key[] {
    const chain: Key[] = [];
    let current = this.b.state.elementInstances.get(key);
    while (current) {
      chain.push(current.key);
      current = current.value.flowScopeKey === '-1' ? undefined : this.b.state.elementInstances.get(current.value.flowScopeKey);
    }
    return chain;
  }
}
