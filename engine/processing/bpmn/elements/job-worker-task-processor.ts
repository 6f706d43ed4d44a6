import type { FlowNode } from '../../../model';
import type { ElementInstance } from '../../../state';
import type { BpmnBehaviors } from '../bpmn-behaviors';
import type { ElementProcessor } from '../element-processor';
import type { Failure } from '../failure';

/** Activate an element that waits for a job: open its boundary subscriptions, then create the job. */
export function jobTaskActivation(b: BpmnBehaviors, instance: ElementInstance, node: FlowNode): Failure | void {
  const plan = b.prepareJob(instance, node);
  if ('errorType' in plan) return plan;
  const failed = b.transitionToActivated(instance);
  if (failed) return failed;
  b.writeJob(instance, plan);
}

/**
 * Service tasks, send tasks, and script / business rule / user tasks implemented by a job: a worker does the
 * work; the job's completion completes the element.
 */
export const jobWorkerTaskProcessor: ElementProcessor = {
  onActivate: jobTaskActivation,
};
