import type { ElementProcessor } from '../element-processor';

/** Undefined and manual tasks: nothing to do, so they complete as soon as they are active. */
export const undefinedTaskProcessor: ElementProcessor = {
  onActivate(b, instance) {
    const failed = b.transitionToActivated(instance);
    if (failed) return failed;
    b.completeElement(instance);
  },
};
