import type { Key, Variables } from '../../api';
import { MessageCorrelationIntent, MessageIntent, ValueType } from '../../protocol';
import type { CommandProcessor, ProcessingContext } from '../processing-context';
import { correlateProcessMessageSubscription } from '../subscription-commands';
import { correlateToSubscriptions } from './message-processor';
import { correlateToStartEvents } from '../bpmn/message-start-events';
import { bpmnBehaviors } from './behaviors';

/** Zeebe's rejection text when nothing waits for a correlated message. */
export function noSubscriptionFound(name: string, correlationKey: string): string {
  return `Expected to find subscription for message with name '${name}' and correlation key '${correlationKey}', but none was found.`;
}

/**
 * MESSAGE_CORRELATION CORRELATE (Camunda 8.6+ correlate-message): the message reaches waiting instances and
 * message start events as a published one would, but is never buffered — it is published with no time to live
 * and expires in the same batch — and the caller learns which instance took it. A message start event answers
 * at once (MESSAGE_CORRELATION CORRELATED); a waiting instance answers once its process side took the message
 * (see {@link answerPendingMessageCorrelation}); nothing to correlate to is a NOT_FOUND rejection.
 */
export const messageCorrelationProcessor: CommandProcessor = {
  process(command, ctx) {
    const v = command.value as { name: string; correlationKey: string; variables?: Variables; tenantId: string };
    if (!v.name) return ctx.reject('INVALID_ARGUMENT', 'Expected to correlate a message with a name, but the name is empty');
    const messageKey = ctx.newKey();
    const correlationKey = v.correlationKey ?? '';
    const variables = v.variables ?? {};
    // Zeebe publishes it with a time to live of -1: it may correlate now, and is gone when this batch ends.
    const messageValue = { name: v.name, correlationKey, timeToLive: -1, messageId: '', variables, tenantId: v.tenantId, deadline: ctx.now };
    ctx.writeEvent(messageKey, ValueType.MESSAGE, MessageIntent.PUBLISHED, messageValue);
    const correlation = { name: v.name, correlationKey, variables, tenantId: v.tenantId, messageKey, processInstanceKey: '-1' };
    ctx.writeEvent(messageKey, ValueType.MESSAGE_CORRELATION, MessageCorrelationIntent.CORRELATING, correlation);

    const message = ctx.state.messages.get(messageKey)!;
    const reserved = correlateToSubscriptions(ctx, message);
    const started = correlateToStartEvents(bpmnBehaviors(ctx), message);
    if (reserved.length === 0 && started.length === 0) {
      ctx.reject('NOT_FOUND', noSubscriptionFound(v.name, correlationKey));
    } else if (started.length > 0) {
      answer(ctx, { ...correlation, processInstanceKey: started[0] }, false);
    } else {
      ctx.pendingMessageCorrelation = { messageKey, value: correlation };
    }
    for (const value of reserved) correlateProcessMessageSubscription(ctx, value);
    ctx.writeEvent(messageKey, ValueType.MESSAGE, MessageIntent.EXPIRED, messageValue);
  },
};

/**
 * Called when a subscription's correlation of `messageKey` completed: if this entry's correlate-message request
 * waits for that message, it is answered with the instance that took it (the first one, as in Zeebe).
 */
export function answerPendingMessageCorrelation(ctx: ProcessingContext, messageKey: Key, processInstanceKey: Key): void {
  const pending = ctx.pendingMessageCorrelation;
  if (!pending || pending.messageKey !== messageKey) return;
  ctx.pendingMessageCorrelation = undefined;
  answer(ctx, { ...pending.value, processInstanceKey }, true);
}

function answer(ctx: ProcessingContext, correlation: Record<string, unknown>, fromFollowUp: boolean): void {
  const { messageKey, tenantId, processInstanceKey } = correlation as { messageKey: Key; tenantId: string; processInstanceKey: Key };
  ctx.writeEvent(messageKey, ValueType.MESSAGE_CORRELATION, MessageCorrelationIntent.CORRELATED, correlation);
  const response = { key: messageKey, tenantId, processInstanceKey };
  if (fromFollowUp) ctx.respondFromFollowUp(response);
  else ctx.respond(response);
}
