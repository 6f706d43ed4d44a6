import { ProcessMessageSubscriptionIntent, ValueType } from '../../protocol';
import type { MessageSubscriptionValue } from '../../state';
import type { CommandProcessor, ProcessingContext } from '../processing-context';
import { correlateMessageSubscription, processSide, rejectCorrelateMessageSubscription } from '../subscription-commands';
import { bpmnBehaviors } from './behaviors';

/** CREATE: the message side is open; the element's subscription is now CREATED. */
function created(ctx: ProcessingContext, v: MessageSubscriptionValue): void {
  const subscription = ctx.state.processMessageSubscriptionOf(v.elementInstanceKey, v.messageName);
  if (!subscription) {
    return ctx.reject(
      'NOT_FOUND',
      `Expected to create process message subscription with element key '${v.elementInstanceKey}' and message name '${v.messageName}', but no such subscription was found`,
    );
  }
  if (subscription.state !== 'CREATING') {
    return ctx.reject(
      'INVALID_STATE',
      `Expected to create process message subscription with element key '${v.elementInstanceKey}' and message name '${v.messageName}', but it is already ${subscription.state === 'DELETING' ? 'closing' : 'opened'}`,
    );
  }
  ctx.writeEvent(subscription.key, ValueType.PROCESS_MESSAGE_SUBSCRIPTION, ProcessMessageSubscriptionIntent.CREATED, { ...subscription.value });
}

/**
 * CORRELATE: a message was reserved for the element. It takes it (CORRELATED, then the catch event, boundary
 * event or event subprocess fires) and acknowledges; if it cannot, the message side hears a REJECT.
 */
function correlate(ctx: ProcessingContext, v: MessageSubscriptionValue): void {
  const subscription = ctx.state.processMessageSubscriptionOf(v.elementInstanceKey, v.messageName);
  const refuse = (type: 'NOT_FOUND' | 'INVALID_STATE', reason: string) => {
    ctx.reject(type, `Expected to correlate process message subscription with element key '${v.elementInstanceKey}' and message name '${v.messageName}', but ${reason}`);
    rejectCorrelateMessageSubscription(ctx, v);
  };
  if (!subscription) return refuse('NOT_FOUND', 'no such subscription was found');
  if (subscription.state === 'DELETING') return refuse('INVALID_STATE', 'it is already closing');
  const subscriber = ctx.state.elementInstances.get(v.elementInstanceKey);
  // An interrupting event already under way (pending trigger, interrupted scope) takes precedence.
  if (!subscriber || subscriber.state !== 'ELEMENT_ACTIVATED' || subscriber.interrupted || subscriber.pendingTrigger) {
    return refuse('INVALID_STATE', 'the subscription is not active anymore');
  }
  const sv = subscription.value;
  ctx.writeEvent(subscription.key, ValueType.PROCESS_MESSAGE_SUBSCRIPTION, ProcessMessageSubscriptionIntent.CORRELATED, {
    ...processSide(v),
    elementId: sv.elementId,
    interrupting: sv.interrupting,
  });
  bpmnBehaviors(ctx).triggerCatch(v.elementInstanceKey, sv.elementId, v.variables);
  correlateMessageSubscription(ctx, v);
}

/** DELETE: the message side is gone; the element's subscription is DELETED. */
function deleted(ctx: ProcessingContext, v: MessageSubscriptionValue): void {
  const subscription = ctx.state.processMessageSubscriptionOf(v.elementInstanceKey, v.messageName);
  if (!subscription) {
    return ctx.reject(
      'NOT_FOUND',
      `Expected to delete process message subscription with element key '${v.elementInstanceKey}' and message name '${v.messageName}', but no such subscription was found`,
    );
  }
  ctx.writeEvent(subscription.key, ValueType.PROCESS_MESSAGE_SUBSCRIPTION, ProcessMessageSubscriptionIntent.DELETED, { ...subscription.value });
}

/** The process-instance side of subscriptions: the commands the message side sends it. */
export const processMessageSubscriptionProcessor: CommandProcessor = {
  process(command, ctx) {
    const v = command.value as unknown as MessageSubscriptionValue;
    switch (command.intent) {
      case ProcessMessageSubscriptionIntent.CREATE:
        return created(ctx, v);
      case ProcessMessageSubscriptionIntent.CORRELATE:
        return correlate(ctx, v);
      case ProcessMessageSubscriptionIntent.DELETE:
        return deleted(ctx, v);
      default:
        return ctx.reject('INVALID_ARGUMENT', `Expected a process message subscription command, but got intent ${command.intent}`);
    }
  },
};
