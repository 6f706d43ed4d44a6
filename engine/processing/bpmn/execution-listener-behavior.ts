/**
 * Execution listeners (Zeebe 8.6+): jobs that run, one after the other in model order, before an element is
 * activated (`start`, after its input mappings) and before it completes (`end`, after its output mappings).
 * The element waits in ELEMENT_ACTIVATING or ELEMENT_COMPLETING until each listener job is completed.
 */
import type { Key, Variables } from '../../api';
import type { ExecutionListenerEventType, FlowNode, ListenerDefinition } from '../../model';
import { ProcessEventIntent, ValueType } from '../../protocol';
import type { ElementInstance } from '../../state';
import type { BpmnBehaviors, JobPlan } from './bpmn-behaviors';
import { typeName } from './expression-behavior';
import { failure, isFailure, type Failure } from './failure';

const NO_KEY = '-1';

/** Evaluate a listener's job type and retries in the element's scope, as Zeebe does right before creating its job. */
export function listenerJobPlan(
  b: BpmnBehaviors,
  instance: ElementInstance,
  listener: ListenerDefinition,
  baseHeaders: Record<string, string>,
): Omit<JobPlan, 'jobKind' | 'listenerEventType'> | Failure {
  const type = b.expressions.string(listener.type, instance.key, 'job type');
  if (isFailure(type)) return type;
  const retriesValue = b.expressions.property(listener.retries, instance.key);
  if (isFailure(retriesValue)) return retriesValue;
  const retries = Number(retriesValue);
  if (!Number.isInteger(retries)) {
    return failure('EXTRACT_VALUE_ERROR', `Expected result of the expression '${listener.retries}' to be 'NUMBER', but was '${typeName(retriesValue)}'.`);
  }
  // The worker sees the element's headers and the listener's own; on the same key the listener's win.
  return { type, retries, headers: { ...baseHeaders, ...listener.headers } };
}

/** The start/end listener jobs of element instances, and what happens when one completes. */
export class ExecutionListenerBehavior {
  constructor(private readonly b: BpmnBehaviors) {}

  /**
   * The next listener of `eventType` this instance still has to run, if any. A multi-instance body runs none:
   * its inner instances run the activity's listeners, as in Zeebe.
   */
  next(instance: ElementInstance, node: FlowNode, eventType: ExecutionListenerEventType): ListenerDefinition | undefined {
    if (instance.value.bpmnElementType === 'MULTI_INSTANCE_BODY') return undefined;
    return node.executionListeners?.[eventType][instance.executionListenerIndex ?? 0];
  }

  /** Create the job of `listener`; a failing type or retries expression comes back as the incident's failure. */
  createJob(instance: ElementInstance, node: FlowNode, listener: ListenerDefinition, eventType: ExecutionListenerEventType): Failure | void {
    const plan = listenerJobPlan(this.b, instance, listener, node.job?.headers ?? {});
    if (isFailure(plan)) return plan;
    this.b.writeJob(instance, { ...plan, jobKind: 'EXECUTION_LISTENER', listenerEventType: eventType.toUpperCase() });
  }

  /**
   * COMPLETE_EXECUTION_LISTENER: the job of the instance's current listener completed with `variables`. A
   * start listener's variables become local to the element; an end listener's go to the flow scope, like
   * output mappings. Then the next listener runs, or the element goes on where it waited.
   */
  completeCommand(key: Key, variables: Variables): void {
    const instance = this.b.state.elementInstances.get(key);
    if (!instance || (instance.state !== 'ELEMENT_ACTIVATING' && instance.state !== 'ELEMENT_COMPLETING' && instance.state !== 'ELEMENT_TERMINATING')) {
      this.b.ctx.reject(
        'INVALID_STATE',
        `Expected to complete an execution listener of element instance with key '${key}' while it is activating, completing or terminating, but it is ${instance ? instance.state : 'not present'}`,
      );
      return;
    }
    const node = this.b.nodeOf(instance);
    if (instance.state === 'ELEMENT_ACTIVATING') {
      if (Object.keys(variables).length > 0) this.b.variables.setLocal(instance.key, variables);
      const listener = this.next(instance, node, 'start');
      if (listener) {
        const failed = this.createJob(instance, node, listener, 'start');
        if (failed) this.b.raiseIncident(instance, failed);
        return;
      }
      const startEvent = instance.value.flowScopeKey === NO_KEY ? this.b.state.startEventTriggers.get(instance.key) : undefined;
      if (startEvent) {
        // The process was started by this start event (message, timer, signal): it goes on there.
        this.b.ctx.writeEvent(startEvent.eventKey, ValueType.PROCESS_EVENT, ProcessEventIntent.TRIGGERED, {
          scopeKey: instance.value.processDefinitionKey,
          targetElementId: startEvent.elementId,
          variables: startEvent.variables,
          processDefinitionKey: instance.value.processDefinitionKey,
          processInstanceKey: instance.key,
          tenantId: instance.value.tenantId,
        });
        this.b.continueActivation(instance, node, { startElementIds: [startEvent.elementId] });
        return;
      }
      this.b.continueActivation(instance, node, { triggered: triggeredByEventBasedGateway(this.b, instance, node) });
      return;
    }
    if (instance.state === 'ELEMENT_TERMINATING') {
      // A cancel listener (8.10) of a process: its variables go to the process; the next one runs, or it is terminated.
      if (Object.keys(variables).length > 0) this.b.variables.setLocal(instance.key, variables);
      this.b.terminated(instance);
      return;
    }
    if (Object.keys(variables).length > 0) {
      this.b.variables.propagate(instance.value.flowScopeKey === NO_KEY ? instance.key : instance.value.flowScopeKey, variables);
    }
    const listener = this.next(instance, node, 'end');
    if (listener) {
      const failed = this.createJob(instance, node, listener, 'end');
      if (failed) this.b.raiseIncident(instance, failed);
      return;
    }
    this.b.finishCompletion(instance, node);
  }
}

/**
 * An event after an event-based gateway is activated as already triggered (it completes at once). The
 * activation command said so; after its start listeners the model tells it again.
 */
function triggeredByEventBasedGateway(b: BpmnBehaviors, instance: ElementInstance, node: FlowNode): boolean {
  const model = b.model(instance.value.processDefinitionKey);
  return node.incoming.some((flowId) => {
    const source = model.nodes.get(model.flows.get(flowId)?.sourceId ?? '');
    return source?.type === 'EVENT_BASED_GATEWAY';
  });
}
