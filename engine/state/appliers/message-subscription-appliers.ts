import type { Key } from '../../api';
import type { Applier } from './index';
import type { EngineState, MessageSubscriptionEntry, MessageSubscriptionValue } from '../engine-state';
import { correlationIndexKey } from './message-appliers';
import { markCorrelation, unmarkCorrelation } from '../message-correlation-markers';

function removeMessageSubscription(state: EngineState, subscription: MessageSubscriptionEntry): void {
  state.messageSubscriptions.delete(subscription.key);
  const v = subscription.value;
  const index = correlationIndexKey(v.tenantId, v.messageName, v.correlationKey);
  const byCorrelation = state.messageSubscriptionsByCorrelation.get(index);
  byCorrelation?.delete(subscription.key);
  if (byCorrelation && byCorrelation.size === 0) state.messageSubscriptionsByCorrelation.delete(index);
  const byElement = state.messageSubscriptionsByElement.get(v.elementInstanceKey);
  byElement?.delete(subscription.key);
  if (byElement && byElement.size === 0) state.messageSubscriptionsByElement.delete(v.elementInstanceKey);
}

/** What process instance migration changes on either side of a message subscription. */
export function migratedFields(value: MessageSubscriptionValue): Pick<MessageSubscriptionValue, 'bpmnProcessId' | 'processDefinitionKey' | 'elementId' | 'interrupting'> {
  return { bpmnProcessId: value.bpmnProcessId, processDefinitionKey: value.processDefinitionKey, elementId: value.elementId, interrupting: value.interrupting };
}

function addToIndex(index: Map<string, Set<Key>>, indexKey: string, key: Key): void {
  let set = index.get(indexKey);
  if (!set) index.set(indexKey, (set = new Set()));
  set.add(key);
}

/**
 * The message side of subscriptions: opened, correlating (the message is reserved for the process),
 * correlated (closed if interrupting), rejected by the process side, deleted.
 */
export const messageSubscriptionAppliers: Record<string, Applier> = {
  'MESSAGE_SUBSCRIPTION:CREATED': (state, record) => {
    const value = record.value as unknown as MessageSubscriptionValue;
    state.messageSubscriptions.set(record.key, { key: record.key, value: { ...value } });
    addToIndex(state.messageSubscriptionsByCorrelation, correlationIndexKey(value.tenantId, value.messageName, value.correlationKey), record.key);
    addToIndex(state.messageSubscriptionsByElement, value.elementInstanceKey, record.key);
  },
  'MESSAGE_SUBSCRIPTION:CORRELATING': (state, record) => {
    const value = record.value as unknown as MessageSubscriptionValue;
    // Reserve the message for this process at once: it reaches one instance of a process at most.
    markCorrelation(state, value.messageKey, value.bpmnProcessId);
    const subscription = state.messageSubscriptions.get(record.key);
    if (!subscription) return;
    subscription.correlating = true;
    subscription.value.messageKey = value.messageKey;
    subscription.value.variables = value.variables;
  },
  'MESSAGE_SUBSCRIPTION:CORRELATED': (state, record) => {
    const subscription = state.messageSubscriptions.get(record.key);
    if (!subscription) return;
    if (subscription.value.interrupting) removeMessageSubscription(state, subscription);
    else subscription.correlating = false;
  },
  'MESSAGE_SUBSCRIPTION:REJECTED': (state, record) => {
    // The process side could not take the message: the element is going away, and the message is free
    // for another instance of the process.
    const value = record.value as unknown as MessageSubscriptionValue;
    unmarkCorrelation(state, value.messageKey, value.bpmnProcessId);
    const subscription = state.messageSubscriptionOf(value.elementInstanceKey, value.messageName);
    if (subscription) removeMessageSubscription(state, subscription);
  },
  'MESSAGE_SUBSCRIPTION:DELETED': (state, record) => {
    const subscription = state.messageSubscriptions.get(record.key);
    if (subscription) removeMessageSubscription(state, subscription);
  },
  // Keyed like the MIGRATE command (by the process side's key, as Zeebe): found by element and message name.
  'MESSAGE_SUBSCRIPTION:MIGRATED': (state, record) => {
    const value = record.value as unknown as MessageSubscriptionValue;
    const subscription = state.messageSubscriptionOf(value.elementInstanceKey, value.messageName);
    if (subscription) subscription.value = { ...subscription.value, ...migratedFields(value) };
  },
};
