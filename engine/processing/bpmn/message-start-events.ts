import type { Key } from '../../api';
import { MessageStartEventSubscriptionIntent, ValueType } from '../../protocol';
import type { MessageEntry } from '../../state';
import { correlationIndexKey } from '../../state/appliers/message-appliers';
import { messageStartIndexKey, messageStartSubscriptionsOf } from '../../state/live-indexes';
import type { BpmnBehaviors } from './bpmn-behaviors';

/** Which process a message start event correlation with a correlation key belongs to. */
export interface StartCorrelation {
  tenantId: string;
  bpmnProcessId: string;
  correlationKey: string;
}

/**
 * Message start events of the latest process versions: one new instance per process — unless an instance
 * started by a message with the same (non-empty) correlation key is still active, or this message already
 * reached the process. Returns the keys of the instances it started.
 */
export function correlateToStartEvents(b: BpmnBehaviors, message: MessageEntry, onlyProcessId?: string): Key[] {
  const { ctx, state } = b;
  const started: Key[] = [];
  const list = state.messageStartSubscriptions.get(messageStartIndexKey(message.value.tenantId, message.value.name));
  if (!list) return started;
  for (const subscription of [...list]) {
    if (onlyProcessId && subscription.bpmnProcessId !== onlyProcessId) continue;
    if (state.messageCorrelations.has(`${message.key}|${subscription.bpmnProcessId}`)) continue;
    if (!ctx.permits('PROCESS_DEFINITION', 'CREATE_PROCESS_INSTANCE', subscription.bpmnProcessId, message.publishedBy)) continue;
    const correlationKey = message.value.correlationKey;
    if (correlationKey && state.activeStartCorrelations.has(`${message.value.tenantId}|${subscription.bpmnProcessId}|${correlationKey}`)) continue;
    const definition = state.processes.get(subscription.processDefinitionKey);
    if (!definition) continue;
    const processInstanceKey = ctx.newKey();
    const { key: subscriptionKey, ...subscriptionValue } = subscription;
    ctx.writeEvent(subscriptionKey, ValueType.MESSAGE_START_EVENT_SUBSCRIPTION, MessageStartEventSubscriptionIntent.CORRELATED, {
      ...subscriptionValue,
      messageKey: message.key,
      correlationKey,
      processInstanceKey,
      variables: message.value.variables,
    });
    b.startProcessInstance(definition, message.value.variables, { startElementIds: [subscription.startEventId], processInstanceKey });
    started.push(processInstanceKey);
  }
  return started;
}

/**
 * An instance a message started (with a correlation key) has ended: a message for the same process and key that
 * was buffered meanwhile may now start the next instance, oldest first (Zeebe's buffered message start event
 * behaviour, run as part of the ending instance's command).
 */
export function correlateBufferedStartMessage(b: BpmnBehaviors, ended: StartCorrelation): void {
  const { ctx, state } = b;
  for (const message of bufferedForStartEvents(b, ended)) {
    if (message.value.deadline < ctx.now) continue;
    correlateToStartEvents(b, message, ended.bpmnProcessId);
    if (state.activeStartCorrelations.has(`${ended.tenantId}|${ended.bpmnProcessId}|${ended.correlationKey}`)) return;
  }
}

/**
 * The buffered messages with the ended instance's tenant and correlation key whose name a message start event
 * of its process waits for, oldest first: looked up by name and correlation key in the message index, not by
 * walking every buffered message (the walk's other messages found no start event of the process anyway).
 */
function bufferedForStartEvents(b: BpmnBehaviors, ended: StartCorrelation): MessageEntry[] {
  const { state } = b;
  const names = new Set<string>();
  // The message start events of the process's versions (the latest holds them), through each version's index.
  for (const definitionKey of state.processVersions.get(`${ended.tenantId}\u0000${ended.bpmnProcessId}`) ?? []) {
    for (const subscription of messageStartSubscriptionsOf(state, definitionKey)) names.add(subscription.messageName);
  }
  const messages: MessageEntry[] = [];
  for (const name of names) {
    for (const key of state.messagesByCorrelation.get(correlationIndexKey(ended.tenantId, name, ended.correlationKey)) ?? []) {
      const message = state.messages.get(key);
      if (message) messages.push(message);
    }
  }
  // Keys grow with every record: key order is publication order, the order the walk over all messages had.
  return messages.sort((x, y) => (BigInt(x.key) < BigInt(y.key) ? -1 : 1));
}
