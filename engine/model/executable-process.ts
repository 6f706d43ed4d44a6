/**
 * The executable model: what the processors need of a BPMN process, with extension elements resolved and
 * expressions kept as text (checked at deployment, evaluated by the engine's FEEL).
 */
import type { ResourceBinding } from './resource-binding';

/** Zeebe's `BpmnElementType` names. */
export type BpmnElementType =
  | 'PROCESS'
  | 'SUB_PROCESS'
  | 'EVENT_SUB_PROCESS'
  | 'START_EVENT'
  | 'INTERMEDIATE_CATCH_EVENT'
  | 'INTERMEDIATE_THROW_EVENT'
  | 'BOUNDARY_EVENT'
  | 'END_EVENT'
  | 'SERVICE_TASK'
  | 'RECEIVE_TASK'
  | 'USER_TASK'
  | 'MANUAL_TASK'
  | 'TASK'
  | 'SCRIPT_TASK'
  | 'SEND_TASK'
  | 'BUSINESS_RULE_TASK'
  | 'CALL_ACTIVITY'
  | 'EXCLUSIVE_GATEWAY'
  | 'PARALLEL_GATEWAY'
  | 'INCLUSIVE_GATEWAY'
  | 'EVENT_BASED_GATEWAY'
  | 'MULTI_INSTANCE_BODY'
  | 'AD_HOC_SUB_PROCESS'
  | 'AD_HOC_SUB_PROCESS_INNER_INSTANCE'
  | 'SEQUENCE_FLOW';

/** Zeebe's `BpmnEventType` names. */
export type BpmnEventType =
  | 'UNSPECIFIED'
  | 'NONE'
  | 'TIMER'
  | 'MESSAGE'
  | 'ERROR'
  | 'SIGNAL'
  | 'ESCALATION'
  | 'TERMINATE'
  | 'LINK'
  | 'COMPENSATION'
  | 'CONDITIONAL';

/** A variable mapping: `source` is an expression (or static text), `target` a variable name or path. */
export interface VariableMapping {
  source: string;
  target: string;
}

export interface SequenceFlow {
  id: string;
  sourceId: string;
  targetId: string;
  /** FEEL condition (with leading '='), if any. */
  condition?: string;
}

export interface TimerDefinition {
  kind: 'date' | 'duration' | 'cycle';
  expression: string;
}

export interface MessageDefinition {
  /** Message name (static or '=expr'). */
  name: string;
  /** Correlation key expression (absent on message start events). */
  correlationKey?: string;
}

export interface JobDefinition {
  /** Job type (static or '=expr'). */
  type: string;
  /** Retries (static or '=expr'); Zeebe's default is 3. */
  retries: string;
  headers: Record<string, string>;
}

export interface UserTaskDefinition {
  /** true: a Camunda user task (`zeebe:userTask`); false: a job-based user task. */
  native: boolean;
  assignee?: string;
  candidateGroups?: string;
  candidateUsers?: string;
  dueDate?: string;
  followUpDate?: string;
  priority?: string;
  formId?: string;
  /** Which version of the `formId` form the task links (set with `formId`). */
  formBinding?: ResourceBinding;
  /** Legacy embedded form key or a custom form key (`zeebe:formDefinition formKey`). */
  formKey?: string;
  externalReference?: string;
}

export interface LoopDefinition {
  sequential: boolean;
  inputCollection?: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
}

/**
 * An ad-hoc subprocess (`bpmn:adHocSubProcess` with `zeebe:adHoc`). Expressions are kept as text ('=expr').
 * Its activities (inner elements without incoming flows) run each in their own inner instance
 * (`innerInstanceId`, Zeebe's AD_HOC_SUB_PROCESS_INNER_INSTANCE).
 */
export interface AdHocDefinition {
  activeElementsCollection?: string;
  completionCondition?: string;
  /** BPMN's `cancelRemainingInstances` (default true): terminate what still runs once the condition holds. */
  cancelRemainingInstances: boolean;
  outputCollection?: string;
  outputElement?: string;
  /** Ids of the elements that may be activated (no incoming flows; not start, end or boundary events). */
  activityIds: string[];
  /** Id of the synthetic inner-instance node, `<id>#innerInstance`. */
  innerInstanceId: string;
  /** Implemented by a job worker (the element has a `zeebe:taskDefinition`) instead of by the engine. */
  jobWorker: boolean;
}

/**
 * A conditional event (Camunda 8.9): its FEEL condition, the variables whose changes re-evaluate it (derived
 * from the condition, or `zeebe:conditionalFilter variableNames`) and the change kinds that do (empty: all).
 */
export interface ConditionalDefinition {
  condition: string;
  variableNames: string[];
  variableEvents: ('create' | 'update')[];
}

/** `zeebe:calledElement`: which process version is called comes from the binding. */
export interface CalledElementDefinition extends ResourceBinding {
  processId: string;
  propagateAllChildVariables: boolean;
  propagateAllParentVariables: boolean;
}

/** `zeebe:calledDecision`: which decision version is evaluated comes from the binding. */
export interface CalledDecisionDefinition extends ResourceBinding {
  decisionId: string;
  resultVariable: string;
}

/** One listener of an element: a job of `type` with `retries` (static or '=expr'), run at `eventType`. */
export interface ListenerDefinition {
  eventType: string;
  type: string;
  retries: string;
  /** The listener's own task headers (execution listeners); they win over the element's. */
  headers: Record<string, string>;
}

/** Zeebe's execution listener event types (`cancel`: Camunda 8.10, on the process only). */
export type ExecutionListenerEventType = 'start' | 'end' | 'cancel';

/** Zeebe's user task listener event types (8.8 names; the deprecated 8.6 names are read as these). */
export type TaskListenerEventType = 'creating' | 'assigning' | 'updating' | 'completing' | 'canceling';

/** One flow node (or the process itself) of an executable process. */
export interface FlowNode {
  id: string;
  name?: string;
  type: BpmnElementType;
  eventType: BpmnEventType;
  /** The id of the enclosing process, subprocess or event subprocess (absent for the process). */
  flowScopeId?: string;
  incoming: string[];
  outgoing: SequenceFlow[];
  defaultFlowId?: string;
  inputs: VariableMapping[];
  outputs: VariableMapping[];
  /** `zeebe:executionListeners`, in model order per event type (absent: none). */
  executionListeners?: Record<ExecutionListenerEventType, ListenerDefinition[]>;
  /** `zeebe:taskListeners` of a Camunda user task, in model order per event type (absent: none). */
  taskListeners?: Partial<Record<TaskListenerEventType, ListenerDefinition[]>>;

  // Containers (process, subprocess, event subprocess)
  children: string[];
  /** The none start event (or the event subprocess's start event). */
  noneStartId?: string;
  /** Start events of event subprocesses directly inside this container. */
  eventSubProcessStartIds: string[];

  // Activities
  boundaryEventIds: string[];
  job?: JobDefinition;
  userTask?: UserTaskDefinition;
  script?: { expression: string; resultVariable: string };
  calledDecision?: CalledDecisionDefinition;
  calledElement?: CalledElementDefinition;
  loop?: LoopDefinition;
  /** Ad-hoc subprocesses only. */
  adHoc?: AdHocDefinition;
  /** `bpmn:documentation` text (ad-hoc activities describe themselves to job workers with it). */
  documentation?: string;
  /** `zeebe:properties` (ad-hoc activities hand them to job workers). */
  properties?: Record<string, string>;

  // Events
  attachedToId?: string;
  /** Boundary events and event subprocess start events: interrupting or not. */
  interrupting: boolean;
  timer?: TimerDefinition;
  message?: MessageDefinition;
  signalName?: string;
  /** Error event code; absent on a catch event = catch all errors. */
  errorCode?: string;
  escalationCode?: string;
  linkName?: string;

  // Compensation (see compensation.ts)
  /** Compensation throw events (intermediate or end): the activity to compensate, if `activityRef` names one. */
  compensation?: CompensationThrowDefinition;
  /** Activities with `isForCompensation`: a compensation handler, started only by compensation. */
  isForCompensation?: boolean;
  /** Compensation boundary events: the handler their association points at. */
  compensationHandlerId?: string;
  /** Conditional events (start, intermediate catch, boundary). */
  conditional?: ConditionalDefinition;
}

/** A compensation intermediate throw or end event: all completed activities of its scope, or one. */
export interface CompensationThrowDefinition {
  activityRef?: string;
}

/** An executable process: one per process definition key. */
export interface ExecutableProcess {
  bpmnProcessId: string;
  name?: string;
  /** `zeebe:versionTag` of the process, if any. */
  versionTag?: string;
  nodes: Map<string, FlowNode>;
  flows: Map<string, SequenceFlow>;
  /** The process node itself (type PROCESS). */
  process: FlowNode;
  /** Start events that begin a new instance on their own (timer, message, signal start events at top level). */
  startEventIds: string[];
}
