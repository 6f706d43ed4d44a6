import type { Key, Variables } from '../../api';
import { correlateBufferedStartMessage, type StartCorrelation } from './message-start-events';
import type { ExecutableProcess, FlowNode, SequenceFlow, VariableMapping } from '../../model';
import {
  EscalationIntent,
  IncidentIntent,
  JobIntent,
  ProcessEventIntent,
  ProcessInstanceIntent,
  ProcessInstanceResultIntent,
  ProcessMessageSubscriptionIntent,
  SignalSubscriptionIntent,
  TimerIntent,
  UserTaskIntent,
  ValueType,
  type ProcessInstanceRecordValue,
} from '../../protocol';
import { splitCandidateList } from '../../model/candidate-list';
import type { ElementInstance, MessageSubscriptionValue, ProcessDefinition } from '../../state';
import { MAX_JOB_MESSAGE_BYTES, activatedJobBytes, activatedJobOf, jobTooLargeMessage, writeJobsActivated } from '../job-activation';
import type { ProcessingContext } from '../processing-context';
import { closeMessageSubscription, openMessageSubscription, processSide } from '../subscription-commands';
import type { ElementProcessor } from './element-processor';
import { BpmnCompensationBehavior } from './compensation-behavior';
import { ExecutionListenerBehavior } from './execution-listener-behavior';
import { ExpressionBehavior, typeName } from './expression-behavior';
import { UserTaskListenerBehavior, userTaskWaitKey } from './user-task-listener-behavior';
import { interruptAfter, type RuntimeInstruction } from './runtime-instruction-behavior';
import { failure, isFailure, type Failure } from './failure';
import { VariableBehavior } from './variable-behavior';
import { AdHocSubProcessBehavior } from './ad-hoc-subprocess-behavior';
import { ConditionalEventBehavior } from './conditional-event-behavior';
import { resolveTimer } from './timer-behavior';

/** Extra fields an ACTIVATE_ELEMENT command may carry (never copied into the element's events). */
export interface ActivationExtras {
  /** Variables delivered by the event that triggered this element. */
  variables?: Variables;
  /** The element was triggered (an event after an event-based gateway): complete it at once. */
  triggered?: boolean;
  /** Process: start at these elements instead of the none start event. */
  startElementIds?: string[];
  /**
   * Variables created in the new element instance's own scope before it activates (a modification's
   * variable instruction whose scopeId is the activated element, as Zeebe writes them before ACTIVATE_ELEMENT).
   */
  localVariables?: Variables;
  /**
   * Process: the elements come from the creation's start instructions. Zeebe then activates the process by
   * events alone (ElementActivationBehavior), so its start listeners do not run.
   */
  instructed?: boolean;
}

const NO_KEY = '-1';

/** A job ready to be written: evaluated type, retries and headers. */
export interface JobPlan {
  type: string;
  retries: number;
  headers: Record<string, string>;
  /** Zeebe's JobKind; absent = BPMN_ELEMENT (the element's own job). */
  jobKind?: 'BPMN_ELEMENT' | 'EXECUTION_LISTENER' | 'TASK_LISTENER' | 'AD_HOC_SUB_PROCESS';
  /** Zeebe's JobListenerEventType of a listener job (START, END, CREATING, …). */
  listenerEventType?: string;
}

/** A subscription evaluated for a catch node and ready to be opened (see {@link BpmnBehaviors.planSubscriptions}). */
export type PlannedSubscription =
  | { kind: 'timer'; node: FlowNode; dueDate: number; repetitions: number }
  | { kind: 'message'; node: FlowNode; name: string; correlationKey: string }
  | { kind: 'signal'; node: FlowNode; name: string }
  | { kind: 'conditional'; node: FlowNode };

/**
 * Whether a message subscription for this catch node closes when a message correlates: always for catch
 * events and receive tasks, only for interrupting boundary events and event subprocess starts.
 */
export function closesOnCorrelation(node: FlowNode): boolean {
  return node.type !== 'BOUNDARY_EVENT' && node.type !== 'START_EVENT' ? true : node.interrupting;
}

/**
 * The shared behaviour of all BPMN elements: state transitions, variable mappings, sequence flows,
 * incidents, jobs, event subscriptions and event triggers. Element processors call into it.
 */
export class BpmnBehaviors {
  readonly variables: VariableBehavior;
  readonly expressions: ExpressionBehavior;
  readonly executionListeners: ExecutionListenerBehavior;
  readonly taskListeners: UserTaskListenerBehavior;
  readonly compensation: BpmnCompensationBehavior;
  readonly adHoc: AdHocSubProcessBehavior;
  readonly conditionals: ConditionalEventBehavior;
  /** What the ACTIVATE_ELEMENT command being processed carried besides the element's value. */
  activationExtras: ActivationExtras = {};
  /** Root-scope variables of process instances completing in this command, read before they are removed. */
  readonly finalVariables = new Map<Key, Variables>();
  /** Message start correlations of root instances ending in this command (read before state drops them). */
  private readonly startCorrelations = new Map<Key, StartCorrelation>();
  /** Flows a gateway chose for the instance completing in this command. */
  private readonly chosenFlows = new Map<Key, SequenceFlow[]>();

  constructor(
    readonly ctx: ProcessingContext,
    private readonly processorFor: (instanceValue: ProcessInstanceRecordValue, node: FlowNode) => ElementProcessor,
  ) {
    this.variables = new VariableBehavior(ctx);
    this.expressions = new ExpressionBehavior(ctx);
    this.executionListeners = new ExecutionListenerBehavior(this);
    this.taskListeners = new UserTaskListenerBehavior(this);
    this.compensation = new BpmnCompensationBehavior(this);
    this.adHoc = new AdHocSubProcessBehavior(this);
    this.conditionals = new ConditionalEventBehavior(this);
  }

  get state() {
    return this.ctx.state;
  }

  model(processDefinitionKey: Key): ExecutableProcess {
    const model = this.state.executables.get(processDefinitionKey);
    if (!model) throw new Error(`No executable model for process definition ${processDefinitionKey}`);
    return model;
  }

  nodeOf(instance: { value: ProcessInstanceRecordValue }): FlowNode {
    const node = this.model(instance.value.processDefinitionKey).nodes.get(instance.value.elementId);
    if (!node) throw new Error(`No element ${instance.value.elementId} in ${instance.value.bpmnProcessId}`);
    return node;
  }

  // ---------------------------------------------------------------- commands

  /** ACTIVATE_ELEMENT: create the instance (ELEMENT_ACTIVATING) and run its activation. */
  activateCommand(key: Key, value: ProcessInstanceRecordValue & ActivationExtras): void {
    const { variables, triggered, startElementIds, instructed, localVariables, ...eventValue } = value;
    const scope = eventValue.flowScopeKey === NO_KEY ? undefined : this.state.elementInstances.get(eventValue.flowScopeKey);
    if (eventValue.flowScopeKey !== NO_KEY && (!scope || scope.state !== 'ELEMENT_ACTIVATED')) {
      this.ctx.reject(
        'INVALID_STATE',
        `Expected flow scope instance with key '${eventValue.flowScopeKey}' to be present and active, but it is not`,
      );
      return;
    }
    if (scope?.interrupted && eventValue.bpmnElementType !== 'EVENT_SUB_PROCESS') {
      this.ctx.reject(
        'INVALID_STATE',
        `Expected to activate element '${eventValue.elementId}' in flow scope '${eventValue.flowScopeKey}', but the scope was interrupted`,
      );
      return;
    }
    const instanceKey = key === NO_KEY ? this.ctx.newKey() : key;
    this.ctx.writeEvent(instanceKey, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_ACTIVATING, eventValue);
    const instance = this.state.elementInstances.get(instanceKey)!;
    this.runActivation(instance, { variables, triggered, startElementIds, instructed, localVariables });
  }

  /** COMPLETE_ELEMENT: only an ACTIVATED element can complete. */
  completeCommand(key: Key): void {
    const instance = this.state.elementInstances.get(key);
    if (!instance || instance.state !== 'ELEMENT_ACTIVATED') {
      this.ctx.reject('INVALID_STATE', `Expected element instance with key '${key}' to be activated, but it is ${instance ? instance.state : 'not present'}`);
      return;
    }
    this.ctx.writeEvent(key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_COMPLETING, instance.value);
    this.runCompletion(instance);
  }

  /** TERMINATE_ELEMENT: stop an element wherever it is; children go first. */
  terminateCommand(key: Key): void {
    const instance = this.state.elementInstances.get(key);
    if (!instance || instance.state === 'ELEMENT_TERMINATING') {
      this.ctx.reject('INVALID_STATE', `Expected element instance with key '${key}' to be active, but it is ${instance ? 'already terminating' : 'not present'}`);
      return;
    }
    this.ctx.writeEvent(key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_TERMINATING, instance.value);
    this.resolveIncidentsOf(key);
    this.closeSubscriptions(key);
    this.compensation.onTerminating(instance);
    const awaitsCancelingListeners = this.cancelJobOf(instance);
    const node = this.nodeOf(instance);
    const processor = this.processorFor(instance.value, node);
    const waits = processor.onTerminate?.(this, instance, node) === true || awaitsCancelingListeners;
    const children = this.state.childrenOf(key);
    for (const child of children) {
      const childInstance = this.state.elementInstances.get(child);
      if (childInstance && childInstance.state !== 'ELEMENT_TERMINATING') {
        this.ctx.writeCommand(child, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.TERMINATE_ELEMENT, childInstance.value);
      }
    }
    if (!waits && children.length === 0) this.terminated(instance);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Input mappings, then the element's own activation. Re-run when an activation incident is resolved. */
  runActivation(instance: ElementInstance, extras: ActivationExtras = {}): void {
    const node = this.nodeOf(instance);
    const isBody = instance.value.bpmnElementType === 'MULTI_INSTANCE_BODY';
    if (extras.localVariables && Object.keys(extras.localVariables).length > 0) this.variables.setLocal(instance.key, extras.localVariables);
    if (!isBody) {
      const scope = this.state.elementInstances.get(instance.value.flowScopeKey);
      if (scope?.value.bpmnElementType === 'MULTI_INSTANCE_BODY' && node.loop) {
        const prepared = this.prepareInnerInstance(scope, instance, node);
        if (isFailure(prepared)) return this.raiseIncident(instance, prepared);
      }
      if (node.inputs.length > 0) {
        const result = this.evaluateMappings(node.inputs, instance.key);
        if (isFailure(result)) return this.raiseIncident(instance, result);
        this.variables.setLocal(instance.key, result);
      }
    }
    if (extras.variables && Object.keys(extras.variables).length > 0) {
      this.applyEventVariables(instance, node, extras.variables);
    }
    const listener = extras.instructed ? undefined : this.executionListeners.next(instance, node, 'start');
    if (listener) {
      const failed = this.executionListeners.createJob(instance, node, listener, 'start');
      if (failed) this.raiseIncident(instance, failed);
      return;
    }
    this.continueActivation(instance, node, extras);
  }

  /** The element's own activation, after input mappings and start listeners. */
  continueActivation(instance: ElementInstance, node: FlowNode, extras: ActivationExtras): void {
    const processor = this.processorFor(instance.value, node);
    if (extras.triggered) {
      const failed = this.transitionToActivated(instance, []);
      if (failed) return this.raiseIncident(instance, failed);
      this.completeElement(instance);
      return;
    }
    this.activationExtras = extras;
    const result = processor.onActivate(this, instance, node);
    if (result) return this.raiseIncident(instance, result);
    // Conditions of the events the element now waits for are evaluated once it is active (Camunda 8.9).
    if (this.state.subscriptionsByElement.has(instance.key)) this.conditionals.evaluateOnActivation(instance.key);
  }

  /** Output mappings, then ELEMENT_COMPLETED and the way out. Re-run when a completion incident is resolved. */
  runCompletion(instance: ElementInstance): void {
    const node = this.nodeOf(instance);
    const processor = this.processorFor(instance.value, node);
    const own = processor.onComplete?.(this, instance, node);
    if (own) return this.raiseIncident(instance, own);
    const isBody = instance.value.bpmnElementType === 'MULTI_INSTANCE_BODY';
    if (!isBody && node.outputs.length > 0) {
      const result = this.evaluateMappings(node.outputs, instance.key);
      if (isFailure(result)) return this.raiseIncident(instance, result);
      this.variables.propagate(instance.value.flowScopeKey === NO_KEY ? instance.key : instance.value.flowScopeKey, result);
    }
    const listener = this.executionListeners.next(instance, node, 'end');
    if (listener) {
      const failed = this.executionListeners.createJob(instance, node, listener, 'end');
      if (failed) this.raiseIncident(instance, failed);
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
      this.finalVariables.set(instance.key, this.state.localVariables(instance.key));
    }
    let completionConditionMet = false;
    const scope = this.state.elementInstances.get(instance.value.flowScopeKey);
    if (!isBody && scope?.value.bpmnElementType === 'MULTI_INSTANCE_BODY' && node.loop) {
      const collected = this.collectInnerOutput(scope, instance, node);
      if (isFailure(collected)) return this.raiseIncident(instance, collected);
      completionConditionMet = collected;
    }
    if (scope?.value.bpmnElementType === 'AD_HOC_SUB_PROCESS' && instance.value.bpmnElementType === 'AD_HOC_SUB_PROCESS_INNER_INSTANCE') {
      const failed = this.adHoc.beforeInnerInstanceCompleted(scope, instance);
      if (failed) return this.raiseIncident(instance, failed);
    }
    this.closeSubscriptions(instance.key);
    this.rememberStartCorrelation(instance);
    this.compensation.onActivityCompleting(instance, node);
    this.ctx.writeEvent(instance.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_COMPLETED, instance.value);
    this.compensation.onHandlerCompleted(instance);
    this.afterCompleted(instance, node, processor, completionConditionMet);
  }

  /** Open the element's subscriptions (boundary events, event subprocesses) and write ELEMENT_ACTIVATED. */
  transitionToActivated(instance: ElementInstance, catchNodes?: FlowNode[]): Failure | undefined {
    const node = this.nodeOf(instance);
    const nodes = catchNodes ?? this.subscriptionNodesOf(instance, node);
    const failed = this.openSubscriptions(instance, nodes);
    if (failed) return failed;
    this.ctx.writeEvent(instance.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_ACTIVATED, instance.value);
    return undefined;
  }

  /** Catch events an active instance listens for: attached boundary events, and event subprocess starts. */
  subscriptionNodesOf(instance: ElementInstance, node: FlowNode): FlowNode[] {
    const model = this.model(instance.value.processDefinitionKey);
    const isInner = this.state.elementInstances.get(instance.value.flowScopeKey)?.value.bpmnElementType === 'MULTI_INSTANCE_BODY';
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
    const instance = this.state.elementInstances.get(elementInstanceKey);
    if (!instance || instance.state !== 'ELEMENT_ACTIVATED') return;
    if (Object.keys(variables).length > 0) {
      if (this.nodeOf(instance).outputs.length > 0) this.variables.setLocal(instance.key, variables);
      else this.variables.propagate(instance.key, variables);
    }
    this.completeElement(instance);
  }

  /** Ask for the element's completion (processed later in this batch). */
  completeElement(instance: ElementInstance): void {
    this.ctx.writeCommand(instance.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.COMPLETE_ELEMENT, instance.value);
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
    this.ctx.writeEvent(instance.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_COMPLETING, instance.value);
    this.runCompletion(instance);
  }

  private afterCompleted(instance: ElementInstance, node: FlowNode, processor: ElementProcessor, completionConditionMet: boolean): void {
    const value = instance.value;
    const scope = this.state.elementInstances.get(value.flowScopeKey);
    if (value.flowScopeKey === NO_KEY) {
      this.rootEnded(instance, true);
      return;
    }
    if (!scope) return;
    if (interruptAfter(this, instance)) return;
    if (scope.value.bpmnElementType === 'MULTI_INSTANCE_BODY') {
      this.processorFor(scope.value, node).onChildCompleted?.(this, scope, node, { ...instance, loopCounter: completionConditionMet ? -1 : instance.loopCounter });
      return;
    }
    const isBody = value.bpmnElementType === 'MULTI_INSTANCE_BODY';
    const chosen = this.chosenFlows.get(instance.key);
    const leaves = isBody || chosen !== undefined || processor.takesOutgoingFlows !== false;
    const flows = chosen ?? node.outgoing;
    if (leaves && flows.length > 0) {
      this.takeFlows(instance, flows);
      return;
    }
    if (leaves) this.childEnded(scope, instance, true);
  }

  /** A child of `scope` completed or was terminated: let the container decide (complete, continue, ...). */
  childEnded(scope: ElementInstance, child: ElementInstance, completed: boolean): void {
    const scopeNode = this.nodeOf(scope);
    const processor = this.processorFor(scope.value, scopeNode);
    if (completed) {
      if (processor.onChildCompleted) return processor.onChildCompleted(this, scope, scopeNode, child);
    } else if (processor.onChildTerminated) {
      return processor.onChildTerminated(this, scope, scopeNode, child);
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
      this.ctx.writeEvent(trigger.eventKey, ValueType.PROCESS_EVENT, ProcessEventIntent.TRIGGERED, this.processEventValue(scope, trigger.elementId, trigger.variables));
      this.activateEventSubProcess(scope, trigger.elementId, trigger.variables);
      return;
    }
    if (Object.keys(scope.takenFlows).length === 0) {
      this.checkPendingInclusiveJoins(scope);
      if (scope.activeChildren === 0 && Object.keys(scope.takenFlows).length === 0) this.completeElement(scope);
    } else {
      this.checkPendingInclusiveJoins(scope);
    }
  }

  private rememberStartCorrelation(instance: ElementInstance): void {
    if (instance.value.flowScopeKey !== NO_KEY) return;
    const entry = this.state.startCorrelationOfInstance.get(instance.key);
    if (entry) this.startCorrelations.set(instance.key, { tenantId: entry.tenantId, bpmnProcessId: entry.bpmnProcessId, correlationKey: entry.correlationKey });
  }

  /**
   * ELEMENT_TERMINATED, then: the interrupting event waiting for it, or the flow scope. A process with cancel
   * listeners (8.10) first runs them, one after the other, once everything inside it is terminated.
   */
  terminated(instance: ElementInstance): void {
    if (instance.value.bpmnElementType === 'PROCESS') {
      const node = this.nodeOf(instance);
      const listener = this.executionListeners.next(instance, node, 'cancel');
      if (listener) {
        const failed = this.executionListeners.createJob(instance, node, listener, 'cancel');
        if (failed) this.raiseIncident(instance, failed);
        return;
      }
    }
    const trigger = instance.pendingTrigger;
    this.rememberStartCorrelation(instance);
    this.ctx.writeEvent(instance.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_TERMINATED, instance.value);
    if (instance.value.flowScopeKey === NO_KEY) {
      this.rootEnded(instance, false);
      return;
    }
    const scope = this.state.elementInstances.get(instance.value.flowScopeKey);
    if (!scope) return;
    if (interruptAfter(this, instance)) return;
    if (trigger && scope.state === 'ELEMENT_ACTIVATED') {
      this.ctx.writeEvent(trigger.eventKey, ValueType.PROCESS_EVENT, ProcessEventIntent.TRIGGERED, this.processEventValue(instance, trigger.elementId, trigger.variables));
      const model = this.model(instance.value.processDefinitionKey);
      this.activateChild(scope, model.nodes.get(trigger.elementId)!, { variables: trigger.variables });
      return;
    }
    this.childEnded(scope, instance, false);
  }

  /** A process instance ended: answer who awaits it, and continue or finish the calling activity. */
  private rootEnded(instance: ElementInstance, completed: boolean): void {
    const value = instance.value;
    const startCorrelation = this.startCorrelations.get(instance.key);
    if (startCorrelation) correlateBufferedStartMessage(this, startCorrelation);
    if (completed) {
      const awaiting = this.ctx.sideEffects.awaitsResult(instance.key);
      if (awaiting) {
        // Root variables are gone from state now; they were read before completion (see process processor).
        const variables = this.finalVariables.get(instance.key) ?? {};
        const only = awaiting.fetchVariables?.length ? Object.fromEntries(Object.entries(variables).filter(([k]) => awaiting.fetchVariables!.includes(k))) : variables;
        const result = {
          bpmnProcessId: value.bpmnProcessId,
          processDefinitionKey: value.processDefinitionKey,
          processInstanceKey: instance.key,
          version: value.version,
          variables: only,
          tenantId: value.tenantId,
        };
        this.ctx.writeEvent(instance.key, ValueType.PROCESS_INSTANCE_RESULT, ProcessInstanceResultIntent.COMPLETED, result);
        this.ctx.sideEffects.processInstanceEnded(instance.key, result);
      }
    } else if (this.ctx.sideEffects.awaitsResult(instance.key)) {
      this.ctx.sideEffects.processInstanceEnded(instance.key, undefined);
    }
    if (value.parentElementInstanceKey !== NO_KEY) {
      const caller = this.state.elementInstances.get(value.parentElementInstanceKey);
      if (!caller) return;
      if (caller.state === 'ELEMENT_TERMINATING') {
        this.terminated(caller);
      } else if (completed && caller.state === 'ELEMENT_ACTIVATED') {
        const callerNode = this.nodeOf(caller);
        const variables = this.finalVariables.get(instance.key) ?? {};
        if (callerNode.calledElement?.propagateAllChildVariables !== false || callerNode.outputs.length > 0) {
          if (callerNode.outputs.length > 0) this.variables.setLocal(caller.key, variables);
          else this.variables.propagate(caller.key, variables);
        }
        this.completeElement(caller);
      }
    }
  }

  // ---------------------------------------------------------------- flows

  /** Take sequence flows out of a completed element: SEQUENCE_FLOW_TAKEN, then activate targets (joins wait). */
  takeFlows(source: ElementInstance, flows: readonly SequenceFlow[]): void {
    const scope = this.state.elementInstances.get(source.value.flowScopeKey);
    if (!scope) return;
    const model = this.model(source.value.processDefinitionKey);
    for (const flow of flows) {
      this.ctx.writeEvent(this.ctx.newKey(), ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.SEQUENCE_FLOW_TAKEN, {
        ...this.childValue(scope, { id: flow.id, type: 'SEQUENCE_FLOW', eventType: 'UNSPECIFIED' }),
      });
      const target = model.nodes.get(flow.targetId)!;
      if (target.type === 'PARALLEL_GATEWAY' && target.incoming.length > 1) {
        if (target.incoming.every((id) => (scope.takenFlows[id] ?? 0) > 0)) this.activateChild(scope, target);
      } else if (target.type === 'INCLUSIVE_GATEWAY' && target.incoming.length > 1) {
        if (this.inclusiveJoinReady(scope, target)) this.activateChild(scope, target);
      } else {
        this.activateChild(scope, target);
      }
    }
  }

  /** An inclusive join fires when every incoming flow has a token, or no further token can reach it. */
  private inclusiveJoinReady(scope: ElementInstance, join: FlowNode): boolean {
    const taken = join.incoming.filter((id) => (scope.takenFlows[id] ?? 0) > 0);
    if (taken.length === 0) return false;
    if (taken.length === join.incoming.length) return true;
    const model = this.model(scope.value.processDefinitionKey);
    // Anything else still alive in this scope that could reach the join?
    const starts: string[] = [];
    for (const childKey of this.state.childrenOf(scope.key)) {
      const child = this.state.elementInstances.get(childKey);
      if (child) starts.push(child.value.elementId);
    }
    for (const [flowId, count] of Object.entries(scope.takenFlows)) {
      if (count > 0 && !join.incoming.includes(flowId)) starts.push(model.flows.get(flowId)!.targetId);
    }
    const seen = new Set<string>();
    const stack = [...starts];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === join.id) return false;
      if (seen.has(id)) continue;
      seen.add(id);
      const node = model.nodes.get(id);
      if (!node) continue;
      for (const flow of node.outgoing) stack.push(flow.targetId);
      for (const boundary of node.boundaryEventIds) stack.push(boundary);
    }
    return true;
  }

  /** After a child ends, an inclusive join waiting in this scope may now be able to fire. */
  private checkPendingInclusiveJoins(scope: ElementInstance): void {
    const model = this.model(scope.value.processDefinitionKey);
    const checked = new Set<string>();
    for (const flowId of Object.keys(scope.takenFlows)) {
      const target = model.nodes.get(model.flows.get(flowId)!.targetId);
      if (!target || target.type !== 'INCLUSIVE_GATEWAY' || target.incoming.length < 2 || checked.has(target.id)) continue;
      checked.add(target.id);
      if (this.inclusiveJoinReady(scope, target)) this.activateChild(scope, target);
    }
  }

  /** Write ACTIVATE_ELEMENT for a node inside `scope`. Returns the new element instance key. */
  activateChild(scope: ElementInstance, node: FlowNode, extras: ActivationExtras = {}): Key {
    const key = this.ctx.newKey();
    const value: Record<string, unknown> = { ...this.childValue(scope, node) };
    if (node.loop && scope.value.bpmnElementType !== 'MULTI_INSTANCE_BODY') value.bpmnElementType = 'MULTI_INSTANCE_BODY';
    if (extras.variables) value.variables = extras.variables;
    if (extras.triggered) value.triggered = true;
    if (extras.startElementIds) value.startElementIds = extras.startElementIds;
    if (extras.localVariables) value.localVariables = extras.localVariables;
    this.ctx.writeCommand(key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ACTIVATE_ELEMENT, value);
    return key;
  }

  childValue(scope: ElementInstance, node: Pick<FlowNode, 'id' | 'type' | 'eventType'>): ProcessInstanceRecordValue {
    const v = scope.value;
    return {
      bpmnProcessId: v.bpmnProcessId,
      version: v.version,
      processDefinitionKey: v.processDefinitionKey,
      processInstanceKey: v.processInstanceKey,
      elementId: node.id,
      flowScopeKey: scope.key,
      bpmnElementType: node.type,
      bpmnEventType: node.eventType,
      parentProcessInstanceKey: v.parentProcessInstanceKey,
      parentElementInstanceKey: v.parentElementInstanceKey,
      tenantId: v.tenantId,
    };
  }

  /** Start a new process instance of `definition` (call activities, start events, creation). */
  startProcessInstance(
    definition: ProcessDefinition,
    variables: Variables,
    options: { startElementIds?: string[]; instructed?: boolean; parent?: ElementInstance; processInstanceKey?: Key; businessId?: string; runtimeInstructions?: RuntimeInstruction[] } = {},
  ): Key {
    const key = options.processInstanceKey ?? this.ctx.newKey();
    const model = this.model(definition.key);
    const value: ProcessInstanceRecordValue = {
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      processDefinitionKey: definition.key,
      processInstanceKey: key,
      elementId: definition.bpmnProcessId,
      flowScopeKey: NO_KEY,
      bpmnElementType: 'PROCESS',
      bpmnEventType: 'UNSPECIFIED',
      parentProcessInstanceKey: options.parent?.value.processInstanceKey ?? NO_KEY,
      parentElementInstanceKey: options.parent?.key ?? NO_KEY,
      tenantId: definition.tenantId,
    };
    // Camunda 8.10: a called instance carries its caller's business id.
    const businessId = options.businessId ?? (options.parent ? this.state.elementInstances.get(options.parent.value.processInstanceKey)?.value.businessId : undefined);
    if (typeof businessId === 'string' && businessId !== '') value.businessId = businessId;
    // Camunda 8.8: the instance keeps its creation's runtime instructions (see runtime-instruction-behavior).
    if (options.runtimeInstructions?.length) value.runtimeInstructions = options.runtimeInstructions;
    void model;
    this.variables.setLocal(key, variables);
    const command: Record<string, unknown> = { ...value };
    if (options.startElementIds) command.startElementIds = options.startElementIds;
    if (options.instructed) command.instructed = true;
    else if (options.startElementIds?.length === 1 && model.process.executionListeners?.start.length) {
      // The start event must outlive the process's start listeners: Zeebe's event trigger, scoped to the definition.
      this.ctx.writeEvent(this.ctx.newKey(), ValueType.PROCESS_EVENT, ProcessEventIntent.TRIGGERING, {
        scopeKey: definition.key,
        targetElementId: options.startElementIds[0],
        variables,
        processDefinitionKey: definition.key,
        processInstanceKey: key,
        tenantId: definition.tenantId,
      });
    }
    this.ctx.writeCommand(key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ACTIVATE_ELEMENT, command);
    return key;
  }

  // ---------------------------------------------------------------- variables & mappings

  /** Evaluate mappings in order (later ones see earlier targets); the result object has nested targets. */
  evaluateMappings(mappings: readonly VariableMapping[], scopeKey: Key): Variables | Failure {
    const result: Variables = {};
    for (const mapping of mappings) {
      const value = this.expressions.property(mapping.source, scopeKey, 'IO_MAPPING_ERROR', result);
      if (isFailure(value)) return value;
      setPath(result, mapping.target, value === undefined ? null : value);
    }
    return result;
  }

  /** Variables delivered by an event (message, signal, job): local when output mappings follow, else merged. */
  applyEventVariables(instance: ElementInstance, node: FlowNode, variables: Variables): void {
    if (node.outputs.length > 0) this.variables.setLocal(instance.key, variables);
    else this.variables.propagate(instance.value.flowScopeKey === NO_KEY ? instance.key : instance.value.flowScopeKey, variables);
  }

  // ---------------------------------------------------------------- multi-instance

  private prepareInnerInstance(body: ElementInstance, inner: ElementInstance, node: FlowNode): Failure | void {
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
    this.variables.setLocal(inner.key, local);
  }

  /** The input collection of a multi-instance element, evaluated in the body's scope. */
  inputCollection(body: ElementInstance, node: FlowNode): unknown[] | Failure {
    const text = node.loop!.inputCollection!;
    const value = this.expressions.expression(text, body.key, 'EXTRACT_VALUE_ERROR');
    if (isFailure(value)) return value;
    if (!Array.isArray(value)) {
      return failure('EXTRACT_VALUE_ERROR', `Expected result of the expression '${text}' to be 'ARRAY', but was '${typeName(value)}'.`);
    }
    return value;
  }

  /** Store the inner instance's output element and evaluate the completion condition. */
  private collectInnerOutput(body: ElementInstance, inner: ElementInstance, node: FlowNode): boolean | Failure {
    const loop = node.loop!;
    if (loop.outputCollection && loop.outputElement) {
      const value = this.expressions.expression(loop.outputElement, inner.key, 'EXTRACT_VALUE_ERROR');
      if (isFailure(value)) return value;
      const current = this.state.variables.get(body.key)?.get(loop.outputCollection)?.value;
      const list = Array.isArray(current) ? [...current] : [];
      list[(inner.loopCounter ?? 1) - 1] = value === undefined ? null : value;
      this.variables.setLocal(body.key, { [loop.outputCollection]: list });
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
      const value = this.expressions.expression(loop.completionCondition, inner.key, 'EXTRACT_VALUE_ERROR', builtIns);
      if (isFailure(value)) return value;
      if (typeof value !== 'boolean') {
        return failure('EXTRACT_VALUE_ERROR', `Expected result of the expression '${loop.completionCondition}' to be 'BOOLEAN', but was '${typeName(value)}'.`);
      }
      return value;
    }
    return false;
  }

  // ---------------------------------------------------------------- incidents

  /** The one place failures become incidents. The element stays where it is until the incident is resolved. */
  raiseIncident(instance: ElementInstance, failed: Failure, jobKey: Key = NO_KEY): void {
    const v = instance.value;
    this.ctx.writeEvent(this.ctx.newKey(), ValueType.INCIDENT, IncidentIntent.CREATED, {
      errorType: failed.errorType,
      errorMessage: failed.message,
      bpmnProcessId: v.bpmnProcessId,
      processDefinitionKey: v.processDefinitionKey,
      processInstanceKey: v.processInstanceKey,
      elementId: v.elementId,
      elementInstanceKey: instance.key,
      jobKey,
      variableScopeKey: instance.key,
      tenantId: v.tenantId,
    });
  }

  /** Incidents of an element that is leaving are resolved with it. */
  resolveIncidentsOf(elementInstanceKey: Key): void {
    for (const incident of [...this.state.incidents.values()]) {
      if (incident.value.elementInstanceKey === elementInstanceKey) {
        this.ctx.writeEvent(incident.key, ValueType.INCIDENT, IncidentIntent.RESOLVED, incident.value);
      }
    }
  }

  // ---------------------------------------------------------------- jobs

  /** Evaluate what the element's job needs (type, retries) without writing anything. */
  prepareJob(instance: ElementInstance, node: FlowNode, extraHeaders: Record<string, string> = {}): JobPlan | Failure {
    const job = node.job!;
    const type = this.expressions.string(job.type, instance.key, 'job type');
    if (isFailure(type)) return type;
    const retriesValue = this.expressions.property(job.retries, instance.key);
    if (isFailure(retriesValue)) return retriesValue;
    const retries = Number(retriesValue);
    if (!Number.isInteger(retries)) {
      return failure('EXTRACT_VALUE_ERROR', `Expected result of the expression '${job.retries}' to be 'NUMBER', but was '${typeName(retriesValue)}'.`);
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...job.headers, ...extraHeaders })) {
      // Job-based user task headers may hold expressions; workers see their values.
      if (key.startsWith('io.camunda.zeebe:') && value.startsWith('=')) {
        const evaluated = this.expressions.property(value, instance.key);
        if (isFailure(evaluated)) return evaluated;
        headers[key] = isCandidateListHeader(key)
          ? JSON.stringify(typeof evaluated === 'string' ? splitCandidateList(evaluated) : evaluated)
          : typeof evaluated === 'string'
            ? evaluated
            : JSON.stringify(evaluated);
      } else {
        headers[key] = value;
      }
    }
    return { type, retries, headers };
  }

  /**
   * Write JOB CREATED for a prepared job. As Zeebe's job push: when a job stream for its type is open, the
   * job is activated for that stream in the same batch and pushed once the batch commits; otherwise polling
   * workers hear about it after the commit.
   */
  writeJob(instance: ElementInstance, plan: JobPlan): Key {
    const v = instance.value;
    const key = this.ctx.newKey();
    this.ctx.writeEvent(key, ValueType.JOB, JobIntent.CREATED, {
      type: plan.type,
      worker: '',
      retries: plan.retries,
      retryBackoff: 0,
      recurringTime: -1,
      deadline: -1,
      timeout: -1,
      errorMessage: '',
      errorCode: '',
      customHeaders: plan.headers,
      variables: {},
      elementId: v.elementId,
      elementInstanceKey: instance.key,
      processInstanceKey: v.processInstanceKey,
      bpmnProcessId: v.bpmnProcessId,
      processDefinitionVersion: v.version,
      processDefinitionKey: v.processDefinitionKey,
      tenantId: v.tenantId,
      jobKind: plan.jobKind ?? 'BPMN_ELEMENT',
      listenerEventType: plan.listenerEventType ?? 'UNSPECIFIED',
    });
    const stream = this.ctx.sideEffects.jobStreamFor(plan.type, String(v.tenantId));
    if (stream) {
      const deadline = this.ctx.now + stream.activator.timeout;
      const job = activatedJobOf(this.ctx, key, stream.activator, deadline);
      const bytes = activatedJobBytes(job);
      // Too large to push: an incident, as for a polled activation (Zeebe's MESSAGE_SIZE_EXCEEDED).
      if (bytes > MAX_JOB_MESSAGE_BYTES) {
        this.raiseIncident(instance, { errorType: 'MESSAGE_SIZE_EXCEEDED', message: jobTooLargeMessage(key, bytes) }, key);
        return key;
      }
      writeJobsActivated(this.ctx, stream.activator, [job], deadline);
      stream.deliver(job);
    } else {
      this.ctx.sideEffects.jobsAvailable(plan.type);
    }
    return key;
  }

  /**
   * Cancel the job (or Camunda user task) an element holds. Returns true when the task's canceling listeners
   * run first: the element's termination then waits for them.
   */
  cancelJobOf(instance: ElementInstance): boolean {
    if (instance.jobKey) {
      const job = this.state.jobs.get(instance.jobKey);
      const incidents = job ? [...this.state.incidents.values()].filter((incident) => incident.value.jobKey === job.key) : [];
      // As Zeebe, a job whose error a catch event caught is over: terminating its task does not cancel it again.
      // (An uncaught error leaves the job with its UNHANDLED_ERROR_EVENT incident; that one is canceled.)
      const caughtError = job?.state === 'ERROR_THROWN' && incidents.length === 0;
      if (job && !caughtError) {
        for (const incident of incidents) this.ctx.writeEvent(incident.key, ValueType.INCIDENT, IncidentIntent.RESOLVED, incident.value);
        this.ctx.writeEvent(job.key, ValueType.JOB, JobIntent.CANCELED, { ...job.value });
      }
    }
    if (instance.userTaskKey) {
      const task = this.state.userTasks.get(instance.userTaskKey);
      if (task) {
        const value = task.value;
        if (task.state !== 'CREATED') {
          // A caller waiting for this task's listeners (an assignment, update or completion) hears it is over.
          this.ctx.answerDeferred(userTaskWaitKey(task.key), {
            rejection: { type: 'INVALID_STATE', reason: `Expected to ${TRANSITION_VERBS[task.state] ?? 'change'} user task with key '${task.key}', but it was canceled while its task listeners ran` },
          });
        }
        this.ctx.writeEvent(task.key, ValueType.USER_TASK, UserTaskIntent.CANCELING, value);
        if (this.taskListeners.hasListeners(this.nodeOf(instance), 'CANCELING')) {
          this.taskListeners.proceed(task.key);
          return true;
        }
        this.ctx.writeEvent(task.key, ValueType.USER_TASK, UserTaskIntent.CANCELED, value);
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- event subscriptions

  /**
   * Open timers and message/signal subscriptions for these catch nodes on behalf of `instance`. Everything is
   * evaluated first, so a failure leaves no half-open subscriptions behind.
   */
  openSubscriptions(instance: ElementInstance, nodes: readonly FlowNode[]): Failure | undefined {
    const planned = this.planSubscriptions(instance, nodes);
    if (isFailure(planned)) return planned;
    this.writeSubscriptions(instance, planned);
    return undefined;
  }

  /**
   * Evaluate what opening these catch nodes' subscriptions needs (due dates, message names and correlation
   * keys, signal names) in the scope of `instance`, without writing anything: migration checks a plan
   * before it changes the instance.
   */
  planSubscriptions(instance: ElementInstance, nodes: readonly FlowNode[]): PlannedSubscription[] | Failure {
    const planned: PlannedSubscription[] = [];
    for (const node of nodes) {
      if (node.timer) {
        const timer = resolveTimer(this, node, instance.key);
        if (isFailure(timer)) return timer;
        planned.push({ kind: 'timer', node, dueDate: timer.dueDate, repetitions: timer.repetitions });
      } else if (node.message && node.eventType === 'MESSAGE' || (node.type === 'RECEIVE_TASK' && node.message)) {
        const message = node.message!;
        const name = this.expressions.string(message.name, instance.key, 'message name');
        if (isFailure(name)) return name;
        const correlationKey = this.correlationKey(message.correlationKey ?? '', instance.key);
        if (isFailure(correlationKey)) return correlationKey;
        planned.push({ kind: 'message', node, name, correlationKey });
      } else if (node.signalName !== undefined && node.eventType === 'SIGNAL') {
        const name = this.expressions.string(node.signalName, instance.key, 'signal name');
        if (isFailure(name)) return name;
        planned.push({ kind: 'signal', node, name });
      } else if (node.conditional && node.eventType === 'CONDITIONAL') {
        planned.push({ kind: 'conditional', node });
      }
    }
    return planned;
  }

  /** Write the records that open planned subscriptions, for the instance's current process definition. */
  writeSubscriptions(instance: ElementInstance, planned: readonly PlannedSubscription[]): void {
    const v = instance.value;
    for (const plan of planned) {
      if (plan.kind === 'timer') {
        this.ctx.writeEvent(this.ctx.newKey(), ValueType.TIMER, TimerIntent.CREATED, {
          elementInstanceKey: instance.key,
          processInstanceKey: v.processInstanceKey,
          processDefinitionKey: v.processDefinitionKey,
          targetElementId: plan.node.id,
          dueDate: plan.dueDate,
          repetitions: plan.repetitions,
          tenantId: v.tenantId,
        });
      } else if (plan.kind === 'message') {
        // The element's side of the subscription first (CREATING); the message side opens on its command.
        const value: MessageSubscriptionValue = {
          messageName: plan.name,
          correlationKey: plan.correlationKey,
          elementInstanceKey: instance.key,
          processInstanceKey: v.processInstanceKey,
          bpmnProcessId: v.bpmnProcessId,
          elementId: plan.node.id,
          interrupting: closesOnCorrelation(plan.node),
          tenantId: v.tenantId,
          processDefinitionKey: v.processDefinitionKey,
          messageKey: NO_KEY,
          variables: {},
        };
        this.ctx.writeEvent(this.ctx.newKey(), ValueType.PROCESS_MESSAGE_SUBSCRIPTION, ProcessMessageSubscriptionIntent.CREATING, processSide(value));
        openMessageSubscription(this.ctx, value);
      } else if (plan.kind === 'conditional') {
        this.conditionals.open(instance, plan.node);
      } else {
        this.ctx.writeEvent(this.ctx.newKey(), ValueType.SIGNAL_SUBSCRIPTION, SignalSubscriptionIntent.CREATED, {
          signalName: plan.name,
          catchEventId: plan.node.id,
          catchEventInstanceKey: instance.key,
          processDefinitionKey: v.processDefinitionKey,
          bpmnProcessId: v.bpmnProcessId,
          tenantId: v.tenantId,
        });
      }
    }
  }

  private correlationKey(text: string, scopeKey: Key): string | Failure {
    const value = this.expressions.property(text, scopeKey, 'EXTRACT_VALUE_ERROR');
    if (isFailure(value)) return value;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    return failure(
      'EXTRACT_VALUE_ERROR',
      `Failed to extract the correlation key for '${text}': The value must be either a string or a number, but was '${typeName(value)}'.`,
    );
  }

  /**
   * Close every timer and subscription an element instance holds, or only the listed ones (entries as in
   * the state's subscriptionsByElement, `timer:KEY`): migration closes those of unmapped catch events.
   */
  closeSubscriptions(elementInstanceKey: Key, only?: readonly string[]): void {
    const entries = only ?? [...(this.state.subscriptionsByElement.get(elementInstanceKey) ?? [])];
    for (const entry of entries) {
      const [kind, key] = entry.split(':') as [string, Key];
      if (kind === 'timer') {
        const timer = this.state.timers.get(key);
        if (timer) this.ctx.writeEvent(key, ValueType.TIMER, TimerIntent.CANCELED, timer.value);
      } else if (kind === 'message') {
        // DELETING now; the message side deletes its half and answers, then the subscription is DELETED.
        const subscription = this.state.processMessageSubscriptions.get(key);
        if (subscription && subscription.state !== 'DELETING') {
          this.ctx.writeEvent(key, ValueType.PROCESS_MESSAGE_SUBSCRIPTION, ProcessMessageSubscriptionIntent.DELETING, { ...subscription.value });
          closeMessageSubscription(this.ctx, subscription.value);
        }
      } else if (kind === 'signal') {
        const subscription = this.state.signalSubscriptions.get(key);
        if (subscription) this.ctx.writeEvent(key, ValueType.SIGNAL_SUBSCRIPTION, SignalSubscriptionIntent.DELETED, subscription.value);
      } else if (kind === 'conditional') {
        this.conditionals.close(key);
      }
    }
  }

  // ---------------------------------------------------------------- event triggers

  /**
   * An event reached a catch node that `subscriberKey` listens for: a boundary event of it, an event
   * subprocess start in it, the catch event itself, or an event after the event-based gateway it is.
   * Returns false if the subscriber cannot take the event now.
   */
  triggerCatch(subscriberKey: Key, catchElementId: string, variables: Variables): boolean {
    const subscriber = this.state.elementInstances.get(subscriberKey);
    if (!subscriber || subscriber.state !== 'ELEMENT_ACTIVATED' || subscriber.interrupted) return false;
    const model = this.model(subscriber.value.processDefinitionKey);
    const catchNode = model.nodes.get(catchElementId);
    if (!catchNode) return false;
    const subscriberNode = this.nodeOf(subscriber);
    if (catchNode.type === 'BOUNDARY_EVENT') {
      this.triggerBoundary(subscriber, catchNode, variables);
    } else if (catchNode.type === 'START_EVENT') {
      this.triggerEventSubProcess(subscriber, catchNode, variables);
    } else if (subscriberNode.type === 'EVENT_BASED_GATEWAY') {
      this.closeSubscriptions(subscriber.key);
      this.ctx.writeEvent(subscriber.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_COMPLETING, subscriber.value);
      this.ctx.writeEvent(subscriber.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.ELEMENT_COMPLETED, subscriber.value);
      const flow = subscriberNode.outgoing.find((f) => f.targetId === catchNode.id)!;
      const scope = this.state.elementInstances.get(subscriber.value.flowScopeKey)!;
      this.ctx.writeEvent(this.ctx.newKey(), ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.SEQUENCE_FLOW_TAKEN, this.childValue(scope, { id: flow.id, type: 'SEQUENCE_FLOW', eventType: 'UNSPECIFIED' }));
      this.activateChild(scope, catchNode, { variables, triggered: true });
    } else {
      // The catch event or receive task itself.
      this.closeSubscriptions(subscriber.key);
      if (Object.keys(variables).length > 0) this.applyEventVariables(subscriber, subscriberNode, variables);
      this.completeElement(subscriber);
    }
    return true;
  }

  /** Boundary event: interrupting terminates the activity first; non-interrupting starts beside it. */
  triggerBoundary(activity: ElementInstance, boundary: FlowNode, variables: Variables): void {
    const scope = this.state.elementInstances.get(activity.value.flowScopeKey);
    if (!scope) return;
    if (boundary.interrupting) {
      this.ctx.writeEvent(this.ctx.newKey(), ValueType.PROCESS_EVENT, ProcessEventIntent.TRIGGERING, this.processEventValue(activity, boundary.id, variables));
      this.ctx.writeCommand(activity.key, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.TERMINATE_ELEMENT, activity.value);
    } else {
      this.activateChild(scope, boundary, { variables });
    }
  }

  /** Event subprocess start: interrupting terminates everything else in the scope first. */
  triggerEventSubProcess(scope: ElementInstance, start: FlowNode, variables: Variables): void {
    if (start.interrupting) {
      this.closeSubscriptions(scope.key);
      this.ctx.writeEvent(this.ctx.newKey(), ValueType.PROCESS_EVENT, ProcessEventIntent.TRIGGERING, this.processEventValue(scope, start.id, variables));
      const children = this.state.childrenOf(scope.key);
      if (children.length === 0) {
        this.defaultChildEnded(scope);
        return;
      }
      for (const childKey of children) {
        const child = this.state.elementInstances.get(childKey);
        if (child && child.state !== 'ELEMENT_TERMINATING') {
          this.ctx.writeCommand(childKey, ValueType.PROCESS_INSTANCE, ProcessInstanceIntent.TERMINATE_ELEMENT, child.value);
        }
      }
    } else {
      this.activateEventSubProcess(scope, start.id, variables);
    }
  }

  private activateEventSubProcess(scope: ElementInstance, startId: string, variables: Variables): void {
    const model = this.model(scope.value.processDefinitionKey);
    const start = model.nodes.get(startId)!;
    const eventSubProcess = model.nodes.get(start.flowScopeId!)!;
    this.activateChild(scope, eventSubProcess, { variables });
  }

  processEventValue(scope: ElementInstance, targetElementId: string, variables: Variables): Record<string, unknown> {
    return {
      scopeKey: scope.key,
      targetElementId,
      variables,
      processDefinitionKey: scope.value.processDefinitionKey,
      processInstanceKey: scope.value.processInstanceKey,
      tenantId: scope.value.tenantId,
    };
  }

  /**
   * Throw a BPMN error from `source`: the nearest boundary event or event subprocess with a matching (or no)
   * error code catches it, crossing call activities. Returns false when nothing catches it.
   */
  throwError(source: ElementInstance, errorCode: string, variables: Variables = {}): boolean {
    return this.throwToCatcher(source, 'ERROR', errorCode, variables) !== undefined;
  }

  /** Throw an escalation: whether an interrupting or non-interrupting catcher took it, or none (flow continues). */
  throwEscalation(source: ElementInstance, escalationCode: string): 'interrupting' | 'non-interrupting' | false {
    const catcher = this.throwToCatcher(source, 'ESCALATION', escalationCode, {});
    this.ctx.writeEvent(this.ctx.newKey(), ValueType.ESCALATION, catcher ? EscalationIntent.ESCALATED : EscalationIntent.NOT_ESCALATED, {
      processInstanceKey: source.value.processInstanceKey,
      escalationCode,
      throwElementId: source.value.elementId,
      catchElementId: catcher?.id ?? '',
      tenantId: source.value.tenantId,
    });
    if (!catcher) return false;
    return catcher.interrupting ? 'interrupting' : 'non-interrupting';
  }

  private throwToCatcher(source: ElementInstance, eventType: 'ERROR' | 'ESCALATION', code: string, variables: Variables): FlowNode | undefined {
    const codeOf = (node: FlowNode) => (eventType === 'ERROR' ? node.errorCode : node.escalationCode);
    let current: ElementInstance | undefined = source;
    let first = true;
    while (current) {
      const model = this.model(current.value.processDefinitionKey);
      const node = this.nodeOf(current);
      const candidates: FlowNode[] = [];
      const isInner = this.state.elementInstances.get(current.value.flowScopeKey)?.value.bpmnElementType === 'MULTI_INSTANCE_BODY';
      // An end/throw event cannot catch its own throw via boundary events (it has none); activities can.
      if (!(first && (node.type === 'END_EVENT' || node.type === 'INTERMEDIATE_THROW_EVENT')) && !isInner) {
        for (const id of node.boundaryEventIds) candidates.push(model.nodes.get(id)!);
      }
      if (current.value.bpmnElementType !== 'MULTI_INSTANCE_BODY') {
        for (const id of node.eventSubProcessStartIds) candidates.push(model.nodes.get(id)!);
      }
      const matching = candidates.filter((c) => c.eventType === eventType);
      const catcher = matching.find((c) => codeOf(c) === code) ?? matching.find((c) => !codeOf(c));
      if (catcher && current.state === 'ELEMENT_ACTIVATED') {
        if (catcher.type === 'BOUNDARY_EVENT') this.triggerBoundary(current, catcher, variables);
        else this.triggerEventSubProcess(current, catcher, variables);
        return catcher;
      }
      first = false;
      if (current.value.flowScopeKey !== NO_KEY) {
        current = this.state.elementInstances.get(current.value.flowScopeKey);
      } else if (current.value.parentElementInstanceKey !== NO_KEY) {
        current = this.state.elementInstances.get(current.value.parentElementInstanceKey);
      } else {
        current = undefined;
      }
    }
    return undefined;
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

/** The command verb of each user task transition, for messages. */
const TRANSITION_VERBS: Record<string, string> = { CREATING: 'create', ASSIGNING: 'assign', UPDATING: 'update', COMPLETING: 'complete', CANCELING: 'cancel' };

/** Headers Zeebe always writes as a JSON list, whatever form the model's value took. */
function isCandidateListHeader(key: string): boolean {
  return key === 'io.camunda.zeebe:candidateGroups' || key === 'io.camunda.zeebe:candidateUsers';
}
