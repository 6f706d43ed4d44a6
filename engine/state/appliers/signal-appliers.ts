import type { Applier } from './index';
import type { SignalSubscriptionEntry } from '../engine-state';
import { addSignalSubscription, addStartSubscription, removeSignalSubscription, removeStartSubscription } from '../live-indexes';

/** Signal subscriptions: catch events waiting and start events of the latest process versions. */
export const signalAppliers: Record<string, Applier> = {
  'SIGNAL_SUBSCRIPTION:CREATED': (state, record) => {
    const value = { ...(record.value as SignalSubscriptionEntry['value']) };
    state.signalSubscriptions.set(record.key, { key: record.key, value });
    state.addSubscription(value.catchEventInstanceKey, `signal:${record.key}`);
    addSignalSubscription(state, value.tenantId, value.signalName, record.key);
    if (value.catchEventInstanceKey === '-1') addStartSubscription(state, value.processDefinitionKey, `signal:${record.key}`);
  },
  'SIGNAL_SUBSCRIPTION:DELETED': (state, record) => {
    const subscription = state.signalSubscriptions.get(record.key);
    if (!subscription) return;
    state.signalSubscriptions.delete(record.key);
    state.removeSubscription(subscription.value.catchEventInstanceKey, `signal:${record.key}`);
    removeSignalSubscription(state, subscription.value.tenantId, subscription.value.signalName, record.key);
    if (subscription.value.catchEventInstanceKey === '-1') removeStartSubscription(state, subscription.value.processDefinitionKey, `signal:${record.key}`);
  },
  // Migration re-points the subscription at the target's catch event; the signal name stays.
  'SIGNAL_SUBSCRIPTION:MIGRATED': (state, record) => {
    const subscription = state.signalSubscriptions.get(record.key);
    if (!subscription) return;
    const value = record.value as SignalSubscriptionEntry['value'];
    subscription.value = { ...subscription.value, catchEventId: value.catchEventId, processDefinitionKey: value.processDefinitionKey, bpmnProcessId: value.bpmnProcessId };
  },
};
