import { MessageSubscriptionIntent, NO_KEY, ProcessMessageSubscriptionIntent, ValueType } from '../protocol';
import type { MessageSubscriptionValue } from '../state';
import type { ProcessingContext } from './processing-context';

/**
 * The commands the two sides of a message subscription send each other. Zeebe keeps the message side on the
 * partition of the correlation key and the process side on the partition of the process instance; on one
 * partition it writes these as follow-up commands (key -1) in the same batch, so an exporter sees them in
 * the stream. The receiver finds the subscription by element instance key and message name.
 */

/** This engine runs one partition; Zeebe records which partition holds the message side. */
export const SUBSCRIPTION_PARTITION_ID = 1;

/** A MESSAGE_SUBSCRIPTION value: the subscription's fields, without the partition the process side notes. */
function messageSide(value: MessageSubscriptionValue): MessageSubscriptionValue {
  return {
    messageName: value.messageName,
    correlationKey: value.correlationKey,
    elementInstanceKey: value.elementInstanceKey,
    processInstanceKey: value.processInstanceKey,
    bpmnProcessId: value.bpmnProcessId,
    elementId: value.elementId,
    interrupting: value.interrupting,
    tenantId: value.tenantId,
    processDefinitionKey: value.processDefinitionKey,
    messageKey: value.messageKey,
    variables: value.variables,
  };
}

/** A PROCESS_MESSAGE_SUBSCRIPTION value: the subscription's fields and the partition of the message side. */
export function processSide(value: MessageSubscriptionValue): MessageSubscriptionValue & { subscriptionPartitionId: number } {
  return { subscriptionPartitionId: SUBSCRIPTION_PARTITION_ID, ...messageSide(value) };
}

/** Process side → message side: open the subscription (MESSAGE_SUBSCRIPTION CREATE). */
export function openMessageSubscription(ctx: ProcessingContext, value: MessageSubscriptionValue): void {
  ctx.writeCommand(NO_KEY, ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.CREATE, {
    ...messageSide(value),
    messageKey: NO_KEY,
    variables: {},
  });
}

/** Message side → process side: the subscription is open (PROCESS_MESSAGE_SUBSCRIPTION CREATE). */
export function openProcessMessageSubscription(ctx: ProcessingContext, value: MessageSubscriptionValue): void {
  ctx.writeCommand(NO_KEY, ValueType.PROCESS_MESSAGE_SUBSCRIPTION, ProcessMessageSubscriptionIntent.CREATE, {
    ...processSide(value),
    messageKey: NO_KEY,
    variables: {},
  });
}

/** Message side → process side: a message is reserved for the element (PROCESS_MESSAGE_SUBSCRIPTION CORRELATE). */
export function correlateProcessMessageSubscription(ctx: ProcessingContext, value: MessageSubscriptionValue): void {
  ctx.writeCommand(NO_KEY, ValueType.PROCESS_MESSAGE_SUBSCRIPTION, ProcessMessageSubscriptionIntent.CORRELATE, processSide(value));
}

/** Process side → message side: the element took the message (MESSAGE_SUBSCRIPTION CORRELATE). */
export function correlateMessageSubscription(ctx: ProcessingContext, value: MessageSubscriptionValue): void {
  ctx.writeCommand(NO_KEY, ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.CORRELATE, { ...messageSide(value), variables: {} });
}

/** Process side → message side: the element could not take the message (MESSAGE_SUBSCRIPTION REJECT). */
export function rejectCorrelateMessageSubscription(ctx: ProcessingContext, value: MessageSubscriptionValue): void {
  ctx.writeCommand(NO_KEY, ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.REJECT, { ...messageSide(value), variables: {} });
}

/** Process side → message side: the element let go of the subscription (MESSAGE_SUBSCRIPTION DELETE). */
export function closeMessageSubscription(ctx: ProcessingContext, value: MessageSubscriptionValue): void {
  ctx.writeCommand(NO_KEY, ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.DELETE, {
    ...messageSide(value),
    messageKey: NO_KEY,
    variables: {},
  });
}

/** Message side → process side: the message side is gone (PROCESS_MESSAGE_SUBSCRIPTION DELETE). */
export function closeProcessMessageSubscription(ctx: ProcessingContext, value: MessageSubscriptionValue): void {
  ctx.writeCommand(NO_KEY, ValueType.PROCESS_MESSAGE_SUBSCRIPTION, ProcessMessageSubscriptionIntent.DELETE, {
    ...processSide(value),
    messageKey: NO_KEY,
    variables: {},
  });
}

/**
 * Process side → message side: process instance migration moved the subscription to another catch event
 * (MESSAGE_SUBSCRIPTION MIGRATE). Unlike the other commands it carries the process side's key, as in Zeebe.
 */
export function migrateMessageSubscription(ctx: ProcessingContext, processSideKey: string, value: MessageSubscriptionValue): void {
  ctx.writeCommand(processSideKey, ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.MIGRATE, {
    ...messageSide(value),
    messageKey: NO_KEY,
    variables: {},
  });
}
