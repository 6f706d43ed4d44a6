import type { ElementProcessor } from '../element-processor';

/** Boundary events are activated once triggered (variables already merged) and leave at once. */
export const boundaryEventProcessor: ElementProcessor = {
  onActivate(b, instance) {
    return b.passThrough(instance);
  },
};
