import type { Applier } from './index';
import type { CompensationSubscriptionEntry, CompensationSubscriptionValue, EngineState } from '../engine-state';

function subscriptionsOf(state: EngineState, record: { value: Record<string, unknown> }): CompensationSubscriptionEntry[] | undefined {
  return state.compensationSubscriptions.get((record.value as unknown as CompensationSubscriptionValue).processInstanceKey);
}

/** A subscription leaves state when its handler completed or its instance (or subprocess) ended. */
const remove: Applier = (state, record) => {
  const list = subscriptionsOf(state, record);
  if (!list) return;
  const index = list.findIndex((entry) => entry.key === record.key);
  if (index < 0) return;
  list.splice(index, 1);
  if (list.length === 0) state.compensationSubscriptions.delete((record.value as unknown as CompensationSubscriptionValue).processInstanceKey);
};

/** The subscription's new value (triggered, or migrated). */
const replaceValue: Applier = (state, record) => {
  const entry = subscriptionsOf(state, record)?.find((candidate) => candidate.key === record.key);
  if (entry) entry.value = { ...(record.value as unknown as CompensationSubscriptionValue) };
};

/** Compensation subscriptions: created when a compensable activity completes, marked when triggered. */
export const compensationSubscriptionAppliers: Record<string, Applier> = {
  'COMPENSATION_SUBSCRIPTION:CREATED': (state, record) => {
    const value = { ...(record.value as unknown as CompensationSubscriptionValue) };
    const list = state.compensationSubscriptions.get(value.processInstanceKey);
    if (list) list.push({ key: record.key, value });
    else state.compensationSubscriptions.set(value.processInstanceKey, [{ key: record.key, value }]);
  },
  'COMPENSATION_SUBSCRIPTION:TRIGGERED': replaceValue,
  // Process instance migration re-points a kept subscription at the target definition and activity.
  'COMPENSATION_SUBSCRIPTION:MIGRATED': replaceValue,
  'COMPENSATION_SUBSCRIPTION:COMPLETED': remove,
  'COMPENSATION_SUBSCRIPTION:DELETED': remove,
};
