import type { Applier } from './index';
import type { ConditionalSubscriptionEntry } from '../engine-state';

/** Conditional subscriptions (Camunda 8.9): opened with their scope, closed with it or when an interrupting one triggers. */
export const conditionalSubscriptionAppliers: Record<string, Applier> = {
  'CONDITIONAL_SUBSCRIPTION:CREATED': (state, record) => {
    const value = { ...(record.value as ConditionalSubscriptionEntry['value']) };
    state.conditionalSubscriptions.set(record.key, { key: record.key, value });
    state.addSubscription(value.elementInstanceKey, `conditional:${record.key}`);
  },
  // Process instance migration re-points a kept subscription at the target definition and catch event.
  'CONDITIONAL_SUBSCRIPTION:MIGRATED': (state, record) => {
    const subscription = state.conditionalSubscriptions.get(record.key);
    if (subscription) subscription.value = { ...(record.value as ConditionalSubscriptionEntry['value']) };
  },
  'CONDITIONAL_SUBSCRIPTION:DELETED': (state, record) => {
    const subscription = state.conditionalSubscriptions.get(record.key);
    if (!subscription) return;
    state.conditionalSubscriptions.delete(record.key);
    state.removeSubscription(subscription.value.elementInstanceKey, `conditional:${record.key}`);
  },
};
