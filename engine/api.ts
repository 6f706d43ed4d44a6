/**
 * The engine's command surface: what the gateways (gRPC, REST) and the in-process test harness call.
 *
 * Every method that changes state resolves only after the records it produced are durably committed
 * (acknowledge after commit), and rejects with an {@link EngineRejection} carrying Zeebe's rejection type.
 * Keys are 64-bit integers written as decimal strings at this boundary; they never pass through a
 * JavaScript number.
 *
 * Ownership: the engine core owns this file. Gateways adapt to it; they never reach into state.
 */
import type { DiskSpaceStatus } from './log/disk-space-monitor';

/** A 64-bit Zeebe key (partition 1 keys start at 2^51 + 1), as a decimal string. */
export type Key = string;

/** A variables document: always a JSON object, never an array or a scalar. */
export type Variables = Record<string, unknown>;

/** The tenant every request without one belongs to (the SDK sends it literally, zeebe-node sends ""). */
export const DEFAULT_TENANT = '<default>';

/**
 * Zeebe's rejection types. The gateways map them to transport codes as Zeebe's gateway does:
 * INVALID_ARGUMENT → INVALID_ARGUMENT, NOT_FOUND → NOT_FOUND, ALREADY_EXISTS → ALREADY_EXISTS,
 * INVALID_STATE → FAILED_PRECONDITION, PROCESSING_ERROR → INTERNAL, UNAUTHORIZED → PERMISSION_DENIED,
 * FORBIDDEN → PERMISSION_DENIED (REST 403), UNIMPLEMENTED → UNIMPLEMENTED, RESOURCE_EXHAUSTED → RESOURCE_EXHAUSTED.
 */
export type RejectionType =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'INVALID_STATE'
  | 'PROCESSING_ERROR'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'UNIMPLEMENTED'
  | 'RESOURCE_EXHAUSTED';

/** A command the engine refused. `message` reads "Expected to …, but …" as Zeebe's rejections do. */
export class EngineRejection extends Error {
  constructor(
    readonly rejectionType: RejectionType,
    message: string,
  ) {
    super(message);
    this.name = 'EngineRejection';
  }
}

/** One file handed to a deployment (`.bpmn`, `.dmn`, `.form`). `name` may be an absolute path. */
export interface DeploymentResource {
  name: string;
  content: Buffer;
}

export interface DeployedProcess {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: Key;
  resourceName: string;
  tenantId: string;
}

export interface DeployedDecision {
  dmnDecisionId: string;
  dmnDecisionName: string;
  version: number;
  decisionKey: Key;
  dmnDecisionRequirementsId: string;
  decisionRequirementsKey: Key;
  tenantId: string;
}

export interface DeployedDecisionRequirements {
  dmnDecisionRequirementsId: string;
  dmnDecisionRequirementsName: string;
  version: number;
  decisionRequirementsKey: Key;
  resourceName: string;
  tenantId: string;
}

export interface DeployedForm {
  formId: string;
  version: number;
  formKey: Key;
  resourceName: string;
  tenantId: string;
}

export type DeploymentMetadata =
  | { process: DeployedProcess }
  | { decision: DeployedDecision }
  | { decisionRequirements: DeployedDecisionRequirements }
  | { form: DeployedForm };

export interface DeploymentResult {
  key: Key;
  deployments: DeploymentMetadata[];
  tenantId: string;
}

export interface CreateProcessInstanceRequest {
  /** Either a definition key or a BPMN process id (with `version`, -1 or absent = latest). */
  processDefinitionKey?: Key;
  bpmnProcessId?: string;
  version?: number;
  variables?: Variables;
  /** Start at these elements instead of the none start event. */
  startInstructions?: { elementId: string }[];
  tenantId?: string;
  operationReference?: string;
  /** Camunda 8.10: the instance's business id (a case number). */
  businessId?: string;
  /** Camunda 8.8: end the instance once one of these elements completes or is terminated. */
  runtimeInstructions?: { type?: 'TERMINATE_PROCESS_INSTANCE'; afterElementId: string }[];
}

export interface ProcessInstanceCreated {
  processDefinitionKey: Key;
  bpmnProcessId: string;
  version: number;
  processInstanceKey: Key;
  tenantId: string;
  /** Camunda 8.10: the business id given at creation, if any. */
  businessId?: string;
}

export interface ProcessInstanceResult extends ProcessInstanceCreated {
  variables: Variables;
}

export interface ActivateJobsRequest {
  type: string;
  worker: string;
  /** How long the job stays locked to this worker, in milliseconds of engine time. */
  timeoutMs: number;
  maxJobsToActivate: number;
  /** Only these variables; empty or absent = all visible variables. */
  fetchVariables?: string[];
  tenantIds?: string[];
}

export interface ActivatedJob {
  key: Key;
  type: string;
  processInstanceKey: Key;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: Key;
  elementId: string;
  elementInstanceKey: Key;
  customHeaders: Record<string, string>;
  worker: string;
  retries: number;
  /** Epoch milliseconds (engine clock) when the activation times out. */
  deadline: number;
  variables: Variables;
  tenantId: string;
  /** Zeebe's JobKind: BPMN_ELEMENT, EXECUTION_LISTENER or TASK_LISTENER. */
  kind?: string;
  /** Zeebe's JobListenerEventType: START/END, CREATING/ASSIGNING/…, or UNSPECIFIED. */
  listenerEventType?: string;
}

export interface JobStreamRequest {
  type: string;
  worker: string;
  timeoutMs: number;
  fetchVariables?: string[];
  tenantIds?: string[];
}

/** A registered push stream; `push` returns false when the job could not be delivered (it is yielded back). */
export interface JobStreamHandle {
  close(): void;
}

export interface FailJobRequest {
  jobKey: Key;
  retries: number;
  errorMessage?: string;
  retryBackOffMs?: number;
  variables?: Variables;
}

export interface ThrowErrorRequest {
  jobKey: Key;
  errorCode: string;
  errorMessage?: string;
  variables?: Variables;
}

export interface PublishMessageRequest {
  name: string;
  correlationKey: string;
  timeToLiveMs: number;
  messageId?: string;
  variables?: Variables;
  tenantId?: string;
}

/** A message to correlate now, never buffered (Camunda 8.6+ correlate-message). */
export interface CorrelateMessageRequest {
  name: string;
  correlationKey: string;
  variables?: Variables;
  tenantId?: string;
}

/** Which process instance a correlated message reached (the one it started, for a message start event). */
export interface MessageCorrelationResult {
  key: Key;
  tenantId: string;
  processInstanceKey: Key;
}

export interface SetVariablesRequest {
  /** A process instance key or any element instance key (a scope). */
  elementInstanceKey: Key;
  variables: Variables;
  /** true: set on this scope only; false: propagate to the nearest scope that has each variable. */
  local: boolean;
  operationReference?: string;
}

export interface EvaluateDecisionRequest {
  decisionKey?: Key;
  decisionId?: string;
  variables?: Variables;
  tenantId?: string;
}

export interface EvaluatedDecisionInput {
  inputId: string;
  inputName: string;
  inputValue: string;
}

export interface MatchedDecisionRule {
  ruleId: string;
  ruleIndex: number;
  evaluatedOutputs: { outputId: string; outputName: string; outputValue: string }[];
}

export interface EvaluatedDecision {
  decisionId: string;
  decisionName: string;
  decisionKey: Key;
  decisionVersion: number;
  decisionType: string;
  /** JSON text of the decision's output. */
  decisionOutput: string;
  matchedRules: MatchedDecisionRule[];
  evaluatedInputs: EvaluatedDecisionInput[];
  tenantId: string;
}

export interface DecisionEvaluationResult {
  /**
   * Key of the DECISION_EVALUATION event (EVALUATED or FAILED) the evaluation wrote: the gRPC
   * `decisionInstanceKey` and the REST `decisionEvaluationKey` (and its deprecated `decisionInstanceKey`).
   */
  decisionInstanceKey: Key;
  decisionKey: Key;
  decisionId: string;
  decisionName: string;
  decisionVersion: number;
  decisionRequirementsId: string;
  decisionRequirementsKey: Key;
  /** JSON text of the required decision's output. */
  decisionOutput: string;
  evaluatedDecisions: EvaluatedDecision[];
  failedDecisionId: string;
  failureMessage: string;
  tenantId: string;
}

export interface ModifyProcessInstanceRequest {
  processInstanceKey: Key;
  activateInstructions?: {
    elementId: string;
    /** The flow scope instance to activate in; absent or "-1" = find it, creating scopes as needed. */
    ancestorElementInstanceKey?: Key;
    variableInstructions?: { scopeId?: string; variables: Variables }[];
  }[];
  terminateInstructions?: { elementInstanceKey: Key }[];
  operationReference?: string;
}

export interface MigrateProcessInstanceRequest {
  processInstanceKey: Key;
  targetProcessDefinitionKey: Key;
  mappingInstructions: { sourceElementId: string; targetElementId: string }[];
  operationReference?: string;
}

/** A Camunda user task as it stands now (open tasks only; history is in the record stream). */
export interface UserTask {
  userTaskKey: Key;
  /** CREATED while open; ASSIGNING/UPDATING/COMPLETING/CANCELING only inside a batch. */
  state: string;
  elementId: string;
  elementInstanceKey: Key;
  processInstanceKey: Key;
  processDefinitionKey: Key;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  tenantId: string;
  /** Empty string when unassigned. */
  assignee: string;
  candidateGroups: string[];
  candidateUsers: string[];
  /** ISO-8601 date-time or empty. */
  dueDate: string;
  followUpDate: string;
  /** Key of the linked deployed form, or "-1". */
  formKey: Key;
  externalFormReference: string;
  priority: number;
  customHeaders: Record<string, string>;
  /** Engine-clock epoch milliseconds. */
  creationTimestamp: number;
}

/** What UpdateUserTask may change; absent fields stay, null clears. */
export interface UserTaskChangeset {
  dueDate?: string | null;
  followUpDate?: string | null;
  candidateGroups?: string[] | null;
  candidateUsers?: string[] | null;
  priority?: number | null;
}

/** A deployed form (Camunda Forms JSON). */
export interface FormDefinition {
  formKey: Key;
  formId: string;
  version: number;
  resourceName: string;
  /** The form's JSON text as deployed. */
  schema: string;
  tenantId: string;
}

/** A deployed decision requirements graph version (a DMN resource) with its XML. */
export interface DecisionRequirementsInfo extends DeployedDecisionRequirements {
  /** The DMN XML as deployed. */
  dmnXml: string;
}

/** A deployed process definition version. */
export interface ProcessDefinitionInfo {
  processDefinitionKey: Key;
  bpmnProcessId: string;
  version: number;
  resourceName: string;
  tenantId: string;
  /** The BPMN XML as deployed. */
  bpmnXml: string;
}

/** Zeebe's record kinds. */
export type RecordType = 'COMMAND' | 'EVENT' | 'COMMAND_REJECTION';

/** One entry of the record stream, as Zeebe exports it. */
export interface EngineRecord {
  position: number;
  key: Key;
  recordType: RecordType;
  valueType: string;
  intent: string;
  value: Record<string, unknown>;
  /** Engine-clock epoch milliseconds. */
  timestamp: number;
  /** Who caused it (a user name, a worker name) when known; the audit trail reads it. */
  actor?: string;
  rejectionType?: RejectionType;
  rejectionReason?: string;
  /** Position of the command this record follows from; -1 for commands from outside. */
  sourceRecordPosition: number;
}

/** Who issues a command; recorded on the records it causes. */
export interface CommandContext {
  actor?: string;
}

/**
 * The resource permissions the engine checks while it processes a command, as Camunda 8.8's engine does:
 * PROCESS_DEFINITION (resource id = BPMN process id) with CREATE_PROCESS_INSTANCE or UPDATE_PROCESS_INSTANCE,
 * MESSAGE (resource id = message name) with CREATE. Commands without an actor (timers, the engine's own
 * follow-ups) are not checked; with `--auth none` the engine has no check at all.
 */
export interface ProcessPermissionCheck {
  allows(actor: string, resourceType: 'PROCESS_DEFINITION' | 'MESSAGE', permission: string, resourceId: string): boolean;
}

/**
 * A call the gateways refused (no or wrong credentials, or not permitted). Recorded in the stream as an
 * AUTHORIZATION command with its UNAUTHORIZED rejection, so the auditors see refusals next to actions.
 */
export interface DeniedAttempt {
  /** Who tried (as claimed, when authentication failed); never a password. */
  actor: string;
  /** What was attempted, e.g. "POST /v2/user-tasks/2251799813685300/completion" or "gRPC DeployResource". */
  attempted: string;
  reason: string;
  kind: 'unauthenticated' | 'forbidden';
}

/** The injected engine clock. */
export interface EngineClockControl {
  now(): number;
  /** Whether the clock may be moved (`--clock controlled`); a production engine on system time is not. */
  readonly controlled: boolean;
  /** Pin the clock at an instant (Camunda's PUT /v2/clock). Only on a controlled clock. */
  pin(epochMs: number, ctx?: CommandContext): Promise<void>;
  /** Back to system time (Camunda's POST /v2/clock/reset). */
  reset(ctx?: CommandContext): Promise<void>;
  /** Move a controlled clock forward by a duration. */
  advance(ms: number): Promise<void>;
}

/**
 * The engine as the gateways see it. One writer processes commands in order; reads of the record
 * stream and the query methods see only committed state.
 */
export interface EngineApi {
  readonly clock: EngineClockControl;

  deployResources(resources: DeploymentResource[], tenantId?: string, ctx?: CommandContext): Promise<DeploymentResult>;
  deleteResource(resourceKey: Key, ctx?: CommandContext): Promise<void>;

  createProcessInstance(req: CreateProcessInstanceRequest, ctx?: CommandContext): Promise<ProcessInstanceCreated>;
  /**
   * Create and wait for completion. Resolves with the root scope variables (restricted to
   * `fetchVariables` when given). Rejects with DEADLINE_EXCEEDED-style PROCESSING_ERROR after
   * `requestTimeoutMs` of wall-clock time; the instance itself keeps running.
   */
  createProcessInstanceWithResult(
    req: CreateProcessInstanceRequest & { fetchVariables?: string[] },
    requestTimeoutMs: number,
    ctx?: CommandContext,
  ): Promise<ProcessInstanceResult>;
  cancelProcessInstance(processInstanceKey: Key, ctx?: CommandContext): Promise<void>;
  modifyProcessInstance(req: ModifyProcessInstanceRequest, ctx?: CommandContext): Promise<void>;
  migrateProcessInstance(req: MigrateProcessInstanceRequest, ctx?: CommandContext): Promise<void>;
  /**
   * Submit a command whose value type has no typed method here (Camunda 8.10 suspension and business ids,
   * batch operations): resolves with the processor's answer once committed, rejects with its rejection.
   */
  submitCommand<T = unknown>(command: { key: Key; valueType: string; intent: string; value: Record<string, unknown> }, ctx?: CommandContext): Promise<T>;

  /** Activate up to `maxJobsToActivate` activatable jobs now; never waits (the gateway long-polls). */
  activateJobs(req: ActivateJobsRequest, ctx?: CommandContext): Promise<ActivatedJob[]>;
  /** Called with a job type whenever jobs of that type may have become activatable. */
  onJobsAvailable(listener: (type: string) => void): () => void;
  /** Register a push stream: jobs of `type` are activated for it as they become activatable. */
  openJobStream(req: JobStreamRequest, push: (job: ActivatedJob) => boolean): JobStreamHandle;
  /** `result`: Camunda's job result (task listener `denied`, `deniedReason`, `corrections`). */
  completeJob(jobKey: Key, variables?: Variables, ctx?: CommandContext, result?: Record<string, unknown>): Promise<void>;
  failJob(req: FailJobRequest, ctx?: CommandContext): Promise<void>;
  throwError(req: ThrowErrorRequest, ctx?: CommandContext): Promise<void>;
  updateJobRetries(jobKey: Key, retries: number, ctx?: CommandContext): Promise<void>;
  updateJobTimeout(jobKey: Key, timeoutMs: number, ctx?: CommandContext): Promise<void>;

  publishMessage(req: PublishMessageRequest, ctx?: CommandContext): Promise<{ key: Key; tenantId: string }>;
  /**
   * Correlate a message to a waiting instance or a message start event now; rejects with NOT_FOUND when nothing
   * takes it. The message is not buffered.
   */
  correlateMessage(req: CorrelateMessageRequest, ctx?: CommandContext): Promise<MessageCorrelationResult>;
  broadcastSignal(signalName: string, variables?: Variables, tenantId?: string, ctx?: CommandContext): Promise<{ key: Key; tenantId: string }>;
  setVariables(req: SetVariablesRequest, ctx?: CommandContext): Promise<{ key: Key }>;
  resolveIncident(incidentKey: Key, ctx?: CommandContext): Promise<void>;
  evaluateDecision(req: EvaluateDecisionRequest, ctx?: CommandContext): Promise<DecisionEvaluationResult>;

  /** Assign (or, with an empty assignee, unassign) a user task. `allowOverride: false` = claim semantics. */
  assignUserTask(
    userTaskKey: Key,
    assignee: string,
    options?: { allowOverride?: boolean; action?: string },
    ctx?: CommandContext,
  ): Promise<void>;
  unassignUserTask(userTaskKey: Key, ctx?: CommandContext): Promise<void>;
  /**
   * Complete a user task; its variables are merged into the instance (as a job completion's). With
   * `asAssignee`, the engine completes it only while that user is its assignee — checked inside the command,
   * so a takeover processed just before wins (rejected FORBIDDEN otherwise).
   */
  completeUserTask(userTaskKey: Key, variables?: Variables, action?: string, ctx?: CommandContext, asAssignee?: string): Promise<void>;
  updateUserTask(userTaskKey: Key, changeset: UserTaskChangeset, action?: string, ctx?: CommandContext): Promise<void>;

  /** An open user task, or undefined (completed and canceled ones are in the record stream). */
  getUserTask(userTaskKey: Key): UserTask | undefined;
  /** Every open user task. */
  listUserTasks(): UserTask[];
  /** A deployed form by key. */
  getForm(formKey: Key): FormDefinition | undefined;
  /** A deployed process definition by key (deleted ones included while instances may use them). */
  getProcessDefinition(processDefinitionKey: Key): ProcessDefinitionInfo | undefined;
  /** A deployed decision requirements graph (DMN resource) by key, with its XML; undefined once deleted. */
  getDecisionRequirements(decisionRequirementsKey: Key): DecisionRequirementsInfo | undefined;
  /** The variables visible from a scope (element instance or process instance); undefined if no such scope. */
  getVariables(scopeKey: Key): Variables | undefined;

  /** Record a refused call (issue 4): an AUTHORIZATION command rejected with UNAUTHORIZED. */
  recordDeniedAttempt(attempt: DeniedAttempt): Promise<void>;

  /** Committed records from `fromPosition` (inclusive), at most `limit` (all when absent). */
  readRecords(fromPosition: number, limit?: number): EngineRecord[];
  /** Called after every commit with the records just committed, in order. */
  onCommitted(listener: (records: readonly EngineRecord[]) => void): () => void;
  /** Called after every commit with the batch's command count and durable-commit time (metrics). */
  onBatch(observer: (batch: { commands: number; records: readonly EngineRecord[]; commitMs: number }) => void): () => void;
  /** Whether the engine takes commands and can write its log (health checks); `detail` says why not. */
  health(): { up: boolean; detail: string };
  /** The data folder's free space against the disk watermark, when the watermark is on (health checks). */
  diskSpace?(): DiskSpaceStatus | undefined;
  /** Process instances running now (live state; called instances included). */
  openProcessInstanceCount(): number;

  /** The newest snapshot of live state on disk: its log position, when it was taken, its size in bytes. */
  snapshotStatus?(): { position: number; takenAt: string; bytes: number } | undefined;

  /** The newest snapshot of live state, if snapshots are taken (the status endpoint reports it). */
  snapshotStatus?(): { position: number; takenAt: string; bytes: number } | undefined;

  /** Stop accepting commands, finish the batch under way, close the log. */
  close(): Promise<void>;
}
