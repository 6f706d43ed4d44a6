import type { ElementProcessor } from '../element-processor';

/**
 * Process, embedded subprocess and event subprocess: activate the start event, complete when nothing is left
 * inside (the default child handling), and let termination reach every child first.
 */
export const containerProcessor: ElementProcessor = {
  onActivate(b, instance, node) {
    const failed = b.transitionToActivated(instance);
    if (failed) return failed;
    const model = b.model(instance.value.processDefinitionKey);
    const startIds = b.activationExtras.startElementIds;
    if (startIds && startIds.length > 0) {
      // `a>b>c`: activate child `a`, which (a subprocess) then starts at `b>c` instead of its start event.
      for (const path of startIds) {
        const [first, ...rest] = path.split('>');
        b.activateChild(instance, model.nodes.get(first)!, rest.length > 0 ? { startElementIds: [rest.join('>')] } : {});
      }
      return;
    }
    if (!node.noneStartId) {
      return { errorType: 'UNKNOWN', message: `Expected to start '${node.id}' at a none start event, but it has none` };
    }
    b.activateChild(instance, model.nodes.get(node.noneStartId)!);
  },
  onComplete(b, instance) {
    if (instance.value.flowScopeKey !== '-1') return;
    // As Zeebe: a completing process drops its compensation subscriptions before its end listeners run.
    b.compensation.deleteAll(instance);
    b.finalVariables.set(instance.key, b.state.localVariables(instance.key));
  },
};
