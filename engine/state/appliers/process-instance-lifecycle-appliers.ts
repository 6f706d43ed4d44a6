import type { Applier } from './index';
import type { DeferredCommand } from '../engine-state';

/**
 * Camunda 8.10's process-instance lifecycle additions: suspension (the process element holds the suspension
 * and the commands parked while it lasts) and the late assignment of a business id (kept on the process
 * element's value, so every later record of the process element carries it).
 */
export const processInstanceLifecycleAppliers: Record<string, Applier> = {
  'PROCESS_INSTANCE_SUSPENSION:SUSPENDED': (state, record) => {
    const instance = state.elementInstances.get(record.key);
    if (instance) instance.suspension = { deferred: [] };
  },
  'PROCESS_INSTANCE_SUSPENSION:DEFERRED': (state, record) => {
    const instance = state.elementInstances.get(record.key);
    const command = record.value.command as DeferredCommand | undefined;
    if (instance?.suspension && command) instance.suspension.deferred.push(command);
  },
  'PROCESS_INSTANCE_SUSPENSION:RESUMED': (state, record) => {
    const instance = state.elementInstances.get(record.key);
    if (instance) delete instance.suspension;
  },
  'PROCESS_INSTANCE_BUSINESS_ID:ASSIGNED': (state, record) => {
    const instance = state.elementInstances.get(record.key);
    if (instance) instance.value = { ...instance.value, businessId: String(record.value.businessId) };
  },
};
