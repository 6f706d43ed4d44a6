// The behaviour object every element processor is handed (Zeebe's BpmnBehaviors): it owns one
// Bpmn<Concern>Behavior per concern and answers each of their operations under the same name, so element
// processors and the other behaviours call `b.raiseIncident(…)`, `b.writeJob(…)` without knowing where it lives.
import type { Key, Variables } from '../../api';
import type { ExecutableProcess, FlowNode, SequenceFlow, VariableMapping } from '../../model';
import { NO_KEY, type ProcessInstanceRecordValue } from '../../protocol';
import type { ElementInstance, ProcessDefinition } from '../../state';
import type { ProcessingContext } from '../processing-context';
import type { ElementProcessor } from './element-processor';
import { BpmnCompensationBehavior } from './compensation-behavior';
import { ExecutionListenerBehavior } from './execution-listener-behavior';
import { ExpressionBehavior } from './expression-behavior';
import { UserTaskListenerBehavior } from './user-task-listener-behavior';
import type { RuntimeInstruction } from './runtime-instruction-behavior';
import type { Failure } from './failure';
import { VariableBehavior } from './variable-behavior';
import { AdHocSubProcessBehavior } from './ad-hoc-subprocess-behavior';
import { ConditionalEventBehavior } from './conditional-event-behavior';
import { BpmnElementCommands } from './bpmn-element-commands';
import { BpmnStateTransitionBehavior } from './bpmn-state-transition-behavior';
import { BpmnElementActivationBehavior } from './bpmn-element-activation-behavior';
import { BpmnVariableMappingBehavior } from './bpmn-variable-mapping-behavior';
import { BpmnMultiInstanceBehavior } from './bpmn-multi-instance-behavior';
import { BpmnIncidentBehavior } from './bpmn-incident-behavior';
import { BpmnJobBehavior, type JobPlan } from './bpmn-job-behavior';
import { BpmnEventSubscriptionBehavior, type PlannedSubscription } from './bpmn-event-subscription-behavior';
import { BpmnEventTriggerBehavior } from './bpmn-event-trigger-behavior';

export { setPath } from './bpmn-variable-mapping-behavior';
export { closesOnCorrelation, type PlannedSubscription } from './bpmn-event-subscription-behavior';
export type { JobPlan } from './bpmn-job-behavior';

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
  /** ACTIVATE_ELEMENT, COMPLETE_ELEMENT, TERMINATE_ELEMENT. */
  readonly elementCommands: BpmnElementCommands;
  /** Activation, completion, termination and what the container does next. */
  readonly stateTransitions: BpmnStateTransitionBehavior;
  /** Sequence flows, joins, child activations, new process instances. */
  readonly elementActivation = new BpmnElementActivationBehavior(this);
  /** Input and output mappings, event variables. */
  readonly variableMappings = new BpmnVariableMappingBehavior(this);
  /** Input collections, inner instances' variables, completion conditions. */
  readonly multiInstance = new BpmnMultiInstanceBehavior(this);
  /** Creating and resolving incidents. */
  readonly incidents = new BpmnIncidentBehavior(this);
  /** Creating and canceling jobs and Camunda user tasks. */
  readonly jobs = new BpmnJobBehavior(this);
  /** Timers and message, signal and conditional subscriptions. */
  readonly eventSubscriptions = new BpmnEventSubscriptionBehavior(this);
  /** Catch events, boundary events, event subprocesses, errors and escalations. */
  readonly eventTriggers = new BpmnEventTriggerBehavior(this);
  /** What the ACTIVATE_ELEMENT command being processed carried besides the element's value. */
  activationExtras: ActivationExtras = {};
  /** Root-scope variables of process instances completing in this command, read before they are removed. */
  readonly finalVariables = new Map<Key, Variables>();

  constructor(
    readonly ctx: ProcessingContext,
    processorFor: (instanceValue: ProcessInstanceRecordValue, node: FlowNode) => ElementProcessor,
  ) {
    this.variables = new VariableBehavior(ctx);
    this.expressions = new ExpressionBehavior(ctx);
    this.executionListeners = new ExecutionListenerBehavior(this);
    this.taskListeners = new UserTaskListenerBehavior(this);
    this.compensation = new BpmnCompensationBehavior(this);
    this.adHoc = new AdHocSubProcessBehavior(this);
    this.conditionals = new ConditionalEventBehavior(this);
    this.elementCommands = new BpmnElementCommands(this, processorFor);
    this.stateTransitions = new BpmnStateTransitionBehavior(this, processorFor);
  }

  /** The live state (read only here: state changes in appliers). */
  get state() {
    return this.ctx.state;
  }

  /** The executable model of a deployed process definition. */
  model(processDefinitionKey: Key): ExecutableProcess {
    const model = this.state.executables.get(processDefinitionKey);
    if (!model) throw new Error(`No executable model for process definition ${processDefinitionKey}`);
    return model;
  }

  /** The model element an element instance runs. */
  nodeOf(instance: { value: ProcessInstanceRecordValue }): FlowNode {
    const node = this.model(instance.value.processDefinitionKey).nodes.get(instance.value.elementId);
    if (!node) throw new Error(`No element ${instance.value.elementId} in ${instance.value.bpmnProcessId}`);
    return node;
  }

  // ---------------------------------------------------------------- element commands (bpmn-element-commands.ts)

  /** ACTIVATE_ELEMENT: create the instance (ELEMENT_ACTIVATING) and run its activation. */
  activateCommand(key: Key, value: ProcessInstanceRecordValue & ActivationExtras): void {
    return this.elementCommands.activateCommand(key, value);
  }

  /** COMPLETE_ELEMENT: only an ACTIVATED element can complete. */
  completeCommand(key: Key): void {
    return this.elementCommands.completeCommand(key);
  }

  /** TERMINATE_ELEMENT: stop an element wherever it is; children go first. */
  terminateCommand(key: Key): void {
    return this.elementCommands.terminateCommand(key);
  }

  // ---------------------------------------------------------------- state transitions (bpmn-state-transition-behavior.ts)

  /** Input mappings, then the element's own activation. Re-run when an activation incident is resolved. */
  runActivation(instance: ElementInstance, extras: ActivationExtras = {}): void {
    return this.stateTransitions.runActivation(instance, extras);
  }

  /** The element's own activation, after input mappings and start listeners. */
  continueActivation(instance: ElementInstance, node: FlowNode, extras: ActivationExtras): void {
    return this.stateTransitions.continueActivation(instance, node, extras);
  }

  /** Output mappings, then ELEMENT_COMPLETED and the way out. Re-run when a completion incident is resolved. */
  runCompletion(instance: ElementInstance): void {
    return this.stateTransitions.runCompletion(instance);
  }

  /** After output mappings and end listeners: multi-instance bookkeeping, ELEMENT_COMPLETED and the way out. */
  finishCompletion(instance: ElementInstance, node: FlowNode): void {
    return this.stateTransitions.finishCompletion(instance, node);
  }

  /** Open the element's subscriptions (boundary events, event subprocesses) and write ELEMENT_ACTIVATED. */
  transitionToActivated(instance: ElementInstance, catchNodes?: FlowNode[]): Failure | undefined {
    return this.stateTransitions.transitionToActivated(instance, catchNodes);
  }

  /** Catch events an active instance listens for: attached boundary events, and event subprocess starts. */
  subscriptionNodesOf(instance: ElementInstance, node: FlowNode): FlowNode[] {
    return this.stateTransitions.subscriptionNodesOf(instance, node);
  }

  /**
   * A worker or a person finished the element's work with these variables: they become local when output
   * mappings follow (which pick from them), otherwise they merge upward from the element, as Zeebe's job and
   * user task completion do; then the element is asked to complete. Nothing happens if it is no longer active.
   */
  completeWithResult(elementInstanceKey: Key, variables: Variables): void {
    return this.stateTransitions.completeWithResult(elementInstanceKey, variables);
  }

  /** Ask for the element's completion (processed later in this batch). */
  completeElement(instance: ElementInstance): void {
    return this.stateTransitions.completeElement(instance);
  }

  /**
   * Pass straight through: ACTIVATED, COMPLETING and completion in one go (gateways, none events). `flows`
   * are the sequence flows a gateway chose; absent = all outgoing flows.
   */
  passThrough(instance: ElementInstance, flows?: SequenceFlow[]): Failure | void {
    return this.stateTransitions.passThrough(instance, flows);
  }

  /** Complete an ACTIVATED element at once, in this command: COMPLETING, then completion and what follows it. */
  completeActivated(instance: ElementInstance): void {
    return this.stateTransitions.completeActivated(instance);
  }

  /** A child of `scope` completed or was terminated: let the container decide (complete, continue, ...). */
  childEnded(scope: ElementInstance, child: ElementInstance, completed: boolean): void {
    return this.stateTransitions.childEnded(scope, child, completed);
  }

  /** Containers: complete when nothing is left inside; finish termination; start a pending event subprocess. */
  defaultChildEnded(scope: ElementInstance): void {
    return this.stateTransitions.defaultChildEnded(scope);
  }

  /**
   * ELEMENT_TERMINATED, then: the interrupting event waiting for it, or the flow scope. A process with cancel
   * listeners (8.10) first runs them, one after the other, once everything inside it is terminated.
   */
  terminated(instance: ElementInstance): void {
    return this.stateTransitions.terminated(instance);
  }

  // ---------------------------------------------------------------- flows and activations (bpmn-element-activation-behavior.ts)

  /** Take sequence flows out of a completed element: SEQUENCE_FLOW_TAKEN, then activate targets (joins wait). */
  takeFlows(source: ElementInstance, flows: readonly SequenceFlow[]): void {
    return this.elementActivation.takeFlows(source, flows);
  }

  /** Write ACTIVATE_ELEMENT for a node inside `scope`. Returns the new element instance key. */
  activateChild(scope: ElementInstance, node: FlowNode, extras: ActivationExtras = {}): Key {
    return this.elementActivation.activateChild(scope, node, extras);
  }

  /** The value of an element inside `scope`: the scope's process fields with the node's id and type. */
  childValue(scope: ElementInstance, node: Pick<FlowNode, 'id' | 'type' | 'eventType'>): ProcessInstanceRecordValue {
    return this.elementActivation.childValue(scope, node);
  }

  /** Start a new process instance of `definition` (call activities, start events, creation). */
  startProcessInstance(
    definition: ProcessDefinition,
    variables: Variables,
    options: { startElementIds?: string[]; instructed?: boolean; parent?: ElementInstance; processInstanceKey?: Key; businessId?: string; runtimeInstructions?: RuntimeInstruction[] } = {},
  ): Key {
    return this.elementActivation.startProcessInstance(definition, variables, options);
  }

  // ---------------------------------------------------------------- variable mappings (bpmn-variable-mapping-behavior.ts)

  /** Evaluate mappings in order (later ones see earlier targets); the result object has nested targets. */
  evaluateMappings(mappings: readonly VariableMapping[], scopeKey: Key): Variables | Failure {
    return this.variableMappings.evaluateMappings(mappings, scopeKey);
  }

  /** Variables delivered by an event (message, signal, job): local when output mappings follow, else merged. */
  applyEventVariables(instance: ElementInstance, node: FlowNode, variables: Variables): void {
    return this.variableMappings.applyEventVariables(instance, node, variables);
  }

  // ---------------------------------------------------------------- multi-instance (bpmn-multi-instance-behavior.ts)

  /** The input collection of a multi-instance element, evaluated in the body's scope. */
  inputCollection(body: ElementInstance, node: FlowNode): unknown[] | Failure {
    return this.multiInstance.inputCollection(body, node);
  }

  // ---------------------------------------------------------------- incidents (bpmn-incident-behavior.ts)

  /** The one place failures become incidents. The element stays where it is until the incident is resolved. */
  raiseIncident(instance: ElementInstance, failed: Failure, jobKey: Key = NO_KEY): void {
    return this.incidents.raiseIncident(instance, failed, jobKey);
  }

  /** Incidents of an element that is leaving are resolved with it. */
  resolveIncidentsOf(elementInstanceKey: Key): void {
    return this.incidents.resolveIncidentsOf(elementInstanceKey);
  }

  // ---------------------------------------------------------------- jobs (bpmn-job-behavior.ts)

  /** Evaluate what the element's job needs (type, retries) without writing anything. */
  prepareJob(instance: ElementInstance, node: FlowNode, extraHeaders: Record<string, string> = {}): JobPlan | Failure {
    return this.jobs.prepareJob(instance, node, extraHeaders);
  }

  /**
   * Write JOB CREATED for a prepared job. As Zeebe's job push: when a job stream for its type is open, the
   * job is activated for that stream in the same batch and pushed once the batch commits; otherwise polling
   * workers hear about it after the commit.
   */
  writeJob(instance: ElementInstance, plan: JobPlan): Key {
    return this.jobs.writeJob(instance, plan);
  }

  /**
   * Cancel the job (or Camunda user task) an element holds. Returns true when the task's canceling listeners
   * run first: the element's termination then waits for them.
   */
  cancelJobOf(instance: ElementInstance): boolean {
    return this.jobs.cancelJobOf(instance);
  }

  // ---------------------------------------------------------------- event subscriptions (bpmn-event-subscription-behavior.ts)

  /**
   * Open timers and message/signal subscriptions for these catch nodes on behalf of `instance`. Everything is
   * evaluated first, so a failure leaves no half-open subscriptions behind.
   */
  openSubscriptions(instance: ElementInstance, nodes: readonly FlowNode[]): Failure | undefined {
    return this.eventSubscriptions.openSubscriptions(instance, nodes);
  }

  /**
   * Evaluate what opening these catch nodes' subscriptions needs (due dates, message names and correlation
   * keys, signal names) in the scope of `instance`, without writing anything: migration checks a plan
   * before it changes the instance.
   */
  planSubscriptions(instance: ElementInstance, nodes: readonly FlowNode[]): PlannedSubscription[] | Failure {
    return this.eventSubscriptions.planSubscriptions(instance, nodes);
  }

  /** Write the records that open planned subscriptions, for the instance's current process definition. */
  writeSubscriptions(instance: ElementInstance, planned: readonly PlannedSubscription[]): void {
    return this.eventSubscriptions.writeSubscriptions(instance, planned);
  }

  /**
   * Close every timer and subscription an element instance holds, or only the listed ones (entries as in
   * the state's subscriptionsByElement, `timer:KEY`): migration closes those of unmapped catch events.
   */
  closeSubscriptions(elementInstanceKey: Key, only?: readonly string[]): void {
    return this.eventSubscriptions.closeSubscriptions(elementInstanceKey, only);
  }

  // ---------------------------------------------------------------- event triggers (bpmn-event-trigger-behavior.ts)

  /**
   * An event reached a catch node that `subscriberKey` listens for: a boundary event of it, an event
   * subprocess start in it, the catch event itself, or an event after the event-based gateway it is.
   * Returns false if the subscriber cannot take the event now.
   */
  triggerCatch(subscriberKey: Key, catchElementId: string, variables: Variables): boolean {
    return this.eventTriggers.triggerCatch(subscriberKey, catchElementId, variables);
  }

  /** Boundary event: interrupting terminates the activity first; non-interrupting starts beside it. */
  triggerBoundary(activity: ElementInstance, boundary: FlowNode, variables: Variables): void {
    return this.eventTriggers.triggerBoundary(activity, boundary, variables);
  }

  /** Event subprocess start: interrupting terminates everything else in the scope first. */
  triggerEventSubProcess(scope: ElementInstance, start: FlowNode, variables: Variables): void {
    return this.eventTriggers.triggerEventSubProcess(scope, start, variables);
  }

  /** The PROCESS_EVENT value of an event triggered in `scope` for `targetElementId`. */
  processEventValue(scope: ElementInstance, targetElementId: string, variables: Variables): Record<string, unknown> {
    return this.eventTriggers.processEventValue(scope, targetElementId, variables);
  }

  /**
   * Throw a BPMN error from `source`: the nearest boundary event or event subprocess with a matching (or no)
   * error code catches it, crossing call activities. Returns false when nothing catches it.
   */
  throwError(source: ElementInstance, errorCode: string, variables: Variables = {}): boolean {
    return this.eventTriggers.throwError(source, errorCode, variables);
  }

  /** Throw an escalation: whether an interrupting or non-interrupting catcher took it, or none (flow continues). */
  throwEscalation(source: ElementInstance, escalationCode: string): 'interrupting' | 'non-interrupting' | false {
    return this.eventTriggers.throwEscalation(source, escalationCode);
  }
}
