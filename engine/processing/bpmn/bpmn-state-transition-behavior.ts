// An element instance's life (Zeebe's BpmnStateTransitionBehavior): activation with input mappings and start
// listeners, completion with output mappings and end listeners, termination, and what its container does next.
import type { Key, Variables } from '../../api';
import { correlateBufferedStartMessage, type StartCorrelation } from './message-start-events';
import type { FlowNode, SequenceFlow } from '../../model';
import { NO_KEY, ProcessEventIntent, ProcessInstanceIntent, ValueType, type ProcessInstanceRecordValue } from '../../protocol';
import type { ElementInstance } from '../../state';
import type { ElementProcessor } from './element-processor';
import { interruptAfter } from './runtime-instruction-behavior';
import { isFailure, type Failure } from './failure';
import type { ActivationExtras, BpmnBehaviors } from './bpmn-behaviors';
import { sendProcessResult } from './bpmn-process-result-sender-behavior';

/** Moves element instances through ACTIVATING → ACTIVATED → COMPLETING → COMPLETED (or TERMINATING → TERMINATED). */
export class BpmnStateTransitionBehavior {
  constructor(
    private readonly b: BpmnBehaviors,
    private readonly processorFor: (instanceValue: ProcessInstanceRecordValue, node: FlowNode) => ElementProcessor,
  ) {}

  /** Message start correlations of root instances ending in this command (read before state drops them). */
  private readonly startCorrelations = new Map<Key, StartCorrelation>();

  /** Flows a gateway chose for the instance completing in this command. */
  private readonly chosenFlows = new Map<Key, SequenceFlow[]>();

  /** Input mappings, then the element's own activation. Re-run when an activation incident is resolved. */
  runActivation(instance: ElementInstance, extras: ActivationExtras = {}): void {
    const node = this.b.nodeOf(instance);
    const isBody = instance.value.bpmnElementType === 'MULTI_INSTANCE_BODY';
    if (extras.localVariables && Object.keys(extras.localVariables).length > 0) this.b.variables.setLocal(instance.key, extras.localVariables);
    if (!isBody) {
      const scope = this.b.state.elementInstances.get(instance.value.flowScopeKey);
      if (scope?.value.bpmnElementType === 'MULTI_INSTANCE_BODY' && node.loop) {
        const prepared = this.b.multiInstance.prepareInnerInstance(scope, instance, node);
        if (isFailure(prepared)) return this.b.raiseIncident(instance, prepared);
      }
      if (node.inputs.length > 0) {
        const result = this.b.evaluateMappings(node.inputs, instance.key);
        if (isFailure(result)) return this.b.raiseIncident(instance, result);
        this.b.variables.setLocal(instance.key, result);
      }
    }
    if (extras.variables && Object.keys(extras.variables).length > 0) {
      this.b.applyEventVariables(instance, node, extras.variables);
    }
    const listener = extras.instructed ? undefined : this.b.executionListeners.next(instance, node, 'start');
    if (listener) {
      const failed = this.b.executionListeners.createJob(instance, node, listener, 'start');
      if (failed) this.b.raiseIncident(instance, failed);
      return;
    }
    this.continueActivation(instance, node, extras);
  }

  /** The element's own activation, after input mappings and start listeners. */
  continueActivation(instance: ElementInstance, node: FlowNode, extras: ActivationExtras): void {
    const processor = this.processorFor(instance.value, node);
    if (extras.triggered) {
      const failed = this.transitionToActivated(instance, []);
      if (failed) return this.b.raiseIncident(instance, failed);
      this.completeElement(instance);
      return;
    }
    this.b.activationExtras = extras;
    const result = processor.onActivate(this.b, instance, node);
    if (result) return this.b.raiseIncident(instance, result);
    // Conditions of the events the element now waits for are evaluated once it is active (Camunda 8.9).
    if (this.b.state.subscriptionsByElement.has(instance.key)) this.b.conditionals.evaluateOnActivation(instance.key);
  }

  /** Output mappings, then ELEMENT_COMPLETED and the way out. Re-run when a completion incident is resolved. */
  runCompletion(instance: ElementInstance): void {
    const node = this.b.nodeOf(instance);
    const processor = this.processorFor(instance.value, node);
    const own = processor.onComplete?.(this.b, instance, node);
    if (own) return this.b.raiseIncident(instance, own);
    const isBody = instance.value.bpmnElementType === 'MULTI_INSTANCE_BODY';
    if (!isBody && node.outputs.length > 0) {
      const result = this.b.evaluateMappings(node.outputs, instance.key);
      if (isFailure(result)) return this.b.raiseIncident(instance, result);
      this.b.variables.propagate(instance.value.flowScopeKey === NO_KEY ? instance.key : instance.value.flowScopeKey, result);
    }
    const listener = this.b.executionListeners.next(instance, node, 'end');
    if (listener) {
      const failed = this.b.executionListeners.createJob(instance, node, listener, 'end');
      if (failed) this.b.raiseIncident(instance, failed);
      return;
    }
    this.finishCompletion(instance, node);
  }

  /** After output mappings and end listeners: multi-instance bookkeeping, ELEMENT_COMPLETED and the way out. */
  finishCompletion(instance: ElementInstance, node: FlowNode): void {
    const processor = this.processorFor(instance.value, node);
    const isBody = instance.value.bpmnElementType === 'MULTI_INSTANCE_BODY';
    // End listeners of a process may have added root variables after the processor read them.
    if (instance.value.flowScopeKey === NO_KEY && node.executionListeners?.end.length) {
      this.b.finalVariables.set(instance.key, this.b.state.localVariables(instance.key));
    }
    let completionConditionMet = false;
    const scope = this.b.state.elementInstances.get(instance.value.flowScopeKey);
    if (!isBody && scope?.value.bpmnElementType === 'MULTI_INSTANCE_BODY' && node.loop) {
      const collected = this.b.multiInstance.collectInnerOutput(scope, instance, node);
      if (isFailure(collected)) return this.b.raiseIncident(instance, collected);
      completionConditionMet = collected;
    }
    if (scope?.value.bpmnElementType === 'AD_HOC_SUB_PROCESS' && instance.value.bpmnElementType === 'AD_HOC_SUB_PROCESS_INNER_INSTANCE') {
      const failed = this.b.adHoc.beforeInnerInstanceCompleted(scope, instance);
      if (failed) return this.b.raiseIncident(instance, failed);
    }
    this.b.closeSubscriptions(instance.key);
    this.rememberStartCorrelation(instance);
    this.b.compensation.onActivityCompleting(instance, node);
    this.b.ctx.writeEvent(instance.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_COMPLETED, instance.value);
    this.b.compensation.onHandlerCompleted(instance);
    this.afterCompleted(instance, node, processor, completionConditionMet);
  }

  /** Open the element's subscriptions (boundary events, event subprocesses) and write ELEMENT_ACTIVATED. */
  transitionToActivated(instance: ElementInstance, catchNodes?: FlowNode[]): Failure | undefined {
    const node = this.b.nodeOf(instance);
    const nodes = catchNodes ?? this.subscriptionNodesOf(instance, node);
    const failed = this.b.openSubscriptions(instance, nodes);
    if (failed) return failed;
    this.b.ctx.writeEvent(instance.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_ACTIVATED, instance.value);
    return undefined;
  }

  /** Catch events an active instance listens for: attached boundary events, and event subprocess starts. */
  subscriptionNodesOf(instance: ElementInstance, node: FlowNode): FlowNode[] {
    const model = this.b.model(instance.value.processDefinitionKey);
    const isInner = this.b.state.elementInstances.get(instance.value.flowScopeKey)?.value.bpmnElementType === 'MULTI_INSTANCE_BODY';
    const result: FlowNode[] = [];
    if (!isInner) for (const id of node.boundaryEventIds) result.push(model.nodes.get(id)!);
    if (instance.value.bpmnElementType !== 'MULTI_INSTANCE_BODY') {
      for (const id of node.eventSubProcessStartIds) result.push(model.nodes.get(id)!);
    }
    return result;
  }

  /**
   * A worker or a person finished the element's work with these variables: they become local when output
   * mappings follow (which pick from them), otherwise they merge upward from the element, as Zeebe's job and
   * user task completion do; then the element is asked to complete. Nothing happens if it is no longer active.
   */
  completeWithResult(elementInstanceKey: Key, variables: Variables): void {
    const instance = this.b.state.elementInstances.get(elementInstanceKey);
    if (!instance || instance.state !== 'ELEMENT_ACTIVATED') return;
    if (Object.keys(variables).length > 0) {
      if (this.b.nodeOf(instance).outputs.length > 0) this.b.variables.setLocal(instance.key, variables);
      else this.b.variables.propagate(instance.key, variables);
    }
    this.completeElement(instance);
  }

  /** Ask for the element's completion (processed later in this batch). */
  completeElement(instance: ElementInstance): void {
    this.b.ctx.writeCommand(instance.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.COMPLETE_ELEMENT, instance.value);
  }

  /**
   * Pass straight through: ACTIVATED, COMPLETING and completion in one go (gateways, none events). `flows`
   * are the sequence flows a gateway chose; absent = all outgoing flows.
   */
  passThrough(instance: ElementInstance, flows?: SequenceFlow[]): Failure | void {
    const failed = this.transitionToActivated(instance, []);
    if (failed) return failed;
    if (flows) this.chosenFlows.set(instance.key, flows);
    this.completeActivated(instance);
  }

  /** Complete an ACTIVATED element at once, in this command: COMPLETING, then completion and what follows it. */
  completeActivated(instance: ElementInstance): void {
    this.b.ctx.writeEvent(instance.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_COMPLETING, instance.value);
    this.runCompletion(instance);
  }

  private afterCompleted(instance: ElementInstance, node: FlowNode, processor: ElementProcessor, completionConditionMet: boolean): void {
    const value = instance.value;
    const scope = this.b.state.elementInstances.get(value.flowScopeKey);
    if (value.flowScopeKey === NO_KEY) {
      this.rootEnded(instance, true);
      return;
    }
    if (!scope) return;
    if (interruptAfter(this.b, instance)) return;
    if (scope.value.bpmnElementType === 'MULTI_INSTANCE_BODY') {
      this.processorFor(scope.value, node).onChildCompleted?.(this.b, scope, node, { ...instance, loopCounter: completionConditionMet ? -1 : instance.loopCounter });
      return;
    }
    const isBody = value.bpmnElementType === 'MULTI_INSTANCE_BODY';
    const chosen = this.chosenFlows.get(instance.key);
    const leaves = isBody || chosen !== undefined || processor.takesOutgoingFlows !== false;
    const flows = chosen ?? node.outgoing;
    if (leaves && flows.length > 0) {
      this.b.takeFlows(instance, flows);
      return;
    }
    if (leaves) this.childEnded(scope, instance, true);
  }

  /** A child of `scope` completed or was terminated: let the container decide (complete, continue, ...). */
  childEnded(scope: ElementInstance, child: ElementInstance, completed: boolean): void {
    const scopeNode = this.b.nodeOf(scope);
    const processor = this.processorFor(scope.value, scopeNode);
    if (completed) {
      if (processor.onChildCompleted) return processor.onChildCompleted(this.b, scope, scopeNode, child);
    } else if (processor.onChildTerminated) {
      return processor.onChildTerminated(this.b, scope, scopeNode, child);
    }
    this.defaultChildEnded(scope);
  }

  /** Containers: complete when nothing is left inside; finish termination; start a pending event subprocess. */
  defaultChildEnded(scope: ElementInstance): void {
    if (scope.activeChildren > 0) return;
    if (scope.state === 'ELEMENT_TERMINATING') {
      this.terminated(scope);
      return;
    }
    if (scope.state !== 'ELEMENT_ACTIVATED') return;
    if (scope.pendingTrigger) {
      const trigger = scope.pendingTrigger;
      this.b.ctx.writeEvent(trigger.eventKey, ValueType.PROCESS_EVENT, ProcessEventIntent.TRIGGERED, this.b.processEventValue(scope, trigger.elementId, trigger.variables));
      this.b.eventTriggers.activateEventSubProcess(scope, trigger.elementId, trigger.variables);
      return;
    }
    if (Object.keys(scope.takenFlows).length === 0) {
      this.b.elementActivation.checkPendingInclusiveJoins(scope);
      if (scope.activeChildren === 0 && Object.keys(scope.takenFlows).length === 0) this.completeElement(scope);
    } else {
      this.b.elementActivation.checkPendingInclusiveJoins(scope);
    }
  }

  private rememberStartCorrelation(instance: ElementInstance): void {
    if (instance.value.flowScopeKey !== NO_KEY) return;
    const entry = this.b.state.startCorrelationOfInstance.get(instance.key);
    if (entry) this.startCorrelations.set(instance.key, { tenantId: entry.tenantId, bpmnProcessId: entry.bpmnProcessId, correlationKey: entry.correlationKey });
  }

  /**
   * ELEMENT_TERMINATED, then: the interrupting event waiting for it, or the flow scope. A process with cancel
   * listeners (8.10) first runs them, one after the other, once everything inside it is terminated.
   */
  terminated(instance: ElementInstance): void {
    if (instance.value.bpmnElementType === 'PROCESS') {
      const node = this.b.nodeOf(instance);
      const listener = this.b.executionListeners.next(instance, node, 'cancel');
      if (listener) {
        const failed = this.b.executionListeners.createJob(instance, node, listener, 'cancel');
        if (failed) this.b.raiseIncident(instance, failed);
        return;
      }
    }
    const trigger = instance.pendingTrigger;
    this.rememberStartCorrelation(instance);
    this.b.ctx.writeEvent(instance.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_TERMINATED, instance.value);
    if (instance.value.flowScopeKey === NO_KEY) {
      this.rootEnded(instance, false);
      return;
    }
    const scope = this.b.state.elementInstances.get(instance.value.flowScopeKey);
    if (!scope) return;
    if (interruptAfter(this.b, instance)) return;
    if (trigger && scope.state === 'ELEMENT_ACTIVATED') {
      this.b.ctx.writeEvent(trigger.eventKey, ValueType.PROCESS_EVENT, ProcessEventIntent.TRIGGERED, this.b.processEventValue(instance, trigger.elementId, trigger.variables));
      const model = this.b.model(instance.value.processDefinitionKey);
      this.b.activateChild(scope, model.nodes.get(trigger.elementId)!, { variables: trigger.variables });
      return;
    }
    this.childEnded(scope, instance, false);
  }

  /** A process instance ended: answer who awaits it, and continue or finish the calling activity. */
  private rootEnded(instance: ElementInstance, completed: boolean): void {
    const value = instance.value;
    const startCorrelation = this.startCorrelations.get(instance.key);
    if (startCorrelation) correlateBufferedStartMessage(this.b, startCorrelation);
    sendProcessResult(this.b, instance, completed);
    if (value.parentElementInstanceKey !== NO_KEY) {
      const caller = this.b.state.elementInstances.get(value.parentElementInstanceKey);
      if (!caller) return;
      if (caller.state === 'ELEMENT_TERMINATING') {
        this.terminated(caller);
      } else if (completed && caller.state === 'ELEMENT_ACTIVATED') {
        const callerNode = this.b.nodeOf(caller);
        const variables = this.b.finalVariables.get(instance.key) ?? {};
        if (callerNode.calledElement?.propagateAllChildVariables !== false || callerNode.outputs.length > 0) {
          if (callerNode.outputs.length > 0) this.b.variables.setLocal(caller.key, variables);
          else this.b.variables.propagate(caller.key, variables);
        }
        this.completeElement(caller);
      }
    }
  }
}
