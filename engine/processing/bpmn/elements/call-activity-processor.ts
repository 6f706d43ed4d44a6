import { ProcessInstanceIntent, ValueType } from '../../../protocol';
import type { ElementProcessor } from '../element-processor';
import { failure, isFailure } from '../failure';

/**
 * Call activities start the latest version of the called process as a child instance (with all visible
 * variables, or only the input mappings when `propagateAllParentVariables` is false) and complete when it does.
 */
export const callActivityProcessor: ElementProcessor = {
  onActivate(b, instance, node) {
    const called = node.calledElement!;
    const processId = b.expressions.string(called.processId, instance.key, 'processId');
    if (isFailure(processId)) return processId;
    const definition = b.state.latestProcess(processId, instance.value.tenantId);
    if (!definition) {
      return failure('CALLED_ELEMENT_ERROR', `Expected process with BPMN process id '${processId}' to be deployed, but not found.`);
    }
    const model = b.state.executables.get(definition.key);
    if (!model?.process.noneStartId) {
      return failure('CALLED_ELEMENT_ERROR', `Expected process with BPMN process id '${processId}' to have a none start event, but not found.`);
    }
    const failed = b.transitionToActivated(instance);
    if (failed) return failed;
    const variables = called.propagateAllParentVariables ? b.state.visibleVariables(instance.key) : b.state.localVariables(instance.key);
    b.startProcessInstance(definition, variables, { parent: instance });
  },
  onTerminate(b, instance) {
    const childKey = instance.calledChildInstanceKey;
    const child = childKey ? b.state.elementInstances.get(childKey) : undefined;
    if (!child) return false;
    if (child.state !== 'ELEMENT_TERMINATING') {
      b.ctx.writeCommand(child.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.TERMINATE_ELEMENT, child.value);
    }
    return true;
  },
};
