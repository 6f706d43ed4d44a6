import type { ElementProcessor } from '../element-processor';

/** Start events (none, timer, message, signal; also in event subprocesses): pass straight through. */
export const startEventProcessor: ElementProcessor = {
  onActivate(b, instance) {
    return b.passThrough(instance);
  },
};
