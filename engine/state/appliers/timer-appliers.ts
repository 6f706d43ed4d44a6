import type { Applier } from './index';
import type { TimerEntry } from '../engine-state';
import { addStartSubscription, removeStartSubscription } from '../live-indexes';

function removeTimer(state: Parameters<Applier>[0], key: string): void {
  const timer = state.timers.get(key);
  if (!timer) return;
  state.timers.delete(key);
  state.removeSubscription(timer.value.elementInstanceKey, `timer:${key}`);
  if (timer.value.elementInstanceKey === '-1') removeStartSubscription(state, timer.value.processDefinitionKey, `timer:${key}`);
}

/** Timers: a due date in state until triggered or canceled. */
export const timerAppliers: Record<string, Applier> = {
  'TIMER:CREATED': (state, record) => {
    const timer: TimerEntry = { key: record.key, value: { ...(record.value as TimerEntry['value']) } };
    state.timers.set(record.key, timer);
    state.addSubscription(timer.value.elementInstanceKey, `timer:${record.key}`);
    if (timer.value.elementInstanceKey === '-1') addStartSubscription(state, timer.value.processDefinitionKey, `timer:${record.key}`);
    state.onDue({ dueAt: timer.value.dueDate, kind: 'timer', key: record.key });
  },
  'TIMER:TRIGGERED': (state, record) => removeTimer(state, record.key),
  'TIMER:CANCELED': (state, record) => removeTimer(state, record.key),
  // Migration re-points the timer at the target's catch event; the due date (and its scheduling) stays.
  'TIMER:MIGRATED': (state, record) => {
    const timer = state.timers.get(record.key);
    if (!timer) return;
    const value = record.value as TimerEntry['value'];
    timer.value = { ...timer.value, processDefinitionKey: value.processDefinitionKey, targetElementId: value.targetElementId };
  },
};
