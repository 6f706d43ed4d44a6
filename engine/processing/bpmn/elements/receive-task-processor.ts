import type { ElementProcessor } from '../element-processor';

/** Receive tasks wait for their message (and listen for their boundary events meanwhile). */
export const receiveTaskProcessor: ElementProcessor = {
  onActivate(b, instance, node) {
    const failed = b.transitionToActivated(instance, [node, ...b.subscriptionNodesOf(instance, node)]);
    if (failed) return failed;
  },
};
