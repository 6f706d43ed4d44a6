import type { Applier } from './index';
import type { EngineState, MessageSubscriptionValue, ProcessMessageSubscriptionEntry } from '../engine-state';
import { migratedFields } from './message-subscription-appliers';

function removeProcessMessageSubscription(state: EngineState, subscription: ProcessMessageSubscriptionEntry): void {
  state.processMessageSubscriptions.delete(subscription.key);
  state.removeSubscription(subscription.value.elementInstanceKey, `message:${subscription.key}`);
}

/**
 * The process-instance side of subscriptions: the element holds one from CREATING until DELETED (or until an
 * interrupting correlation), which is what closing an element and refusing a migration look at.
 */
export const processMessageSubscriptionAppliers: Record<string, Applier> = {
  'PROCESS_MESSAGE_SUBSCRIPTION:CREATING': (state, record) => {
    const value = record.value as unknown as ProcessMessageSubscriptionEntry['value'];
    state.processMessageSubscriptions.set(record.key, { key: record.key, value: { ...value }, state: 'CREATING' });
    state.addSubscription(value.elementInstanceKey, `message:${record.key}`);
  },
  'PROCESS_MESSAGE_SUBSCRIPTION:CREATED': (state, record) => {
    const subscription = state.processMessageSubscriptions.get(record.key);
    if (subscription) subscription.state = 'CREATED';
  },
  'PROCESS_MESSAGE_SUBSCRIPTION:CORRELATED': (state, record) => {
    const subscription = state.processMessageSubscriptions.get(record.key);
    if (!subscription) return;
    if (subscription.value.interrupting) {
      removeProcessMessageSubscription(state, subscription);
      return;
    }
    // A buffered message may correlate while the subscription is still CREATING: it counts as open now.
    const value = record.value as { messageKey: string; variables: Record<string, unknown> };
    subscription.state = 'CREATED';
    subscription.value.messageKey = value.messageKey;
    subscription.value.variables = value.variables;
  },
  'PROCESS_MESSAGE_SUBSCRIPTION:DELETING': (state, record) => {
    const subscription = state.processMessageSubscriptions.get(record.key);
    if (subscription) subscription.state = 'DELETING';
  },
  'PROCESS_MESSAGE_SUBSCRIPTION:DELETED': (state, record) => {
    const subscription = state.processMessageSubscriptions.get(record.key);
    if (subscription) removeProcessMessageSubscription(state, subscription);
  },
  // Migration re-points the subscription at the target's catch event; message name and correlation key stay.
  'PROCESS_MESSAGE_SUBSCRIPTION:MIGRATED': (state, record) => {
    const subscription = state.processMessageSubscriptions.get(record.key);
    if (subscription) subscription.value = { ...subscription.value, ...migratedFields(record.value as unknown as MessageSubscriptionValue) };
  },
};
