import type { ActivatedJob, CommandContext, Key, RejectionType } from '../api';
import type { JobActivator } from './job-activation';
import type { EngineRecord } from '../protocol';
import type { EngineState } from '../state';

/** A refused command: Zeebe's rejection type and an "Expected to …, but …" reason. */
export interface Rejection {
  type: RejectionType;
  reason: string;
}

/** What a completed, awaited process instance answers with. */
export interface ProcessInstanceResultValue {
  bpmnProcessId: string;
  processDefinitionKey: Key;
  processInstanceKey: Key;
  version: number;
  variables: Record<string, unknown>;
  tenantId: string;
}

/** An open job stream a new job can be pushed to. */
export interface JobStreamTarget {
  /** The stream's worker, time-out and variable filter: the job is activated for these. */
  activator: JobActivator;
  /** Push the activated job once the batch commits; if the stream is gone by then, the job is yielded back. */
  deliver(job: ActivatedJob): void;
}

/** Things that happen after the batch commits (notifications, waiting requests); never state. */
export interface SideEffects {
  /** Jobs of this type may have become activatable. */
  jobsAvailable(type: string): void;
  /** An open stream for jobs of this type and tenant (round robin among several), if any. */
  jobStreamFor(type: string, tenantId: string): JobStreamTarget | undefined;
  /** A process instance a caller may await completed (with its result) or was terminated (no result). */
  processInstanceEnded(processInstanceKey: Key, result: ProcessInstanceResultValue | undefined): void;
  /** The CREATE_WITH_AWAITING_RESULT `command` created this process instance: its caller awaits the result. */
  registerResultWaiter(processInstanceKey: Key, command: EngineRecord): void;
  /** Whether somebody awaits the result of this process instance (CreateProcessInstanceWithResult). */
  awaitsResult(processInstanceKey: Key): { fetchVariables?: string[] } | undefined;
}

/**
 * What a processor sees while processing one command: the state (read-only by convention), the engine time,
 * and writers for events (applied to state at once), follow-up commands (processed later in the same batch),
 * a rejection and a response.
 */
export interface ProcessingContext {
  readonly state: EngineState;
  readonly now: number;
  readonly command: EngineRecord;
  /** Actor of the external command this batch entry started from. */
  readonly actor: string | undefined;
  readonly sideEffects: SideEffects;
  newKey(): Key;
  writeEvent(key: Key, valueType: string, intent: string, value: Record<string, unknown>): EngineRecord;
  writeCommand(key: Key, valueType: string, intent: string, value: Record<string, unknown>): void;
  reject(type: RejectionType, reason: string): void;
  /** The answer to the external command (only the first processed command of an entry responds). */
  respond(value: unknown): void;
  /**
   * A correlate-message request of this entry that waits for a subscription's process side to take the message:
   * the follow-up that completes the correlation answers it (Zeebe keeps the request in state until then; here
   * the whole correlation happens within the entry of the request).
   */
  pendingMessageCorrelation: { messageKey: Key; value: Record<string, unknown> } | undefined;
  /** Answer the external command of this entry from one of its follow-up commands. */
  respondFromFollowUp(value: unknown): void;
  /**
   * The external command of this entry is answered later, when a later command calls {@link answerDeferred}
   * with the same `waitKey` (a user task transition waiting for its task listeners, as Zeebe keeps the request).
   */
  deferResponse(waitKey: string): void;
  /** Answer the caller that waits under `waitKey` (value or rejection), after this batch commits. */
  answerDeferred(waitKey: string, outcome: { value?: unknown; rejection?: Rejection }): void;
  /**
   * Whether `actor` (default: this entry's) holds the permission on the resource (Camunda 8.8's resource
   * authorizations, see `ProcessPermissionCheck`). True without an actor or with auth off.
   */
  permits(resourceType: 'PROCESS_DEFINITION' | 'MESSAGE', permission: string, resourceId: string, actor?: string): boolean;
  /**
   * Variables created or updated while processing the current command, and conditional subscriptions opened
   * by it: conditional events are evaluated once the command is done (Camunda 8.9's conditionals).
   */
  readonly conditionals?: ConditionalWork;
}

/** What the current command changed that conditional events may react to. */
export interface ConditionalWork {
  /** The process instance of the variable's scope too: conditional subscriptions are indexed under it. */
  variableChanges: { scopeKey: Key; processInstanceKey: Key; name: string; kind: 'create' | 'update' }[];
  /** Subscriptions opened (and already evaluated at activation) by this command. */
  opened: Set<Key>;
}

/** Processes the commands of one value type. Never throws for bad input: it rejects. */
export interface CommandProcessor {
  process(command: EngineRecord, ctx: ProcessingContext): void;
}

export type { CommandContext };
