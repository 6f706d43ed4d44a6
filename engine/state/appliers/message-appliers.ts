import type { Applier } from './index';
import type { MessageEntry, MessageStartSubscriptionEntry } from '../engine-state';
import { forgetCorrelations, markCorrelation } from '../message-correlation-markers';
import { addMessageStartOfDefinition, messageStartIndexKey, removeMessageStartOfDefinition } from '../live-indexes';

/** `tenant|name|correlationKey`: how messages and subscriptions meet. */
export function correlationIndexKey(tenantId: string, name: string, correlationKey: string): string {
  return `${tenantId}|${name}|${correlationKey}`;
}

/** Messages (buffered for their TTL), message start event subscriptions, and which process each message reached. */
export const messageAppliers: Record<string, Applier> = {
  'MESSAGE:PUBLISHED': (state, record) => {
    const value = record.value as MessageEntry['value'];
    const entry: MessageEntry = { key: record.key, value: { ...value } };
    if (record.actor !== undefined) entry.publishedBy = record.actor;
    state.messages.set(record.key, entry);
    const index = correlationIndexKey(value.tenantId, value.name, value.correlationKey);
    let set = state.messagesByCorrelation.get(index);
    if (!set) state.messagesByCorrelation.set(index, (set = new Set()));
    set.add(record.key);
    if (value.messageId) state.messageIds.set(`${index}|${value.messageId}`, record.key);
    state.onDue({ dueAt: value.deadline, kind: 'message-ttl', key: record.key });
  },
  'MESSAGE:EXPIRED': (state, record) => {
    const message = state.messages.get(record.key);
    if (!message) return;
    state.messages.delete(record.key);
    const index = correlationIndexKey(message.value.tenantId, message.value.name, message.value.correlationKey);
    const set = state.messagesByCorrelation.get(index);
    set?.delete(record.key);
    if (set && set.size === 0) state.messagesByCorrelation.delete(index);
    if (message.value.messageId) state.messageIds.delete(`${index}|${message.value.messageId}`);
    forgetCorrelations(state, record.key);
  },
  'MESSAGE_START_EVENT_SUBSCRIPTION:CREATED': (state, record) => {
    const value = record.value as unknown as MessageStartSubscriptionEntry;
    const index = messageStartIndexKey(value.tenantId, value.messageName);
    const before = state.messageStartSubscriptions.get(index) ?? [];
    const replaced = (s: MessageStartSubscriptionEntry) => s.bpmnProcessId === value.bpmnProcessId && s.startEventId === value.startEventId;
    const list = before.filter((s) => !replaced(s));
    list.push({
      key: record.key,
      processDefinitionKey: value.processDefinitionKey,
      bpmnProcessId: value.bpmnProcessId,
      startEventId: value.startEventId,
      messageName: value.messageName,
      tenantId: value.tenantId,
    });
    state.messageStartSubscriptions.set(index, list);
    // A replaced subscription of another version leaves that version's entry when it had no other under this name.
    for (const gone of before.filter(replaced)) {
      if (!list.some((s) => s.processDefinitionKey === gone.processDefinitionKey)) removeMessageStartOfDefinition(state, gone.processDefinitionKey, index);
    }
    addMessageStartOfDefinition(state, value.processDefinitionKey, index);
  },
  'MESSAGE_START_EVENT_SUBSCRIPTION:DELETED': (state, record) => {
    const value = record.value as unknown as MessageStartSubscriptionEntry;
    const index = messageStartIndexKey(value.tenantId, value.messageName);
    const list = (state.messageStartSubscriptions.get(index) ?? []).filter(
      (s) => s.processDefinitionKey !== value.processDefinitionKey,
    );
    if (list.length === 0) state.messageStartSubscriptions.delete(index);
    else state.messageStartSubscriptions.set(index, list);
    removeMessageStartOfDefinition(state, value.processDefinitionKey, index);
  },
  'MESSAGE_START_EVENT_SUBSCRIPTION:CORRELATED': (state, record) => {
    const value = record.value as { messageKey: string; bpmnProcessId: string; correlationKey: string; processInstanceKey: string; tenantId: string };
    markCorrelation(state, value.messageKey, value.bpmnProcessId);
    if (value.correlationKey && value.processInstanceKey) {
      const index = `${value.tenantId}|${value.bpmnProcessId}|${value.correlationKey}`;
      state.activeStartCorrelations.set(index, value.processInstanceKey);
      state.startCorrelationOfInstance.set(value.processInstanceKey, {
        index,
        tenantId: value.tenantId,
        bpmnProcessId: value.bpmnProcessId,
        correlationKey: value.correlationKey,
      });
    }
  },
};
