// Event subscriptions of element instances (Zeebe's BpmnEventSubscriptionBehavior): timers, message, signal
// and conditional subscriptions, planned and evaluated first, then opened, and closed when the element leaves.
import type { Key } from '../../api';
import type { FlowNode } from '../../model';
import { NO_KEY, ProcessMessageSubscriptionIntent, SignalSubscriptionIntent, TimerIntent, ValueType } from '../../protocol';
import type { ElementInstance, MessageSubscriptionValue } from '../../state';
import { closeMessageSubscription, openMessageSubscription, processSide } from '../subscription-commands';
import { typeName } from './expression-behavior';
import { failure, isFailure, type Failure } from './failure';
import { resolveTimer } from './timer-behavior';
import type { BpmnBehaviors } from './bpmn-behaviors';

/** A subscription evaluated for a catch node and ready to be opened (see {@link BpmnEventSubscriptionBehavior.planSubscriptions}). */
export type PlannedSubscription =
  | { kind: 'timer'; node: FlowNode; dueDate: number; repetitions: number }
  | { kind: 'message'; node: FlowNode; name: string; correlationKey: string }
  | { kind: 'signal'; node: FlowNode; name: string }
  | { kind: 'conditional'; node: FlowNode };

/**
 * Whether a message subscription for this catch node closes when a message correlates: always for catch
 * events and receive tasks, only for interrupting boundary events and event subprocess starts.
 */
export function closesOnCorrelation(node: FlowNode): boolean {
  return node.type !== 'BOUNDARY_EVENT' && node.type !== 'START_EVENT' ? true : node.interrupting;
}

/** Opens and closes the subscriptions of catch events, boundary events and event subprocess starts. */
export class BpmnEventSubscriptionBehavior {
  constructor(private readonly b: BpmnBehaviors) {}

  /**
   * Open timers and message/signal subscriptions for these catch nodes on behalf of `instance`. Everything is
   * evaluated first, so a failure leaves no half-open subscriptions behind.
   */
  openSubscriptions(instance: ElementInstance, nodes: readonly FlowNode[]): Failure | undefined {
    const planned = this.planSubscriptions(instance, nodes);
    if (isFailure(planned)) return planned;
    this.writeSubscriptions(instance, planned);
    return undefined;
  }

  /**
   * Evaluate what opening these catch nodes' subscriptions needs (due dates, message names and correlation
   * keys, signal names) in the scope of `instance`, without writing anything: migration checks a plan
   * before it changes the instance.
   */
  planSubscriptions(instance: ElementInstance, nodes: readonly FlowNode[]): PlannedSubscription[] | Failure {
    const planned: PlannedSubscription[] = [];
    for (const node of nodes) {
      if (node.timer) {
        const timer = resolveTimer(this.b, node, instance.key);
        if (isFailure(timer)) return timer;
        planned.push({ kind: 'timer', node, dueDate: timer.dueDate, repetitions: timer.repetitions });
      } else if (node.message && node.eventType === 'MESSAGE' || (node.type === 'RECEIVE_TASK' && node.message)) {
        const message = node.message!;
        const name = this.b.expressions.string(message.name, instance.key, 'message name');
        if (isFailure(name)) return name;
        const correlationKey = this.correlationKey(message.correlationKey ?? '', instance.key);
        if (isFailure(correlationKey)) return correlationKey;
        planned.push({ kind: 'message', node, name, correlationKey });
      } else if (node.signalName !== undefined && node.eventType === 'SIGNAL') {
        const name = this.b.expressions.string(node.signalName, instance.key, 'signal name');
        if (isFailure(name)) return name;
        planned.push({ kind: 'signal', node, name });
      } else if (node.conditional && node.eventType === 'CONDITIONAL') {
        planned.push({ kind: 'conditional', node });
      }
    }
    return planned;
  }

  /** Write the records that open planned subscriptions, for the instance's current process definition. */
  writeSubscriptions(instance: ElementInstance, planned: readonly PlannedSubscription[]): void {
    const v = instance.value;
    for (const plan of planned) {
      if (plan.kind === 'timer') {
        this.b.ctx.writeEvent(this.b.ctx.newKey(), ValueType.TIMER, TimerIntent.CREATED, {
          elementInstanceKey: instance.key,
          processInstanceKey: v.processInstanceKey,
          processDefinitionKey: v.processDefinitionKey,
          targetElementId: plan.node.id,
          dueDate: plan.dueDate,
          repetitions: plan.repetitions,
          tenantId: v.tenantId,
        });
      } else if (plan.kind === 'message') {
        // The element's side of the subscription first (CREATING); the message side opens on its command.
        const value: MessageSubscriptionValue = {
          messageName: plan.name,
          correlationKey: plan.correlationKey,
          elementInstanceKey: instance.key,
          processInstanceKey: v.processInstanceKey,
          bpmnProcessId: v.bpmnProcessId,
          elementId: plan.node.id,
          interrupting: closesOnCorrelation(plan.node),
          tenantId: v.tenantId,
          processDefinitionKey: v.processDefinitionKey,
          messageKey: NO_KEY,
          variables: {},
        };
        this.b.ctx.writeEvent(this.b.ctx.newKey(), ValueType.PROCESS_MESSAGE_SUBSCRIPTION, ProcessMessageSubscriptionIntent.CREATING, processSide(value));
        openMessageSubscription(this.b.ctx, value);
      } else if (plan.kind === 'conditional') {
        this.b.conditionals.open(instance, plan.node);
      } else {
        this.b.ctx.writeEvent(this.b.ctx.newKey(), ValueType.SIGNAL_SUBSCRIPTION, SignalSubscriptionIntent.CREATED, {
          signalName: plan.name,
          catchEventId: plan.node.id,
          catchEventInstanceKey: instance.key,
          processDefinitionKey: v.processDefinitionKey,
          bpmnProcessId: v.bpmnProcessId,
          tenantId: v.tenantId,
        });
      }
    }
  }

  private correlationKey(text: string, scopeKey: Key): string | Failure {
    const value = this.b.expressions.property(text, scopeKey, 'EXTRACT_VALUE_ERROR');
    if (isFailure(value)) return value;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    return failure(
      'EXTRACT_VALUE_ERROR',
      `Failed to extract the correlation key for '${text}': The value must be either a string or a number, but was '${typeName(value)}'.`,
    );
  }

  /**
   * Close every timer and subscription an element instance holds, or only the listed ones (entries as in
   * the state's subscriptionsByElement, `timer:KEY`): migration closes those of unmapped catch events.
   */
  closeSubscriptions(elementInstanceKey: Key, only?: readonly string[]): void {
    const entries = only ?? [...(this.b.state.subscriptionsByElement.get(elementInstanceKey) ?? [])];
    for (const entry of entries) {
      const [kind, key] = entry.split(':') as [string, Key];
      if (kind === 'timer') {
        const timer = this.b.state.timers.get(key);
        if (timer) this.b.ctx.writeEvent(key, ValueType.TIMER, TimerIntent.CANCELED, timer.value);
      } else if (kind === 'message') {
        // DELETING now; the message side deletes its half and answers, then the subscription is DELETED.
        const subscription = this.b.state.processMessageSubscriptions.get(key);
        if (subscription && subscription.state !== 'DELETING') {
          this.b.ctx.writeEvent(key, ValueType.PROCESS_MESSAGE_SUBSCRIPTION, ProcessMessageSubscriptionIntent.DELETING, { ...subscription.value });
          closeMessageSubscription(this.b.ctx, subscription.value);
        }
      } else if (kind === 'signal') {
        const subscription = this.b.state.signalSubscriptions.get(key);
        if (subscription) this.b.ctx.writeEvent(key, ValueType.SIGNAL_SUBSCRIPTION, SignalSubscriptionIntent.DELETED, subscription.value);
      } else if (kind === 'conditional') {
        this.b.conditionals.close(key);
      }
    }
  }
}
