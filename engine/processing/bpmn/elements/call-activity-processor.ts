import type { Key } from '../../../api';
import type { CalledElementDefinition } from '../../../model';
import type { EngineState, ProcessDefinition } from '../../../state';
import { ProcessInstanceIntent, ValueType } from '../../../protocol';
import type { ElementProcessor } from '../element-processor';
import { failure, isFailure } from '../failure';

/** The process version the binding type selects, or the incident message when there is none. */
function calledDefinition(state: EngineState, called: CalledElementDefinition, processId: string, tenantId: string, callerKey: Key): ProcessDefinition | string {
  switch (called.bindingType) {
    case 'deployment': {
      const deploymentKey = state.processes.get(callerKey)?.deploymentKey ?? '';
      return (
        state.processInDeployment(processId, deploymentKey) ??
        `Expected to call process with BPMN process id '${processId}' with binding type 'deployment', but no such process found in the deployment with key ${deploymentKey} which contained the current process. To resolve this incident, migrate the process instance to a process definition that is deployed together with the intended process definition to call.`
      );
    }
    case 'versionTag':
      return (
        state.latestProcessWithVersionTag(processId, called.versionTag ?? '', tenantId) ??
        `Expected to call process with BPMN process id '${processId}' and version tag '${called.versionTag}', but no such process found. To resolve this incident, deploy a process with the given process id and version tag.`
      );
    default:
      return state.latestProcess(processId, tenantId) ?? `Expected process with BPMN process id '${processId}' to be deployed, but not found.`;
  }
}

/**
 * Call activities start the version of the called process that their binding type selects (the latest
 * unless `bindingType` says `deployment` or `versionTag`) as a child instance (with all visible variables,
 * or only the input mappings when `propagateAllParentVariables` is false) and complete when it does.
 */
export const callActivityProcessor: ElementProcessor = {
  onActivate(b, instance, node) {
    const called = node.calledElement!;
    const processId = b.expressions.string(called.processId, instance.key, 'processId');
    if (isFailure(processId)) return processId;
    const definition = calledDefinition(b.state, called, processId, instance.value.tenantId, instance.value.processDefinitionKey);
    if (typeof definition === 'string') return failure('CALLED_ELEMENT_ERROR', definition);
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
