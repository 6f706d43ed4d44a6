import { MessageSubscriptionIntent, ValueType } from '../../protocol';
import type { MessageEntry, MessageSubscriptionEntry, MessageSubscriptionValue } from '../../state';
import { correlationIndexKey } from '../../state/appliers/message-appliers';
import type { ProcessingContext } from '../processing-context';
import { correlateProcessMessageSubscription } from '../subscription-commands';

/**
 * Message side: reserve `message` for the subscription (MESSAGE_SUBSCRIPTION CORRELATING). The process side
 * hears of it through a PROCESS_MESSAGE_SUBSCRIPTION CORRELATE command the caller sends, once it has written
 * everything else the correlation entails (Zeebe sends them last when a message is published).
 */
export function reserveMessage(ctx: ProcessingContext, subscription: MessageSubscriptionEntry, message: MessageEntry): MessageSubscriptionValue {
  const value: MessageSubscriptionValue = { ...subscription.value, messageKey: message.key, variables: message.value.variables };
  ctx.writeEvent(subscription.key, ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.CORRELATING, { ...value });
  return value;
}

/**
 * Whether a buffered message can still go to this process: not expired, not correlated to it already, and
 * published by someone who may change this process's instances.
 */
export function isCorrelatable(ctx: ProcessingContext, message: MessageEntry, bpmnProcessId: string): boolean {
  return (
    message.value.deadline >= ctx.now &&
    !ctx.state.messageCorrelations.has(`${message.key}|${bpmnProcessId}`) &&
    ctx.permits('PROCESS_DEFINITION', 'UPDATE_PROCESS_INSTANCE', bpmnProcessId, message.publishedBy)
  );
}

/**
 * A subscription just opened, or a non-interrupting one took its message: correlate the oldest buffered
 * message it may still take. Returns whether one was found.
 */
export function correlateNextMessage(ctx: ProcessingContext, subscription: MessageSubscriptionEntry): boolean {
  const sv = subscription.value;
  const keys = ctx.state.messagesByCorrelation.get(correlationIndexKey(sv.tenantId, sv.messageName, sv.correlationKey));
  for (const messageKey of keys ?? []) {
    const message = ctx.state.messages.get(messageKey);
    if (!message || !isCorrelatable(ctx, message, sv.bpmnProcessId)) continue;
    correlateProcessMessageSubscription(ctx, reserveMessage(ctx, subscription, message));
    return true;
  }
  return false;
}
