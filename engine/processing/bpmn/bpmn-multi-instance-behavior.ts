// Multi-instance bookkeeping (Zeebe's MultiInstanceBodyProcessor helpers): the input collection, each inner
// instance's input and output element, and the completion condition with its built-in counters.
import type { Variables } from '../../api';
import type { FlowNode } from '../../model';
import type { ElementInstance } from '../../state';
import { typeName } from './expression-behavior';
import { failure, isFailure, type Failure } from './failure';
import type { BpmnBehaviors } from './bpmn-behaviors';

/** The variables of multi-instance bodies and their inner instances. */
export class BpmnMultiInstanceBehavior {
  constructor(private readonly b: BpmnBehaviors) {}

  prepareInnerInstance(body: ElementInstance, inner: ElementInstance, node: FlowNode): Failure | void {
    const loop = node.loop!;
    const collection = this.inputCollection(body, node);
    if (isFailure(collection)) return collection;
    const counter = inner.loopCounter ?? 1;
    const local: Variables = { loopCounter: counter };
    // As Zeebe: an output element that names a variable is created (null) in the inner scope, so the
    // inner instance's result lands there instead of being propagated to the process.
    const outputVariable = /^=\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(loop.outputElement ?? '')?.[1];
    if (outputVariable && outputVariable !== loop.inputElement) local[outputVariable] = null;
    if (loop.inputElement) local[loop.inputElement] = collection[counter - 1] ?? null;
    this.b.variables.setLocal(inner.key, local);
  }

  /** The input collection of a multi-instance element, evaluated in the body's scope. */
  inputCollection(body: ElementInstance, node: FlowNode): unknown[] | Failure {
    const text = node.loop!.inputCollection!;
    const value = this.b.expressions.expression(text, body.key, 'EXTRACT_VALUE_ERROR');
    if (isFailure(value)) return value;
    if (!Array.isArray(value)) {
      return failure('EXTRACT_VALUE_ERROR', `Expected result of the expression '${text}' to be 'ARRAY', but was '${typeName(value)}'.`);
    }
    return value;
  }

  /** Store the inner instance's output element and evaluate the completion condition. */
  collectInnerOutput(body: ElementInstance, inner: ElementInstance, node: FlowNode): boolean | Failure {
    const loop = node.loop!;
    if (loop.outputCollection && loop.outputElement) {
      const value = this.b.expressions.expression(loop.outputElement, inner.key, 'EXTRACT_VALUE_ERROR');
      if (isFailure(value)) return value;
      const current = this.b.state.variables.get(body.key)?.get(loop.outputCollection)?.value;
      const list = Array.isArray(current) ? [...current] : [];
      list[(inner.loopCounter ?? 1) - 1] = value === undefined ? null : value;
      this.b.variables.setLocal(body.key, { [loop.outputCollection]: list });
    }
    if (loop.completionCondition) {
      // Zeebe's built-in multi-instance variables, visible to the completion condition only.
      const collection = this.inputCollection(body, node);
      const counters = body.multiInstance ?? { total: 0, started: 0, completed: 0 };
      const builtIns = {
        numberOfInstances: isFailure(collection) ? counters.started : collection.length,
        numberOfActiveInstances: Math.max(0, body.activeChildren - 1),
        numberOfCompletedInstances: counters.completed + 1,
        numberOfTerminatedInstances: Math.max(0, counters.started - counters.completed - body.activeChildren),
      };
      const value = this.b.expressions.expression(loop.completionCondition, inner.key, 'EXTRACT_VALUE_ERROR', builtIns);
      if (isFailure(value)) return value;
      if (typeof value !== 'boolean') {
        return failure('EXTRACT_VALUE_ERROR', `Expected result of the expression '${loop.completionCondition}' to be 'BOOLEAN', but was '${typeName(value)}'.`);
      }
      return value;
    }
    return false;
  }
}
