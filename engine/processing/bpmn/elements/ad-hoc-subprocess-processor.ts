import { adHocElementsVariable } from '../../../model/ad-hoc-subprocess';
import type { Variables } from '../../../api';
import type { ElementProcessor } from '../element-processor';
import { isFailure } from '../failure';

/**
 * Ad-hoc subprocess (Camunda 8.8). On activation it creates `adHocSubProcessElements` (what a worker may
 * activate) and the empty output collection; then either the engine activates `activeElementsCollection`
 * (each activity in its own inner instance) or, with a `zeebe:taskDefinition`, a job worker decides by job
 * results. It completes by its completion condition, or when nothing runs any more; the output collection
 * is propagated to the flow scope.
 */
export const adHocSubProcessProcessor: ElementProcessor = {
  onActivate(b, instance, node) {
    const adHoc = node.adHoc!;
    const model = b.model(instance.value.processDefinitionKey);
    const local: Variables = { adHocSubProcessElements: adHocElementsVariable(node, model.nodes) };
    if (adHoc.outputCollection) local[adHoc.outputCollection] = [];
    b.variables.setLocal(instance.key, local);
    if (adHoc.jobWorker) {
      const plan = b.prepareJob(instance, node);
      if (isFailure(plan)) return plan;
      const failed = b.transitionToActivated(instance);
      if (failed) return failed;
      b.writeJob(instance, { ...plan, jobKind: 'AD_HOC_SUB_PROCESS' });
      return;
    }
    const activities = b.adHoc.initialActivities(instance, node);
    if (isFailure(activities)) return activities;
    const failed = b.transitionToActivated(instance);
    if (failed) return failed;
    for (const id of activities) b.adHoc.activateElement(instance, node, id);
  },
  onComplete(b, instance, node) {
    const name = node.adHoc!.outputCollection;
    if (!name) return;
    const value = b.state.variables.get(instance.key)?.get(name)?.value;
    b.variables.propagate(instance.value.flowScopeKey, { [name]: value ?? [] });
  },
  onChildCompleted(b, scope, node, child) {
    if (scope.interrupted || scope.pendingTrigger) return b.defaultChildEnded(scope);
    b.adHoc.afterExecutionPathCompleted(scope, node, child);
  },
  onChildTerminated(b, scope) {
    // Terminating, or an interrupting event subprocess waits: the usual container handling. Otherwise the
    // completion condition held earlier and what remained is gone now: complete.
    if (scope.state === 'ELEMENT_TERMINATING' || scope.pendingTrigger || scope.interrupted) return b.defaultChildEnded(scope);
    if (scope.activeChildren === 0 && Object.keys(scope.takenFlows).length === 0) b.completeElement(scope);
  },
};
