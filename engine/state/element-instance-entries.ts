// Element instances in live state (Zeebe's ElementInstanceState and VariableState): the instances, what
// they wait to activate, the commands a suspension parks, and the variables of each scope.
import type { Key, Variables } from '../api';
import type { ProcessInstanceRecordValue } from '../protocol';

/** An event that will be activated once its scope is ready (interrupting boundary or event subprocess). */
export interface PendingTrigger {
  elementId: string;
  variables: Variables;
  eventKey: Key;
}

/** A command parked while its process instance is suspended; written again when the instance resumes. */
export interface DeferredCommand {
  key: Key;
  valueType: string;
  intent: string;
  value: Record<string, unknown>;
  actor?: string;
}

/** A live element instance (flow node, process, multi-instance body). */
export interface ElementInstance {
  key: Key;
  state: string;
  value: ProcessInstanceRecordValue;
  /** Element instances whose flow scope is this one and that have not ended yet. */
  activeChildren: number;
  /** Sequence flows taken inside this scope whose target is not activated yet, per flow id. */
  takenFlows: Record<string, number>;
  jobKey?: Key;
  userTaskKey?: Key;
  calledChildInstanceKey?: Key;
  pendingTrigger?: PendingTrigger;
  /** An interrupting event subprocess is running in this scope: nothing else may start. */
  interrupted?: boolean;
  /** Multi-instance body: inner instances started/completed, and the collected output. */
  multiInstance?: { total: number; started: number; completed: number };
  /** Ad-hoc subprocess: a job worker (or the engine) declared its completion condition fulfilled. */
  completionConditionFulfilled?: boolean;
  /** Inner instance of a multi-instance body: its 1-based loop counter. */
  loopCounter?: number;
  /** How many execution listeners of the running event type (start while activating, end while completing) completed. */
  executionListenerIndex?: number;
  /** Process element only: the instance is suspended (Camunda 8.10); the commands parked meanwhile, in order. */
  suspension?: { deferred: DeferredCommand[] };
}

/** A variable in a scope: its key and its value. */
export interface StoredVariable {
  key: Key;
  value: unknown;
}
