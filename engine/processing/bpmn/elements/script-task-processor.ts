import { isFailure } from '../failure';
import type { ElementProcessor } from '../element-processor';
import { jobTaskActivation } from './job-worker-task-processor';

/** Script tasks: a FEEL `zeebe:script` evaluated by the engine into `resultVariable`, or a job. */
export const scriptTaskProcessor: ElementProcessor = {
  onActivate(b, instance, node) {
    if (!node.script) return jobTaskActivation(b, instance, node);
    const result = b.expressions.expression(node.script.expression, instance.key, 'EXTRACT_VALUE_ERROR');
    if (isFailure(result)) return result;
    const failed = b.transitionToActivated(instance);
    if (failed) return failed;
    b.applyEventVariables(instance, node, { [node.script.resultVariable]: result === undefined ? null : result });
    b.completeElement(instance);
  },
};
