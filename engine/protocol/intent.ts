/**
 * Zeebe's intents per value type. Command intents are imperative (`ACTIVATE_ELEMENT`, `COMPLETE`); event
 * intents are past or progressive (`ELEMENT_ACTIVATING`, `COMPLETED`).
 */
export const ProcessInstanceIntent = {
  CANCEL: 'CANCEL',
  ACTIVATE_ELEMENT: 'ACTIVATE_ELEMENT',
  COMPLETE_ELEMENT: 'COMPLETE_ELEMENT',
  TERMINATE_ELEMENT: 'TERMINATE_ELEMENT',
  SEQUENCE_FLOW_TAKEN: 'SEQUENCE_FLOW_TAKEN',
  ELEMENT_ACTIVATING: 'ELEMENT_ACTIVATING',
  ELEMENT_ACTIVATED: 'ELEMENT_ACTIVATED',
  ELEMENT_COMPLETING: 'ELEMENT_COMPLETING',
  ELEMENT_COMPLETED: 'ELEMENT_COMPLETED',
  ELEMENT_TERMINATING: 'ELEMENT_TERMINATING',
  ELEMENT_TERMINATED: 'ELEMENT_TERMINATED',
  ELEMENT_MIGRATED: 'ELEMENT_MIGRATED',
  /** Command: an execution listener job of the element completed; run the next listener or go on. */
  COMPLETE_EXECUTION_LISTENER: 'COMPLETE_EXECUTION_LISTENER',
} as const;

/** Zeebe's AdHocSubProcessInstructionIntent. */
export const AdHocSubProcessInstructionIntent = {
  ACTIVATE: 'ACTIVATE',
  ACTIVATED: 'ACTIVATED',
  COMPLETE: 'COMPLETE',
  COMPLETED: 'COMPLETED',
} as const;

/** Zeebe's ConditionalSubscriptionIntent. */
export const ConditionalSubscriptionIntent = {
  CREATED: 'CREATED',
  TRIGGER: 'TRIGGER',
  TRIGGERED: 'TRIGGERED',
  DELETED: 'DELETED',
  MIGRATED: 'MIGRATED',
} as const;

/** Zeebe's RuntimeInstructionIntent (8.8): a TERMINATE_PROCESS_INSTANCE instruction interrupted its instance. */
export const RuntimeInstructionIntent = { INTERRUPTED: 'INTERRUPTED' } as const;

/** Zeebe's ConditionalEvaluationIntent. */
export const ConditionalEvaluationIntent = {
  EVALUATE: 'EVALUATE',
  EVALUATED: 'EVALUATED',
} as const;

export const ProcessInstanceCreationIntent = {
  CREATE: 'CREATE',
  CREATE_WITH_AWAITING_RESULT: 'CREATE_WITH_AWAITING_RESULT',
  CREATED: 'CREATED',
} as const;

export const JobIntent = {
  CREATED: 'CREATED',
  COMPLETE: 'COMPLETE',
  COMPLETED: 'COMPLETED',
  TIME_OUT: 'TIME_OUT',
  TIMED_OUT: 'TIMED_OUT',
  FAIL: 'FAIL',
  FAILED: 'FAILED',
  UPDATE_RETRIES: 'UPDATE_RETRIES',
  RETRIES_UPDATED: 'RETRIES_UPDATED',
  UPDATE_TIMEOUT: 'UPDATE_TIMEOUT',
  TIMEOUT_UPDATED: 'TIMEOUT_UPDATED',
  CANCELED: 'CANCELED',
  THROW_ERROR: 'THROW_ERROR',
  ERROR_THROWN: 'ERROR_THROWN',
  RECUR_AFTER_BACKOFF: 'RECUR_AFTER_BACKOFF',
  RECURRED_AFTER_BACKOFF: 'RECURRED_AFTER_BACKOFF',
  YIELD: 'YIELD',
  YIELDED: 'YIELDED',
  MIGRATED: 'MIGRATED',
} as const;

export const JobBatchIntent = { ACTIVATE: 'ACTIVATE', ACTIVATED: 'ACTIVATED' } as const;
export const IncidentIntent = { CREATED: 'CREATED', RESOLVE: 'RESOLVE', RESOLVED: 'RESOLVED', MIGRATED: 'MIGRATED' } as const;
export const VariableIntent = { CREATED: 'CREATED', UPDATED: 'UPDATED', MIGRATED: 'MIGRATED' } as const;
/** UPDATING / UPDATE_DENIED: variables set on a Camunda user task wait for (and may be denied by) its `updating` listeners. */
export const VariableDocumentIntent = { UPDATE: 'UPDATE', UPDATING: 'UPDATING', UPDATED: 'UPDATED', UPDATE_DENIED: 'UPDATE_DENIED' } as const;
export const DeploymentIntent = { CREATE: 'CREATE', CREATED: 'CREATED' } as const;
export const ResourceIntent = { CREATED: 'CREATED', DELETED: 'DELETED' } as const;
export const ResourceDeletionIntent = { DELETE: 'DELETE', DELETING: 'DELETING', DELETED: 'DELETED' } as const;
/** MIGRATED: process instance migration moved the timer to another catch event (due date and key kept). */
export const TimerIntent = { CREATED: 'CREATED', TRIGGER: 'TRIGGER', TRIGGERED: 'TRIGGERED', CANCELED: 'CANCELED', MIGRATED: 'MIGRATED' } as const;
export const MessageIntent = { PUBLISH: 'PUBLISH', PUBLISHED: 'PUBLISHED', EXPIRE: 'EXPIRE', EXPIRED: 'EXPIRED' } as const;
/** Correlate-message requests (Camunda 8.6+ `POST /v2/messages/correlation`): a message that is never buffered. */
export const MessageCorrelationIntent = { CORRELATE: 'CORRELATE', CORRELATING: 'CORRELATING', CORRELATED: 'CORRELATED' } as const;
/**
 * The message side of a subscription (Zeebe keeps it on the partition of the correlation key). Commands:
 * CREATE, CORRELATE (the process side acknowledges a correlation), REJECT (the process side could not take
 * the message), DELETE, MIGRATE (the process instance was migrated). Events: CREATED, CORRELATING,
 * CORRELATED, REJECTED, DELETED, MIGRATED.
 */
export const MessageSubscriptionIntent = {
  CREATE: 'CREATE',
  CREATED: 'CREATED',
  CORRELATING: 'CORRELATING',
  CORRELATE: 'CORRELATE',
  CORRELATED: 'CORRELATED',
  REJECT: 'REJECT',
  REJECTED: 'REJECTED',
  DELETE: 'DELETE',
  DELETED: 'DELETED',
  MIGRATE: 'MIGRATE',
  MIGRATED: 'MIGRATED',
} as const;
/**
 * The process-instance side of a subscription. Events CREATING and DELETING are written by the element that
 * opens or closes it; commands CREATE, CORRELATE, DELETE come from the message side; events CREATED,
 * CORRELATED, DELETED answer them. MIGRATED: process instance migration moved it to another catch event.
 */
export const ProcessMessageSubscriptionIntent = {
  CREATING: 'CREATING',
  CREATE: 'CREATE',
  CREATED: 'CREATED',
  CORRELATE: 'CORRELATE',
  CORRELATED: 'CORRELATED',
  DELETING: 'DELETING',
  DELETE: 'DELETE',
  DELETED: 'DELETED',
  MIGRATED: 'MIGRATED',
} as const;
export const MessageStartEventSubscriptionIntent = { CREATED: 'CREATED', CORRELATED: 'CORRELATED', DELETED: 'DELETED' } as const;
export const SignalIntent = { BROADCAST: 'BROADCAST', BROADCASTED: 'BROADCASTED' } as const;
export const SignalSubscriptionIntent = { CREATED: 'CREATED', DELETED: 'DELETED', MIGRATED: 'MIGRATED' } as const;
/**
 * Zeebe's compensation subscriptions: CREATED when a compensable activity completes, TRIGGERED when a throw event
 * invokes its handler, COMPLETED when the handler completed, DELETED when the instance or its subprocess ends.
 */
export const CompensationSubscriptionIntent = { CREATED: 'CREATED', TRIGGERED: 'TRIGGERED', COMPLETED: 'COMPLETED', DELETED: 'DELETED', MIGRATED: 'MIGRATED' } as const;
export const ProcessEventIntent = { TRIGGERING: 'TRIGGERING', TRIGGERED: 'TRIGGERED' } as const;
export const ProcessInstanceResultIntent = { COMPLETED: 'COMPLETED' } as const;
export const ProcessInstanceModificationIntent = { MODIFY: 'MODIFY', MODIFIED: 'MODIFIED' } as const;
export const ProcessInstanceMigrationIntent = { MIGRATE: 'MIGRATE', MIGRATED: 'MIGRATED' } as const;
export const DecisionEvaluationIntent = { EVALUATE: 'EVALUATE', EVALUATED: 'EVALUATED', FAILED: 'FAILED' } as const;
export const EscalationIntent = { ESCALATED: 'ESCALATED', NOT_ESCALATED: 'NOT_ESCALATED' } as const;
export const UserTaskIntent = {
  CREATING: 'CREATING',
  CREATED: 'CREATED',
  ASSIGN: 'ASSIGN',
  ASSIGNING: 'ASSIGNING',
  ASSIGNED: 'ASSIGNED',
  CLAIM: 'CLAIM',
  UPDATE: 'UPDATE',
  UPDATING: 'UPDATING',
  UPDATED: 'UPDATED',
  COMPLETE: 'COMPLETE',
  COMPLETING: 'COMPLETING',
  COMPLETED: 'COMPLETED',
  CANCELING: 'CANCELING',
  CANCELED: 'CANCELED',
  MIGRATED: 'MIGRATED',
  /** Command: a task listener job completed; run the next listener or finish the transition. */
  COMPLETE_TASK_LISTENER: 'COMPLETE_TASK_LISTENER',
  /** Command: a task listener job completed with `denied`; the transition is rolled back. */
  DENY_TASK_LISTENER: 'DENY_TASK_LISTENER',
  /** A task listener's corrections were applied to the task data of the running transition. */
  CORRECTED: 'CORRECTED',
  /** A listener denied the transition: the task is CREATED again, with its data as before. */
  ASSIGNMENT_DENIED: 'ASSIGNMENT_DENIED',
  UPDATE_DENIED: 'UPDATE_DENIED',
  COMPLETION_DENIED: 'COMPLETION_DENIED',
} as const;
/**
 * Suspension of a process instance (Camunda 8.10). SUSPEND / RESUME are the commands, SUSPENDED / RESUMED
 * their events; DEFERRED parks a command that would move a suspended instance on (a job completion, a timer,
 * a message correlation): it is written again, in order, when the instance resumes.
 */
export const ProcessInstanceSuspensionIntent = {
  SUSPEND: 'SUSPEND',
  SUSPENDED: 'SUSPENDED',
  RESUME: 'RESUME',
  RESUMED: 'RESUMED',
  DEFERRED: 'DEFERRED',
} as const;
/** Late assignment of a business id to a running root process instance (Camunda 8.10). */
export const ProcessInstanceBusinessIdIntent = { ASSIGN: 'ASSIGN', ASSIGNED: 'ASSIGNED' } as const;
/**
 * Batch operations (Camunda 8.8): CREATION CREATE → CREATED holds the items; EXECUTION EXECUTE → EXECUTING
 * runs the next chunk of items (their commands carry `batchOperationReference`); LIFECYCLE_MANAGEMENT
 * cancels, suspends, resumes, and records COMPLETED after the last chunk.
 */
export const BatchOperationCreationIntent = { CREATE: 'CREATE', CREATED: 'CREATED' } as const;
export const BatchOperationExecutionIntent = { EXECUTE: 'EXECUTE', EXECUTING: 'EXECUTING' } as const;
export const BatchOperationLifecycleIntent = {
  CANCEL: 'CANCEL',
  CANCELED: 'CANCELED',
  SUSPEND: 'SUSPEND',
  SUSPENDED: 'SUSPENDED',
  RESUME: 'RESUME',
  RESUMED: 'RESUMED',
  COMPLETED: 'COMPLETED',
} as const;
export const ClockIntent = { PIN: 'PIN', PINNED: 'PINNED', RESET: 'RESET', RESETTED: 'RESETTED' } as const;

/** Zeebe's incident error types. */
export type ErrorType =
  | 'IO_MAPPING_ERROR'
  | 'CONDITION_ERROR'
  | 'EXTRACT_VALUE_ERROR'
  | 'JOB_NO_RETRIES'
  | 'EXECUTION_LISTENER_NO_RETRIES'
  | 'TASK_LISTENER_NO_RETRIES'
  | 'UNHANDLED_ERROR_EVENT'
  | 'CALLED_ELEMENT_ERROR'
  | 'CALLED_DECISION_ERROR'
  | 'DECISION_EVALUATION_ERROR'
  | 'MESSAGE_SIZE_EXCEEDED'
  | 'FORM_NOT_FOUND'
  | 'RESOURCE_NOT_FOUND'
  | 'UNKNOWN';

