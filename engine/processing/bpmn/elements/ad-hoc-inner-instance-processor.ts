import type { ElementProcessor } from '../element-processor';

/**
 * The inner instance of one ad-hoc activation (Zeebe's AD_HOC_SUB_PROCESS_INNER_INSTANCE): a scope with no
 * behaviour of its own. It is written active together with its activity (never activated by a command) and
 * completes, as any container, when nothing is left inside it.
 */
export const adHocInnerInstanceProcessor: ElementProcessor = {
  onActivate(_b, instance) {
    return {
      errorType: 'UNKNOWN',
      message: `Expected to activate the inner instance '${instance.value.elementId}' of an ad-hoc sub-process together with its activity, but it was activated on its own`,
    };
  },
};
