import type { Key, Variables } from '../api';
import { KeyGenerator } from '../protocol';
import { CaptureMap } from './capture-map';
import { addToKeyList, keyListSize, removeFromKeyList, type KeyList } from './key-list';
import type { ProcessInstanceRecordValue } from '../protocol';
import type { ExecutableProcess } from '../model';
import type { DueEntry } from '../clock';
import type { ParsedDecisionRequirements } from '../dmn';

/** A deployed process definition version. */
export interface ProcessDefinition {
  key: Key;
  bpmnProcessId: string;
  version: number;
  resourceName: string;
  resource: string;
  checksum: string;
  tenantId: string;
  deploymentKey: Key;
  /** `zeebe:versionTag` of the process ('' when it has none). */
  versionTag: string;
}

/** A deployed form version. */
export interface FormDefinition {
  key: Key;
  formId: string;
  version: number;
  resourceName: string;
  resource: string;
  checksum: string;
  tenantId: string;
  deploymentKey: Key;
  /** The form JSON's `versionTag` ('' when it has none). */
  versionTag: string;
}

/** A deployed decision requirements graph (DMN resource) version. */
export interface DecisionRequirementsDefinition {
  key: Key;
  decisionRequirementsId: string;
  decisionRequirementsName: string;
  version: number;
  resourceName: string;
  resource: string;
  checksum: string;
  tenantId: string;
  deploymentKey: Key;
}

/** A deployed decision version. */
export interface DecisionDefinition {
  key: Key;
  decisionId: string;
  decisionName: string;
  version: number;
  decisionRequirementsId: string;
  decisionRequirementsKey: Key;
  tenantId: string;
  deploymentKey: Key;
  /** `zeebe:versionTag` of the decision ('' when it has none). */
  versionTag: string;
}

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

/** One item of a batch operation: the entity it acts on (a process instance, or an incident) and its instance. */
export interface BatchOperationItem {
  itemKey: Key;
  processInstanceKey: Key;
}

/** A batch operation still running or suspended (Camunda 8.8); it leaves live state when it ends. */
export interface BatchOperationEntry {
  key: Key;
  batchOperationType: string;
  state: 'ACTIVE' | 'SUSPENDED';
  items: BatchOperationItem[];
  /** Index of the first item not executed yet. */
  next: number;
  /** What each item's command needs besides its key (a migration plan, move instructions). */
  payload: Record<string, unknown>;
  /** Who created it: its chunks run as this caller. */
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

/** A job and where it is in its lifecycle. */
export interface JobEntry {
  key: Key;
  state: 'ACTIVATABLE' | 'ACTIVATED' | 'FAILED' | 'ERROR_THROWN';
  value: Record<string, unknown> & { type: string; retries: number; deadline: number; elementInstanceKey: Key };
}

export interface StoredVariable {
  key: Key;
  value: unknown;
}

export interface MessageEntry {
  key: Key;
  /** Who published it (the PUBLISHED event's actor): later correlations check this caller's permissions. */
  publishedBy?: string;
  value: {
    name: string;
    correlationKey: string;
    timeToLive: number;
    messageId: string;
    variables: Variables;
    tenantId: string;
    deadline: number;
  };
}

/** What both sides of a message subscription record: the element waiting and the message it waits for. */
// A type (not an interface) so a value can be written as a record value as it is.
export type MessageSubscriptionValue = {
  messageName: string;
  correlationKey: string;
  elementInstanceKey: Key;
  processInstanceKey: Key;
  bpmnProcessId: string;
  elementId: string;
  /** Closes on correlation (catch events, receive tasks, interrupting boundary and event subprocess starts). */
  interrupting: boolean;
  tenantId: string;
  processDefinitionKey: Key;
  /** The message correlating or last correlated; `-1` before any. */
  messageKey: Key;
  /** That message's variables. */
  variables: Variables;
};

/** The message side of a subscription (Zeebe's MessageSubscription): what a published message meets. */
export interface MessageSubscriptionEntry {
  key: Key;
  value: MessageSubscriptionValue;
  /** True from CORRELATING until the process side acknowledged (CORRELATED) or refused (REJECTED). */
  correlating?: boolean;
}

/** The process-instance side of a subscription (Zeebe's ProcessMessageSubscription): what the element holds. */
export interface ProcessMessageSubscriptionEntry {
  key: Key;
  value: MessageSubscriptionValue & { subscriptionPartitionId: number };
  /** CREATING until the message side confirmed it, DELETING once the element let go of it. */
  state: 'CREATING' | 'CREATED' | 'DELETING';
}

export interface MessageStartSubscriptionEntry {
  /** The subscription's key: every record about it (CREATED, CORRELATED, DELETED) carries it, as in Zeebe. */
  key: Key;
  processDefinitionKey: Key;
  bpmnProcessId: string;
  startEventId: string;
  messageName: string;
  tenantId: string;
}

export interface SignalSubscriptionEntry {
  key: Key;
  value: {
    signalName: string;
    catchEventId: string;
    catchEventInstanceKey: Key;
    processDefinitionKey: Key;
    bpmnProcessId: string;
    tenantId: string;
  };
}

/** Zeebe's CompensationSubscriptionRecord: a completed activity that a compensation throw event can undo. */
export type CompensationSubscriptionValue = {
  tenantId: string;
  processInstanceKey: Key;
  processDefinitionKey: Key;
  compensableActivityId: string;
  /** The flow scope the activity completed in (its subprocess, or the process). */
  compensableActivityScopeKey: Key;
  compensableActivityInstanceKey: Key;
  /** Empty for a subprocess that is compensable only through the activities inside it. */
  compensationHandlerId: string;
  /** Set when triggered: which throw event invoked the handler, and the handler's instance ('-1' for none). */
  throwEventId: string;
  throwEventInstanceKey: Key;
  compensationHandlerInstanceKey: Key;
  variables: Record<string, unknown>;
};

export interface CompensationSubscriptionEntry {
  key: Key;
  value: CompensationSubscriptionValue;
}

/** A conditional event waiting for its condition, held by the instance that evaluates it (Camunda 8.9). */
export interface ConditionalSubscriptionEntry {
  key: Key;
  value: {
    /** Where the condition is evaluated: the catch event itself, the boundary's activity, or the event subprocess's scope. */
    scopeKey: Key;
    elementInstanceKey: Key;
    processInstanceKey: Key;
    processDefinitionKey: Key;
    bpmnProcessId: string;
    catchEventId: string;
    condition: string;
    variableNames: string[];
    variableEvents: string[];
    interrupting: boolean;
    tenantId: string;
  };
}

export interface TimerEntry {
  key: Key;
  value: {
    elementInstanceKey: Key;
    processInstanceKey: Key;
    processDefinitionKey: Key;
    targetElementId: string;
    dueDate: number;
    repetitions: number;
    tenantId: string;
  };
}

export interface IncidentEntry {
  key: Key;
  value: {
    errorType: string;
    errorMessage: string;
    bpmnProcessId: string;
    processDefinitionKey: Key;
    processInstanceKey: Key;
    elementId: string;
    elementInstanceKey: Key;
    jobKey: Key;
    variableScopeKey: Key;
    tenantId: string;
  };
}

export interface UserTaskEntry {
  key: Key;
  state: 'CREATING' | 'CREATED' | 'ASSIGNING' | 'UPDATING' | 'COMPLETING' | 'CANCELING';
  value: Record<string, unknown> & { userTaskKey: Key; elementInstanceKey: Key; assignee: string };
  /**
   * While a transition waits for its task listeners: the task as the transition would leave it (the command's
   * data and the listeners' corrections so far). `value` keeps the task as it was, for a denial.
   */
  pending?: UserTaskEntry['value'];
  /** How many task listeners of the running transition completed. */
  taskListenerIndex?: number;
  /** Variables set on the task's element (SetVariables) that wait for its `updating` listeners (VARIABLE_DOCUMENT UPDATING). */
  variableDocument?: { key: Key; value: Record<string, unknown> };
}

/**
 * The engine's state: plain maps, changed only by appliers. Queries that many processors need live here as
 * methods; they never change anything.
 */
export class EngineState {
  readonly keys = new KeyGenerator();

  readonly processes = new CaptureMap<Key, ProcessDefinition>();
  /** `tenant\u0000bpmnProcessId` → definition keys, oldest version first. */
  readonly processVersions = new CaptureMap<string, Key[]>();
  readonly forms = new CaptureMap<Key, FormDefinition>();
  readonly formVersions = new CaptureMap<string, Key[]>();
  readonly decisionRequirements = new CaptureMap<Key, DecisionRequirementsDefinition>();
  readonly decisionRequirementsVersions = new CaptureMap<string, Key[]>();
  readonly decisions = new CaptureMap<Key, DecisionDefinition>();
  readonly decisionVersions = new CaptureMap<string, Key[]>();
  /** deployment key → BPMN process id → the process definition key that deployment holds. */
  readonly deployedProcesses = new CaptureMap<Key, Map<string, Key>>();
  /** deployment key → decision id → the decision key that deployment holds. */
  readonly deployedDecisions = new CaptureMap<Key, Map<string, Key>>();
  /** deployment key → form id → the form key that deployment holds. */
  readonly deployedForms = new CaptureMap<Key, Map<string, Key>>();

  readonly elementInstances = new CaptureMap<Key, ElementInstance>();
  /** flow scope key → keys of its live child instances (an array while few: see {@link KeyList}). */
  readonly children = new CaptureMap<Key, KeyList<Key>>();
  /** scope key → variables by name. */
  readonly variables = new CaptureMap<Key, Map<string, StoredVariable>>();

  readonly jobs = new CaptureMap<Key, JobEntry>();
  /** job type → activatable job keys, in the order they became activatable. */
  readonly activatableJobs = new CaptureMap<string, Set<Key>>();

  readonly incidents = new CaptureMap<Key, IncidentEntry>();
  readonly timers = new CaptureMap<Key, TimerEntry>();
  readonly messages = new CaptureMap<Key, MessageEntry>();
  /** `tenant|name|correlationKey` → buffered message keys, oldest first. */
  readonly messagesByCorrelation = new CaptureMap<string, Set<Key>>();
  /** `tenant|name|correlationKey|messageId` → message key, while buffered. */
  readonly messageIds = new CaptureMap<string, Key>();
  /** `messageKey|bpmnProcessId`: a message is correlated once per process. */
  readonly messageCorrelations = new Set<string>();
  /** The message side of subscriptions, by their key. */
  readonly messageSubscriptions = new CaptureMap<Key, MessageSubscriptionEntry>();
  /** `tenant|name|correlationKey` → message-side subscription keys. */
  readonly messageSubscriptionsByCorrelation = new CaptureMap<string, Set<Key>>();
  /** element instance key → its message-side subscription keys (commands find them by element and name). */
  readonly messageSubscriptionsByElement = new CaptureMap<Key, Set<Key>>();
  /** The process-instance side of subscriptions, by their key; listed in {@link subscriptionsByElement} too. */
  readonly processMessageSubscriptions = new CaptureMap<Key, ProcessMessageSubscriptionEntry>();
  /** `tenant|messageName` → start event subscriptions of the latest process versions. */
  readonly messageStartSubscriptions = new CaptureMap<string, MessageStartSubscriptionEntry[]>();
  readonly signalSubscriptions = new CaptureMap<Key, SignalSubscriptionEntry>();
  /** Conditional events waiting in running instances, by subscription key; listed in {@link subscriptionsByElement} too. */
  readonly conditionalSubscriptions = new CaptureMap<Key, ConditionalSubscriptionEntry>();
  /**
   * `tenant|bpmnProcessId|correlationKey` → the active instance a message start event created with that
   * correlation key: no second instance starts for the same key while it runs.
   */
  readonly activeStartCorrelations = new CaptureMap<string, Key>();
  /** process instance key → its entry in {@link activeStartCorrelations}. */
  readonly startCorrelationOfInstance = new CaptureMap<Key, { index: string; tenantId: string; bpmnProcessId: string; correlationKey: string }>();
  readonly userTasks = new CaptureMap<Key, UserTaskEntry>();
  /**
   * process instance key → the start event (message, timer, signal) that started it, while the process's start
   * listeners run (Zeebe's PROCESS_EVENT TRIGGERING with the definition as scope; TRIGGERED ends it).
   */
  readonly startEventTriggers = new CaptureMap<Key, { elementId: string; eventKey: Key; variables: Variables }>();
  /** process instance key → its compensation subscriptions, in the order they were created (Zeebe's key order). */
  readonly compensationSubscriptions = new CaptureMap<Key, CompensationSubscriptionEntry[]>();
  /** Batch operations running or suspended, by key. */
  readonly batchOperations = new CaptureMap<Key, BatchOperationEntry>();
  /** element instance key → its open timers / message / signal subscriptions (`timer:KEY`, `message:KEY`, `signal:KEY`). */
  readonly subscriptionsByElement = new CaptureMap<Key, KeyList<string>>();
  /** The last CLOCK event (PINNED or RESETTED), if any: a controlled clock resumes from it after a restart. */
  lastClock: { intent: string; time: number } | undefined;
  /**
   * Process instances in {@link elementInstances}, kept by the appliers; undefined after a restore until first
   * asked ({@link openProcessInstanceCount}), since counting means reading every value and a restore leaves
   * them encoded.
   */
  processInstanceCount: number | undefined = 0;

  // Derived, not part of the snapshot: executable models and the due-date schedule.
  /** Executable model per process definition key (compiled at deployment or after replay). */
  readonly executables = new Map<Key, ExecutableProcess>();
  /** Parsed decision requirements graphs per key (parsed at deployment or on first use after replay). */
  readonly decisionGraphs = new Map<Key, ParsedDecisionRequirements>();
  /** Receives every due date appliers record (the scheduler). */
  onDue: (entry: DueEntry) => void = () => {};

  // ----- queries -----

  /**
   * How many process instances are running. Kept as a count, not found by walking element instances: a walk
   * decodes every cold entry, and Prometheus asks every few seconds. After a restore it walks once.
   */
  openProcessInstanceCount(): number {
    if (this.processInstanceCount === undefined) {
      let count = 0;
      for (const instance of this.elementInstances.values()) if (instance.value.bpmnElementType === 'PROCESS') count++;
      this.processInstanceCount = count;
    }
    return this.processInstanceCount;
  }

  latestProcess(bpmnProcessId: string, tenantId: string): ProcessDefinition | undefined {
    const versions = this.processVersions.get(`${tenantId}\u0000${bpmnProcessId}`);
    return versions && versions.length > 0 ? this.processes.get(versions[versions.length - 1]) : undefined;
  }

  /** The latest version of a process whose `zeebe:versionTag` is `versionTag` (binding type `versionTag`). */
  latestProcessWithVersionTag(bpmnProcessId: string, versionTag: string, tenantId: string): ProcessDefinition | undefined {
    return latestWithVersionTag(this.processVersions.get(`${tenantId}\u0000${bpmnProcessId}`), this.processes, versionTag);
  }

  /**
   * The version of a process that a deployment holds (binding type `deployment`): the one it created, or the
   * unchanged one it re-deployed (a duplicate keeps the earlier version).
   */
  processInDeployment(bpmnProcessId: string, deploymentKey: Key): ProcessDefinition | undefined {
    const key = this.deployedProcesses.get(deploymentKey)?.get(bpmnProcessId);
    return key ? this.processes.get(key) : undefined;
  }

  processByVersion(bpmnProcessId: string, version: number, tenantId: string): ProcessDefinition | undefined {
    const versions = this.processVersions.get(`${tenantId}\u0000${bpmnProcessId}`) ?? [];
    for (const key of versions) {
      const definition = this.processes.get(key);
      if (definition?.version === version) return definition;
    }
    return undefined;
  }

  latestForm(formId: string, tenantId: string): FormDefinition | undefined {
    const versions = this.formVersions.get(`${tenantId}\u0000${formId}`);
    return versions && versions.length > 0 ? this.forms.get(versions[versions.length - 1]) : undefined;
  }

  /** The latest version of a form whose `versionTag` is `versionTag` (binding type `versionTag`). */
  latestFormWithVersionTag(formId: string, versionTag: string, tenantId: string): FormDefinition | undefined {
    return latestWithVersionTag(this.formVersions.get(`${tenantId}\u0000${formId}`), this.forms, versionTag);
  }

  /** The version of a form that a deployment holds (binding type `deployment`), duplicates included. */
  formInDeployment(formId: string, deploymentKey: Key): FormDefinition | undefined {
    const key = this.deployedForms.get(deploymentKey)?.get(formId);
    return key ? this.forms.get(key) : undefined;
  }

  /** The latest version of a decision whose `zeebe:versionTag` is `versionTag` (binding type `versionTag`). */
  latestDecisionWithVersionTag(decisionId: string, versionTag: string, tenantId: string): DecisionDefinition | undefined {
    return latestWithVersionTag(this.decisionVersions.get(`${tenantId}\u0000${decisionId}`), this.decisions, versionTag);
  }

  /** The version of a decision that a deployment holds (binding type `deployment`), duplicates included. */
  decisionInDeployment(decisionId: string, deploymentKey: Key): DecisionDefinition | undefined {
    const key = this.deployedDecisions.get(deploymentKey)?.get(decisionId);
    return key ? this.decisions.get(key) : undefined;
  }

  latestDecision(decisionId: string, tenantId: string): DecisionDefinition | undefined {
    const versions = this.decisionVersions.get(`${tenantId}\u0000${decisionId}`);
    return versions && versions.length > 0 ? this.decisions.get(versions[versions.length - 1]) : undefined;
  }

  latestDecisionRequirements(id: string, tenantId: string): DecisionRequirementsDefinition | undefined {
    const versions = this.decisionRequirementsVersions.get(`${tenantId}\u0000${id}`);
    return versions && versions.length > 0 ? this.decisionRequirements.get(versions[versions.length - 1]) : undefined;
  }

  childrenOf(scopeKey: Key): Key[] {
    const list = this.children.get(scopeKey);
    return list ? [...list] : [];
  }

  /** The variables visible from a scope: its own, then its flow scopes' (inner shadows outer). */
  visibleVariables(scopeKey: Key, only?: readonly string[]): Variables {
    const result: Variables = {};
    let current: Key | undefined = scopeKey;
    while (current && current !== '-1') {
      const vars = this.variables.get(current);
      if (vars) {
        for (const [name, variable] of vars) {
          if (name in result) continue;
          if (only && only.length > 0 && !only.includes(name)) continue;
          result[name] = variable.value;
        }
      }
      const instance = this.elementInstances.get(current);
      current = instance?.value.flowScopeKey;
    }
    return result;
  }

  localVariables(scopeKey: Key): Variables {
    const result: Variables = {};
    for (const [name, variable] of this.variables.get(scopeKey) ?? []) result[name] = variable.value;
    return result;
  }

  /** The nearest scope (from `scopeKey` up) that has a variable `name`, if any. */
  scopeOfVariable(scopeKey: Key, name: string): Key | undefined {
    let current: Key | undefined = scopeKey;
    while (current && current !== '-1') {
      if (this.variables.get(current)?.has(name)) return current;
      current = this.elementInstances.get(current)?.value.flowScopeKey;
    }
    return undefined;
  }

  /** Remember that an element instance holds a subscription (appliers call this). */
  addSubscription(elementInstanceKey: Key, entry: string): void {
    if (elementInstanceKey === '-1') return;
    const list = this.subscriptionsByElement.get(elementInstanceKey);
    const added = addToKeyList(list, entry);
    if (added !== list) this.subscriptionsByElement.set(elementInstanceKey, added);
  }

  removeSubscription(elementInstanceKey: Key, entry: string): void {
    const list = this.subscriptionsByElement.get(elementInstanceKey);
    if (!list) return;
    const left = removeFromKeyList(list, entry);
    if (keyListSize(left) === 0) this.subscriptionsByElement.delete(elementInstanceKey);
    else if (left !== list) this.subscriptionsByElement.set(elementInstanceKey, left);
  }

  /**
   * The process-side subscription an element holds for a message name. Subscription commands carry no
   * subscription key (Zeebe writes them with key -1): they name the element and the message.
   */
  processMessageSubscriptionOf(elementInstanceKey: Key, messageName: string): ProcessMessageSubscriptionEntry | undefined {
    for (const entry of this.subscriptionsByElement.get(elementInstanceKey) ?? []) {
      if (!entry.startsWith('message:')) continue;
      const subscription = this.processMessageSubscriptions.get(entry.slice('message:'.length));
      if (subscription?.value.messageName === messageName) return subscription;
    }
    return undefined;
  }

  /** The message-side subscription of an element for a message name (see {@link processMessageSubscriptionOf}). */
  messageSubscriptionOf(elementInstanceKey: Key, messageName: string): MessageSubscriptionEntry | undefined {
    for (const key of this.messageSubscriptionsByElement.get(elementInstanceKey) ?? []) {
      const subscription = this.messageSubscriptions.get(key);
      if (subscription?.value.messageName === messageName) return subscription;
    }
    return undefined;
  }

  /**
   * A deterministic, JSON-compatible picture of everything appliers maintain, indexes included (not the
   * compiled models): the replay and snapshot tests compare two of these. Sets keep their order, so an index
   * rebuilt in another order shows.
   */
  snapshot(): Record<string, unknown> {
    const mapToObject = (map: Map<string, unknown>): Record<string, unknown> => {
      const out: Record<string, unknown> = {};
      for (const key of [...map.keys()].sort()) {
        const value = map.get(key);
        out[key] = value instanceof Map ? mapToObject(value) : value instanceof Set ? [...value] : value;
      }
      return out;
    };
    return JSON.parse(
      JSON.stringify({
        nextKey: this.keys.peek(),
        lastClock: this.lastClock ?? null,
        processes: mapToObject(this.processes),
        formVersions: mapToObject(this.formVersions),
        decisionRequirementsVersions: mapToObject(this.decisionRequirementsVersions),
        decisionVersions: mapToObject(this.decisionVersions),
        messagesByCorrelation: mapToObject(this.messagesByCorrelation),
        messageSubscriptionsByCorrelation: mapToObject(this.messageSubscriptionsByCorrelation),
        messageSubscriptionsByElement: mapToObject(this.messageSubscriptionsByElement),
        startCorrelationOfInstance: mapToObject(this.startCorrelationOfInstance),
        subscriptionsByElement: mapToObject(this.subscriptionsByElement),
        processVersions: mapToObject(this.processVersions),
        deployedProcesses: mapToObject(this.deployedProcesses),
        deployedDecisions: mapToObject(this.deployedDecisions),
        deployedForms: mapToObject(this.deployedForms),
        forms: mapToObject(this.forms),
        decisionRequirements: mapToObject(this.decisionRequirements),
        decisions: mapToObject(this.decisions),
        elementInstances: mapToObject(this.elementInstances),
        children: mapToObject(this.children),
        variables: mapToObject(this.variables),
        jobs: mapToObject(this.jobs),
        activatableJobs: mapToObject(this.activatableJobs),
        incidents: mapToObject(this.incidents),
        timers: mapToObject(this.timers),
        messages: mapToObject(this.messages),
        messageIds: mapToObject(this.messageIds),
        messageCorrelations: [...this.messageCorrelations].sort(),
        messageSubscriptions: mapToObject(this.messageSubscriptions),
        processMessageSubscriptions: mapToObject(this.processMessageSubscriptions),
        messageStartSubscriptions: mapToObject(this.messageStartSubscriptions),
        signalSubscriptions: mapToObject(this.signalSubscriptions),
        conditionalSubscriptions: mapToObject(this.conditionalSubscriptions),
        activeStartCorrelations: mapToObject(this.activeStartCorrelations),
        userTasks: mapToObject(this.userTasks),
        batchOperations: mapToObject(this.batchOperations),
        compensationSubscriptions: mapToObject(this.compensationSubscriptions),
        startEventTriggers: mapToObject(this.startEventTriggers),
      }),
    );
  }
}

/** Walks the versions of one resource id from the newest down to the first carrying `versionTag`. */
function latestWithVersionTag<T extends { versionTag: string }>(versions: Key[] | undefined, definitions: Map<Key, T>, versionTag: string): T | undefined {
  for (let i = (versions?.length ?? 0) - 1; i >= 0; i--) {
    const definition = definitions.get(versions![i]);
    if (definition?.versionTag === versionTag) return definition;
  }
  return undefined;
}
