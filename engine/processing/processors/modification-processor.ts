import type { Key, ModifyProcessInstanceRequest } from '../../api';
import { ProcessInstanceIntent, ProcessInstanceModificationIntent, ValueType } from '../../protocol';
import type { ElementInstance, EngineState } from '../../state';
import type { CommandProcessor } from '../processing-context';
import { bpmnBehaviors } from './behaviors';

/**
 * PROCESS_INSTANCE_MODIFICATION MODIFY: activate elements (in an existing flow scope instance) with their
 * variables, and terminate element instances. Everything is checked before anything changes.
 */
export const modificationProcessor: CommandProcessor = {
  process(command, ctx) {
    const v = command.value as unknown as ModifyProcessInstanceRequest;
    const state = ctx.state;
    const root = state.elementInstances.get(v.processInstanceKey);
    if (!root || root.value.bpmnElementType !== 'PROCESS' || root.state !== 'ELEMENT_ACTIVATED') {
      return ctx.reject('NOT_FOUND', `Expected to modify process instance but no process instance found with key '${v.processInstanceKey}'`);
    }
    const b = bpmnBehaviors(ctx);
    const model = b.model(root.value.processDefinitionKey);
    const instancesOf = (elementId: string): ElementInstance[] => activeInstancesOf(state, root, elementId);
    const activations: { scope: ElementInstance; elementId: string; path: string[]; variables: { scopeId?: string; variables: Record<string, unknown> }[] }[] = [];
    for (const instruction of v.activateInstructions ?? []) {
      const node = model.nodes.get(instruction.elementId);
      if (!node || node.type === 'PROCESS') {
        return ctx.reject('INVALID_ARGUMENT', `Expected to modify instance of process '${root.value.bpmnProcessId}' but it contains one or more activate instructions with an element that could not be found: '${instruction.elementId}'`);
      }
      if (node.type === 'START_EVENT' || node.type === 'BOUNDARY_EVENT' || (node.type === 'INTERMEDIATE_CATCH_EVENT' && node.eventType === 'LINK')) {
        return ctx.reject('INVALID_ARGUMENT', `Expected to modify instance of process '${root.value.bpmnProcessId}' but it contains one or more activate instructions for elements that are unsupported: '${instruction.elementId}'`);
      }
      let scope: ElementInstance | undefined;
      let path: string[] = [instruction.elementId];
      const ancestor = instruction.ancestorElementInstanceKey;
      if (ancestor && ancestor !== '-1' && ancestor !== '0') {
        scope = state.elementInstances.get(ancestor);
        if (!scope || scope.value.processInstanceKey !== root.key) {
          return ctx.reject('INVALID_ARGUMENT', `Expected to modify instance of process '${root.value.bpmnProcessId}' but it contains one or more activate instructions with an ancestor scope key that does not exist, or is not in an active state: '${ancestor}'`);
        }
      } else if (node.flowScopeId === model.process.id) {
        scope = root;
      } else {
        // Walk up to the nearest flow scope that is active; the scopes in between are created on the way.
        let scopeId = node.flowScopeId!;
        let candidates = instancesOf(scopeId);
        while (candidates.length === 0 && scopeId !== model.process.id) {
          const scopeNode = model.nodes.get(scopeId)!;
          if (scopeNode.loop || scopeNode.type !== 'SUB_PROCESS') break;
          path = [scopeId, ...path];
          scopeId = scopeNode.flowScopeId!;
          candidates = scopeId === model.process.id ? [root] : instancesOf(scopeId);
        }
        if (candidates.length !== 1) {
          return ctx.reject('INVALID_ARGUMENT', `Expected to modify instance of process '${root.value.bpmnProcessId}' but it contains one or more activate instructions for the element '${instruction.elementId}' whose flow scope '${node.flowScopeId}' has ${candidates.length === 0 ? 'no active instance' : 'more than one active instance'}; give an ancestorElementInstanceKey`);
        }
        scope = candidates[0];
      }
      activations.push({ scope, elementId: instruction.elementId, path, variables: instruction.variableInstructions ?? [] });
    }
    const terminations: Key[] = [];
    for (const instruction of v.terminateInstructions ?? []) {
      const instance = state.elementInstances.get(instruction.elementInstanceKey);
      if (!instance || instance.value.processInstanceKey !== root.key || instance.key === root.key) {
        return ctx.reject('INVALID_ARGUMENT', `Expected to modify instance of process '${root.value.bpmnProcessId}' but it contains one or more terminate instructions with an element instance that could not be found: '${instruction.elementInstanceKey}'`);
      }
      terminations.push(instance.key);
    }
    ctx.writeEvent(root.key, ValueType.PROCESS_INSTANCE_MODIFICATION, ProcessInstanceModificationIntent.MODIFIED, { ...v });
    for (const activation of activations) {
      const [first, ...rest] = activation.path;
      // As Zeebe: a variable instruction naming the element instance this activation creates lands in that new
      // instance (not in another instance of the same element), before it activates.
      let localVariables: Record<string, unknown> | undefined;
      for (const instruction of activation.variables) {
        if (instruction.scopeId === first) {
          localVariables = { ...localVariables, ...instruction.variables };
        } else if (instruction.scopeId) {
          const target = instruction.scopeId === activation.scope.value.elementId ? activation.scope : instancesOf(instruction.scopeId)[0] ?? root;
          b.variables.setLocal(target.key, instruction.variables);
        } else {
          b.variables.setLocal(root.key, instruction.variables);
        }
      }
      b.activateChild(activation.scope, model.nodes.get(first)!, {
        ...(rest.length > 0 ? { startElementIds: [rest.join('>')] } : {}),
        ...(localVariables ? { localVariables } : {}),
      });
    }
    for (const key of terminations) {
      const instance = state.elementInstances.get(key)!;
      ctx.writeCommand(key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.TERMINATE_ELEMENT, instance.value);
    }
    ctx.respond({});
  },
};

/**
 * The activated element instances of `elementId` inside one process instance, in key order (the order a walk
 * over all element instances gave): found by walking that instance's own tree, not every live element instance.
 * Called instances are separate process instances, so the walk stops at them as the filter did.
 */
function activeInstancesOf(state: EngineState, root: ElementInstance, elementId: string): ElementInstance[] {
  const found: ElementInstance[] = [];
  const pending: Key[] = [root.key];
  while (pending.length > 0) {
    const instance = state.elementInstances.get(pending.pop()!);
    if (!instance) continue;
    if (instance.value.elementId === elementId && instance.state === 'ELEMENT_ACTIVATED' && instance.value.processInstanceKey === root.key) found.push(instance);
    pending.push(...state.childrenOf(instance.key));
  }
  return found.sort((a, b) => (BigInt(a.key) < BigInt(b.key) ? -1 : 1));
}
