import type { Key, Variables } from '../../api';
import { MessageIntent, ValueType } from '../../protocol';
import type { MessageEntry, MessageSubscriptionValue } from '../../state';
import { correlationIndexKey } from '../../state/appliers/message-appliers';
import type { CommandProcessor, ProcessingContext } from '../processing-context';
import { correlateProcessMessageSubscription } from '../subscription-commands';
import { bpmnBehaviors } from './behaviors';
import { reserveMessage } from './message-correlator';
import { correlateToStartEvents } from '../bpmn/message-start-events';
import { insufficientPermissions } from '../../identity/resource-authorizations';
import { isSuspended } from '../suspension/suspended-instances';

/**
 * Reserve the message for open subscriptions, at most one per process (bpmnProcessId), oldest first. Returns
 * what the process sides must be told, after the message start events had their turn.
 */
export function correlateToSubscriptions(ctx: ProcessingContext, message: MessageEntry): MessageSubscriptionValue[] {
  const index = correlationIndexKey(message.value.tenantId, message.value.name, message.value.correlationKey);
  const reserved: MessageSubscriptionValue[] = [];
  for (const key of [...(ctx.state.messageSubscriptionsByCorrelation.get(index) ?? [])]) {
    const subscription = ctx.state.messageSubscriptions.get(key);
    if (!subscription || subscription.correlating) continue;
    if (ctx.state.messageCorrelations.has(`${message.key}|${subscription.value.bpmnProcessId}`)) continue;
    // A suspended instance takes no message; a buffered one reaches it when it resumes.
    if (isSuspended(ctx.state, subscription.value.processInstanceKey)) continue;
    // A message reaches only the cases its publisher may change; the others behave as if nothing matched.
    if (!ctx.permits('PROCESS_DEFINITION', 'UPDATE_PROCESS_INSTANCE', subscription.value.bpmnProcessId, message.publishedBy)) continue;
    reserved.push(reserveMessage(ctx, subscription, message));
  }
  return reserved;
}

/**
 * MESSAGE PUBLISH: a message is buffered for its time to live (a messageId is unique while buffered),
 * reserved for open subscriptions (MESSAGE_SUBSCRIPTION CORRELATING, then PROCESS_MESSAGE_SUBSCRIPTION CORRELATE)
 * and correlated to message start events; MESSAGE EXPIRE removes it when the TTL is over.
 */
export const messageProcessor: CommandProcessor = {
  process(command, ctx) {
    if (command.intent === MessageIntent.EXPIRE) {
      const message = ctx.state.messages.get(command.key);
      if (!message || message.value.deadline > ctx.now) {
        return ctx.reject('NOT_FOUND', `Expected to expire message with key '${command.key}', but no such message is buffered`);
      }
      ctx.writeEvent(command.key, ValueType.MESSAGE, MessageIntent.EXPIRED, message.value);
      return;
    }
    const v = command.value as { name: string; correlationKey: string; timeToLive: number; messageId?: string; variables?: Variables; tenantId: string };
    if (!v.name) return ctx.reject('INVALID_ARGUMENT', 'Expected to publish a message with a name, but the name is empty');
    if (!ctx.permits('MESSAGE', 'CREATE', v.name)) return ctx.reject('FORBIDDEN', insufficientPermissions('CREATE', 'MESSAGE', v.name));
    const index = correlationIndexKey(v.tenantId, v.name, v.correlationKey ?? '');
    if (v.messageId && ctx.state.messageIds.has(`${index}|${v.messageId}`)) {
      return ctx.reject(
        'ALREADY_EXISTS',
        `Expected to publish a new message with id '${v.messageId}', but a message with that id was already published`,
      );
    }
    const key: Key = ctx.newKey();
    const ttl = Math.max(0, Number(v.timeToLive) || 0);
    ctx.writeEvent(key, ValueType.MESSAGE, MessageIntent.PUBLISHED, {
      name: v.name,
      correlationKey: v.correlationKey ?? '',
      timeToLive: ttl,
      messageId: v.messageId ?? '',
      variables: v.variables ?? {},
      tenantId: v.tenantId,
      deadline: ctx.now + ttl,
    });
    const message = ctx.state.messages.get(key)!;
    // As Zeebe: waiting instances first, then message start events of processes the message did not reach.
    const reserved = correlateToSubscriptions(ctx, message);
    correlateToStartEvents(bpmnBehaviors(ctx), message);
    for (const value of reserved) correlateProcessMessageSubscription(ctx, value);
    if (ttl === 0) ctx.writeEvent(key, ValueType.MESSAGE, MessageIntent.EXPIRED, message.value);
    ctx.respond({ key, tenantId: v.tenantId });
  },
};
