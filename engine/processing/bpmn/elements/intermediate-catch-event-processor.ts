import type { ElementProcessor } from '../element-processor';

/** Intermediate catch events: timer, message and signal wait for their trigger; a link catch passes through. */
export const intermediateCatchEventProcessor: ElementProcessor = {
  onActivate(b, instance, node) {
    if (node.eventType === 'LINK') return b.passThrough(instance);
    const failed = b.transitionToActivated(instance, [node]);
    if (failed) return failed;
  },
};
