import { isFailure } from '../failure';
import type { ElementProcessor } from '../element-processor';

/**
 * The multi-instance body around an activity: runs one inner instance per item of the input collection, in
 * parallel or one after another, collects the output collection, and stops early on the completion condition.
 */
export const multiInstanceBodyProcessor: ElementProcessor = {
  onActivate(b, body, node) {
    const collection = b.inputCollection(body, node);
    if (isFailure(collection)) return collection;
    const loop = node.loop!;
    if (loop.outputCollection) b.variables.setLocal(body.key, { [loop.outputCollection]: collection.map(() => null) });
    const failed = b.transitionToActivated(body);
    if (failed) return failed;
    if (collection.length === 0) {
      b.completeElement(body);
      return;
    }
    const count = loop.sequential ? 1 : collection.length;
    for (let i = 0; i < count; i++) b.activateChild(body, node);
  },
  onComplete(b, body, node) {
    const loop = node.loop!;
    if (loop.outputCollection) {
      const value = b.state.variables.get(body.key)?.get(loop.outputCollection)?.value ?? [];
      b.variables.propagate(body.value.flowScopeKey, { [loop.outputCollection]: value });
    }
  },
  onChildCompleted(b, body, node, child) {
    if (body.state !== 'ELEMENT_ACTIVATED') return b.defaultChildEnded(body);
    if (child.loopCounter === -1) {
      // Completion condition met: the remaining inner instances are terminated, then the body completes.
      const remaining = b.state.childrenOf(body.key);
      for (const key of remaining) {
        const inner = b.state.elementInstances.get(key)!;
        if (inner.state !== 'ELEMENT_TERMINATING') b.ctx.writeCommand(key, 'PROCESS_INSTANCE', 'TERMINATE_ELEMENT', inner.value);
      }
      if (remaining.length === 0) b.completeElement(body);
      return;
    }
    if (node.loop!.sequential) {
      const collection = b.inputCollection(body, node);
      const total = isFailure(collection) ? 0 : collection.length;
      if ((body.multiInstance?.started ?? 0) < total) {
        b.activateChild(body, node);
        return;
      }
    }
    if (body.activeChildren === 0) b.completeElement(body);
  },
  onChildTerminated(b, body) {
    if (body.state === 'ELEMENT_TERMINATING') return b.defaultChildEnded(body);
    if (body.state === 'ELEMENT_ACTIVATED' && body.activeChildren === 0) b.completeElement(body);
  },
};
