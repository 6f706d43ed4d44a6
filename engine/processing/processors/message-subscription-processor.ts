import { MessageSubscriptionIntent, ValueType } from '../../protocol';
import type { MessageSubscriptionValue } from '../../state';
import { correlationIndexKey } from '../../state/appliers/message-appliers';
import { migratedFields } from '../../state/appliers/message-subscription-appliers';
import type { CommandProcessor, ProcessingContext } from '../processing-context';
import { closeProcessMessageSubscription, correlateProcessMessageSubscription, openProcessMessageSubscription } from '../subscription-commands';
import { correlateNextMessage, isCorrelatable, reserveMessage } from './message-correlator';
import { answerPendingMessageCorrelation } from './message-correlation-processor';

/** CREATE: open the message side; a buffered message may be waiting, else acknowledge to the process side. */
function create(ctx: ProcessingContext, v: MessageSubscriptionValue): void {
  if (ctx.state.messageSubscriptionOf(v.elementInstanceKey, v.messageName)) {
    openProcessMessageSubscription(ctx, v);
    return ctx.reject(
      'INVALID_STATE',
      `Expected to open a new message subscription for element with key '${v.elementInstanceKey}' and message name '${v.messageName}', but there is already a message subscription for that element key and message name opened`,
    );
  }
  const key = ctx.newKey();
  ctx.writeEvent(key, ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.CREATED, { ...v });
  // A correlation stands in for the acknowledgement: the process side takes a CORRELATE while CREATING.
  if (!correlateNextMessage(ctx, ctx.state.messageSubscriptions.get(key)!)) openProcessMessageSubscription(ctx, v);
}

/** CORRELATE: the process side took the reserved message; a non-interrupting subscription may take the next. */
function correlated(ctx: ProcessingContext, v: MessageSubscriptionValue): void {
  const subscription = ctx.state.messageSubscriptionOf(v.elementInstanceKey, v.messageName);
  const prefix = `Expected to acknowledge correlating message with key '${v.messageKey}' to subscription`;
  if (!subscription) {
    return ctx.reject(
      'NOT_FOUND',
      `Expected to correlate subscription for element with key '${v.elementInstanceKey}' and message name '${v.messageName}', but no such message subscription exists`,
    );
  }
  if (subscription.value.messageKey !== v.messageKey) {
    return ctx.reject('INVALID_STATE', `${prefix} with key '${subscription.key}' but the subscription is already correlating to another message with key '${subscription.value.messageKey}'`);
  }
  if (!subscription.correlating) {
    return ctx.reject('INVALID_STATE', `${prefix} with key '${subscription.key}' but the subscription has already been correlated`);
  }
  ctx.writeEvent(subscription.key, ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.CORRELATED, { ...subscription.value });
  answerPendingMessageCorrelation(ctx, v.messageKey, subscription.value.processInstanceKey);
  if (!subscription.value.interrupting) correlateNextMessage(ctx, subscription);
}

/**
 * REJECT: the element could not take the message (it is leaving, or an interrupting event came first). The
 * message goes to another waiting instance of the same process, if it is still buffered.
 */
function rejected(ctx: ProcessingContext, v: MessageSubscriptionValue): void {
  ctx.writeEvent(ctx.command.key, ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.REJECTED, { ...v });
  const message = ctx.state.messages.get(v.messageKey);
  if (!message || !isCorrelatable(ctx, message, v.bpmnProcessId)) return;
  const keys = ctx.state.messageSubscriptionsByCorrelation.get(correlationIndexKey(v.tenantId, v.messageName, v.correlationKey));
  for (const key of keys ?? []) {
    const subscription = ctx.state.messageSubscriptions.get(key);
    if (!subscription || subscription.correlating || subscription.value.bpmnProcessId !== v.bpmnProcessId) continue;
    correlateProcessMessageSubscription(ctx, reserveMessage(ctx, subscription, message));
    return;
  }
}

/** DELETE: the element let go; the process side is told either way so it can finish closing. */
function deleted(ctx: ProcessingContext, v: MessageSubscriptionValue): void {
  const subscription = ctx.state.messageSubscriptionOf(v.elementInstanceKey, v.messageName);
  if (subscription) {
    ctx.writeEvent(subscription.key, ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.DELETED, { ...subscription.value });
  } else {
    ctx.reject(
      'NOT_FOUND',
      `Expected to close message subscription for element with key '${v.elementInstanceKey}' and message name '${v.messageName}', but no such message subscription exists`,
    );
  }
  closeProcessMessageSubscription(ctx, v);
}

/**
 * MIGRATE: the process instance was migrated and the subscription now belongs to another catch event (and
 * perhaps another process). As in Zeebe the event carries the command's key, the process side's key.
 */
function migrated(ctx: ProcessingContext, v: MessageSubscriptionValue): void {
  const subscription = ctx.state.messageSubscriptionOf(v.elementInstanceKey, v.messageName);
  if (!subscription) {
    return ctx.reject(
      'NOT_FOUND',
      `Expected to migrate message subscription for element with key '${v.elementInstanceKey}' and message name '${v.messageName}', but no such message subscription exists`,
    );
  }
  ctx.writeEvent(ctx.command.key, ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.MIGRATED, { ...subscription.value, ...migratedFields(v) });
}

/** The message side of subscriptions: the commands the process side sends it. */
export const messageSubscriptionProcessor: CommandProcessor = {
  process(command, ctx) {
    const v = command.value as unknown as MessageSubscriptionValue;
    switch (command.intent) {
      case MessageSubscriptionIntent.CREATE:
        return create(ctx, v);
      case MessageSubscriptionIntent.CORRELATE:
        return correlated(ctx, v);
      case MessageSubscriptionIntent.REJECT:
        return rejected(ctx, v);
      case MessageSubscriptionIntent.DELETE:
        return deleted(ctx, v);
      case MessageSubscriptionIntent.MIGRATE:
        return migrated(ctx, v);
      default:
        return ctx.reject('INVALID_ARGUMENT', `Expected a message subscription command, but got intent ${command.intent}`);
    }
  },
};
