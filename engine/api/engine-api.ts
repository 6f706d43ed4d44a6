// The engine as the gateways and the test harness see it: the command and query surface, and its clock.
import type { DiskSpaceStatus } from '../log/disk-space-monitor';
import type { CommandContext, DeniedAttempt } from './callers';
import type { DecisionEvaluationResult, EvaluateDecisionRequest } from './decisions';
import type { DecisionRequirementsInfo, DeploymentResource, DeploymentResult, FormDefinition, ProcessDefinitionInfo } from './deployments';
import type { ActivateJobsRequest, ActivatedJob, FailJobRequest, JobStreamHandle, JobStreamRequest, ThrowErrorRequest } from './jobs';
import type { Key, Variables } from './keys-and-variables';
import type { CorrelateMessageRequest, MessageCorrelationResult, PublishMessageRequest } from './messages';
import type { CreateProcessInstanceRequest, MigrateProcessInstanceRequest, ModifyProcessInstanceRequest, ProcessInstanceCreated, ProcessInstanceResult, SetVariablesRequest } from './process-instances';
import type { EngineRecord } from './records';
import type { UserTask, UserTaskChangeset } from './user-tasks';

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

  /** Stop accepting commands, finish the batch under way, close the log. */
  close(): Promise<void>;
}
