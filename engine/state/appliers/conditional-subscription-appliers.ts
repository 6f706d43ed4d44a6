import type { Applier } from './index';
import type { ConditionalSubscriptionEntry } from '../engine-state';
import { addConditionalSubscription, addMigratedConditionalSubscription, removeConditionalSubscription } from '../live-indexes';

/**
 * Conditional subscriptions (Camunda 8.9): opened with their scope, closed with it or when an interrupting one
 * triggers. Each is listed under the variable names its condition reads (live-indexes.ts).
 */
export const conditionalSubscriptionAppliers: Record<string, Applier> = {
  'CONDITIONAL_SUBSCRIPTION:CREATED': (state, record) => {
    const subscription = { key: record.key, value: { ...(record.value as ConditionalSubscriptionEntry['value']) } };
    state.conditionalSubscriptions.set(record.key, subscription);
    state.addSubscription(subscription.value.elementInstanceKey, `conditional:${record.key}`);
    addConditionalSubscription(state, subscription);
  },
  // Process instance migration re-points a kept subscription at the target definition and catch event.
  'CONDITIONAL_SUBSCRIPTION:MIGRATED': (state, record) => {
    const subscription = state.conditionalSubscriptions.get(record.key);
    if (!subscription) return;
    const before = subscription.value.variableNames;
    subscription.value = { ...(record.value as ConditionalSubscriptionEntry['value']) };
    const after = subscription.value.variableNames;
    removeConditionalSubscription(state, subscription, before.filter((name) => !after.includes(name)));
    addMigratedConditionalSubscription(state, subscription, after.filter((name) => !before.includes(name)));
  },
  'CONDITIONAL_SUBSCRIPTION:DELETED': (state, record) => {
    const subscription = state.conditionalSubscriptions.get(record.key);
    if (!subscription) return;
    state.conditionalSubscriptions.delete(record.key);
    state.removeSubscription(subscription.value.elementInstanceKey, `conditional:${record.key}`);
    removeConditionalSubscription(state, subscription);
  },
};
