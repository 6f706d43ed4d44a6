import type { Applier } from './index';

/**
 * AD_HOC_SUB_PROCESS_INSTRUCTION: a COMPLETED instruction marks the ad-hoc subprocess whose completion
 * condition was declared fulfilled, so it completes once what still runs in it is over (as Zeebe).
 */
export const adHocSubProcessAppliers: Record<string, Applier> = {
  'AD_HOC_SUB_PROCESS_INSTRUCTION:COMPLETED': (state, record) => {
    const value = record.value as { adHocSubProcessInstanceKey: string; completionConditionFulfilled?: boolean };
    const instance = state.elementInstances.get(value.adHocSubProcessInstanceKey);
    if (instance) instance.completionConditionFulfilled = value.completionConditionFulfilled === true;
  },
};
