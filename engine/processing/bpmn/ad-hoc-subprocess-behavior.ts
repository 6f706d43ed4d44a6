import type { Key, Variables } from '../../api';
import type { FlowNode } from '../../model';
import { ProcessInstanceIntent, ValueType } from '../../protocol';
import type { ElementInstance } from '../../state';
import type { BpmnBehaviors } from './bpmn-behaviors';
import { typeName } from './expression-behavior';
import { failure, isFailure, type Failure } from './failure';

/** An `outputElement` that names one variable (`=result`): that variable starts as null in each activation. */
const SINGLE_VARIABLE = /^=\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/;

/**
 * What ad-hoc subprocesses share between their element processor, the activation instruction (REST and job
 * results) and the completion of their activations: Zeebe's BpmnAdHocSubProcessBehavior, written anew.
 *
 * Every activation runs in its own inner instance (AD_HOC_SUB_PROCESS_INNER_INSTANCE, `<id>#innerInstance`),
 * so an activity's variables stay local to that activation and its flow (sequence flows after it) completes
 * the inner instance, which is what the ad-hoc subprocess counts.
 */
export class AdHocSubProcessBehavior {
  /** The completion condition's result for inner instances completing in this command, by inner instance key. */
  private readonly conditionResults = new Map<Key, boolean | undefined>();

  constructor(private readonly b: BpmnBehaviors) {}

  /** Element ids among `ids` that are not activities of the ad-hoc subprocess. */
  missingActivities(node: FlowNode, ids: readonly string[]): string[] {
    return ids.filter((id) => !node.adHoc!.activityIds.includes(id));
  }

  /** Zeebe's refusal for element ids that are not activities of the ad-hoc subprocess instance `key`. */
  static notFoundReason(key: Key, missing: readonly string[]): string {
    return `Expected to activate activities for ad-hoc sub-process with key '${key}', but the given elements [${missing.join(', ')}] do not exist.`;
  }

  /** Evaluate `activeElementsCollection` (absent: nothing to activate) and check every id names an activity. */
  initialActivities(instance: ElementInstance, node: FlowNode): string[] | Failure {
    const text = node.adHoc!.activeElementsCollection;
    if (!text) return [];
    const value = this.b.expressions.expression(text, instance.key, 'EXTRACT_VALUE_ERROR');
    if (isFailure(value)) return failure('EXTRACT_VALUE_ERROR', `Failed to activate ad-hoc elements. ${value.message}`);
    if (!Array.isArray(value)) {
      return failure('EXTRACT_VALUE_ERROR', `Failed to activate ad-hoc elements. Expected result of the expression '${text}' to be 'ARRAY', but was '${typeName(value)}'.`);
    }
    const notText = value.find((item) => typeof item !== 'string');
    if (notText !== undefined) {
      return failure('EXTRACT_VALUE_ERROR', `Failed to activate ad-hoc elements. Expected result of the expression '${text}' to be a list of strings, but it contains '${typeName(notText)}'.`);
    }
    const missing = this.missingActivities(node, value as string[]);
    if (missing.length > 0) return failure('EXTRACT_VALUE_ERROR', AdHocSubProcessBehavior.notFoundReason(instance.key, missing));
    return value as string[];
  }

  /**
   * Activate one activity: its inner instance is written ACTIVATING and ACTIVATED at once (it has no
   * activation of its own), gets the given variables as local ones, and the activity is activated inside it.
   */
  activateElement(adHocInstance: ElementInstance, node: FlowNode, elementId: string, variables: Variables = {}): void {
    const adHoc = node.adHoc!;
    const innerKey = this.b.ctx.newKey();
    const innerValue = this.b.childValue(adHocInstance, { id: adHoc.innerInstanceId, type: 'AD_HOC_SUB_PROCESS_INNER_INSTANCE', eventType: 'UNSPECIFIED' });
    this.b.ctx.writeEvent(innerKey, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_ACTIVATING, innerValue);
    this.b.ctx.writeEvent(innerKey, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_ACTIVATED, innerValue);
    const local: Variables = {};
    const outputVariable = SINGLE_VARIABLE.exec(adHoc.outputElement ?? '')?.[1];
    if (outputVariable) local[outputVariable] = null;
    Object.assign(local, variables);
    if (Object.keys(local).length > 0) this.b.variables.setLocal(innerKey, local);
    const inner = this.b.state.elementInstances.get(innerKey)!;
    const activity = this.b.model(adHocInstance.value.processDefinitionKey).nodes.get(elementId)!;
    this.b.activateChild(inner, activity);
  }

  /**
   * The completion condition holds: terminate what still runs (cancelRemainingInstances) or wait for it, then
   * complete the ad-hoc subprocess.
   */
  completionConditionFulfilled(adHocInstance: ElementInstance, cancelRemainingInstances: boolean): void {
    const running = this.b.state.childrenOf(adHocInstance.key);
    const flowsInFlight = Object.keys(adHocInstance.takenFlows).length > 0;
    if (cancelRemainingInstances) {
      if (running.length === 0) return this.b.completeElement(adHocInstance);
      for (const childKey of running) {
        const child = this.b.state.elementInstances.get(childKey);
        if (child && child.state !== 'ELEMENT_TERMINATING') {
          this.b.ctx.writeCommand(childKey, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.TERMINATE_ELEMENT, child.value);
        }
      }
    } else if (running.length === 0 && !flowsInFlight) {
      this.b.completeElement(adHocInstance);
    }
  }

  /**
   * Before an inner instance completes (its variables still there): add its `outputElement` to the output
   * collection and, for an engine-driven ad-hoc subprocess, evaluate the completion condition.
   */
  beforeInnerInstanceCompleted(adHocInstance: ElementInstance, inner: ElementInstance): Failure | void {
    const node = this.b.nodeOf(adHocInstance);
    const adHoc = node.adHoc!;
    if (adHoc.outputCollection && adHoc.outputElement) {
      const value = this.b.expressions.expression(adHoc.outputElement, inner.key, 'EXTRACT_VALUE_ERROR');
      if (isFailure(value)) return value;
      const current = this.b.state.variables.get(adHocInstance.key)?.get(adHoc.outputCollection)?.value;
      if (!Array.isArray(current)) {
        return failure('EXTRACT_VALUE_ERROR', `The output collection has the wrong type. Expected ARRAY but was ${typeName(current)}.`);
      }
      this.b.variables.setLocal(adHocInstance.key, { [adHoc.outputCollection]: [...current, value === undefined ? null : value] });
    }
    let satisfied: boolean | undefined;
    if (!adHoc.jobWorker && adHoc.completionCondition) {
      const value = this.b.expressions.expression(adHoc.completionCondition, adHocInstance.key, 'EXTRACT_VALUE_ERROR');
      if (isFailure(value)) return failure('EXTRACT_VALUE_ERROR', `Failed to evaluate completion condition. ${value.message}`);
      if (typeof value !== 'boolean') {
        return failure('EXTRACT_VALUE_ERROR', `Failed to evaluate completion condition. Expected result of the expression '${adHoc.completionCondition}' to be 'BOOLEAN', but was '${typeName(value)}'.`);
      }
      satisfied = value;
    }
    this.conditionResults.set(inner.key, satisfied);
  }

  /** After a flow inside completed (an inner instance, or a non-interrupting event subprocess). */
  afterExecutionPathCompleted(adHocInstance: ElementInstance, node: FlowNode, child: ElementInstance): void {
    const adHoc = node.adHoc!;
    const satisfied = this.conditionResults.get(child.key);
    this.conditionResults.delete(child.key);
    if (adHoc.jobWorker) {
      // One job at a time: the worker decides again about the new situation.
      if (adHocInstance.jobKey) this.b.cancelJobOf(adHocInstance);
      if (adHocInstance.completionConditionFulfilled) {
        this.completionConditionFulfilled(adHocInstance, adHoc.cancelRemainingInstances);
        return;
      }
      const plan = this.b.prepareJob(adHocInstance, node);
      if (isFailure(plan)) return this.b.raiseIncident(adHocInstance, plan);
      this.b.writeJob(adHocInstance, { ...plan, jobKind: 'AD_HOC_SUB_PROCESS' });
      return;
    }
    if (satisfied === undefined) {
      // No condition: done once nothing runs any more.
      this.b.defaultChildEnded(adHocInstance);
      return;
    }
    if (satisfied) this.completionConditionFulfilled(adHocInstance, adHoc.cancelRemainingInstances);
  }
}
