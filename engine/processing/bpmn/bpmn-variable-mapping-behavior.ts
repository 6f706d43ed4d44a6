// Input and output mappings (Zeebe's BpmnVariableMappingBehavior) and where an event's variables land.
import type { Key, Variables } from '../../api';
import type { FlowNode, VariableMapping } from '../../model';
import { NO_KEY } from '../../protocol';
import type { ElementInstance } from '../../state';
import { isFailure, type Failure } from './failure';
import type { BpmnBehaviors } from './bpmn-behaviors';

/** Evaluates variable mappings and places variables delivered by events. */
export class BpmnVariableMappingBehavior {
  constructor(private readonly b: BpmnBehaviors) {}

  /** Evaluate mappings in order (later ones see earlier targets); the result object has nested targets. */
  evaluateMappings(mappings: readonly VariableMapping[], scopeKey: Key): Variables | Failure {
    const result: Variables = {};
    for (const mapping of mappings) {
      const value = this.b.expressions.property(mapping.source, scopeKey, 'IO_MAPPING_ERROR', result);
      if (isFailure(value)) return value;
      setPath(result, mapping.target, value === undefined ? null : value);
    }
    return result;
  }

  /** Variables delivered by an event (message, signal, job): local when output mappings follow, else merged. */
  applyEventVariables(instance: ElementInstance, node: FlowNode, variables: Variables): void {
    if (node.outputs.length > 0) this.b.variables.setLocal(instance.key, variables);
    else this.b.variables.propagate(instance.value.flowScopeKey === NO_KEY ? instance.key : instance.value.flowScopeKey, variables);
  }
}

/** Set `a.b.c` on an object, creating nested objects as needed. */
export function setPath(target: Variables, path: string, value: unknown): void {
  const parts = path.split('.');
  let current: Record<string, unknown> = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = current[parts[i]];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) current[parts[i]] = {};
    current = current[parts[i]] as Record<string, unknown>;
  }
  current[parts[parts.length - 1]] = value;
}
