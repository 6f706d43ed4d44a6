// Live state (Zeebe's MutableProcessingState): the maps appliers change, and the queries many processors
// share. The entry types live in the *-entries.ts files beside this one and are re-exported here.
import type { Key, Variables } from '../api';
import { KeyGenerator } from '../protocol';
import { CaptureMap } from './capture-map';
import { copyProperty } from '../lazy-variable-values';
import { MESSAGES_IN_SNAPSHOTS, TRIGGERS_IN_SNAPSHOTS, VARIABLES_IN_SNAPSHOTS, type StartEventTrigger } from '../snapshot/texts-in-snapshots';
import { addToKeyList, keyListSize, removeFromKeyList, type KeyList } from './key-list';
import type { ExecutableProcess } from '../model';
import type { DueEntry } from '../clock';
import type { ParsedDecisionRequirements } from '../dmn';
import type { BatchOperationEntry } from './batch-operation-entries';
import type { DecisionDefinition, DecisionRequirementsDefinition, FormDefinition, ProcessDefinition } from './definition-entries';
import type { ElementInstance, StoredVariable } from './element-instance-entries';
import type {
  CompensationSubscriptionEntry,
  ConditionalSubscriptionEntry,
  MessageEntry,
  MessageStartSubscriptionEntry,
  MessageSubscriptionEntry,
  ProcessMessageSubscriptionEntry,
  SignalSubscriptionEntry,
} from './subscription-entries';
import type { IncidentEntry, JobEntry, TimerEntry, UserTaskEntry } from './work-item-entries';
import { statePicture } from './state-picture';

export * from './batch-operation-entries';
export * from './definition-entries';
export * from './element-instance-entries';
export * from './subscription-entries';
export * from './work-item-entries';

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
  /** scope key → variables by name (values held as text go into a snapshot as text, never parsed for it). */
  readonly variables = new CaptureMap<Key, Map<string, StoredVariable>>(VARIABLES_IN_SNAPSHOTS);

  readonly jobs = new CaptureMap<Key, JobEntry>();
  /** job type → activatable job keys, in the order they became activatable. */
  readonly activatableJobs = new CaptureMap<string, Set<Key>>();

  readonly incidents = new CaptureMap<Key, IncidentEntry>();
  readonly timers = new CaptureMap<Key, TimerEntry>();
  /** A message's variables held as text go into a snapshot as text. */
  readonly messages = new CaptureMap<Key, MessageEntry>(MESSAGES_IN_SNAPSHOTS);
  /** `tenant|name|correlationKey` → buffered message keys, oldest first. */
  readonly messagesByCorrelation = new CaptureMap<string, Set<Key>>();
  /** `tenant|name|correlationKey|messageId` → message key, while buffered. */
  readonly messageIds = new CaptureMap<string, Key>();
  /** `messageKey|bpmnProcessId`: a message is correlated once per process. */
  readonly messageCorrelations = new Set<string>();
  /**
   * message key → its markers in {@link messageCorrelations}: derived, not carried (rebuilt on restore), so an
   * expiring message drops its own markers (message-correlation-markers.ts).
   */
  readonly messageCorrelationsByMessage = new Map<Key, Set<string>>();
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
  readonly startEventTriggers = new CaptureMap<Key, StartEventTrigger>(TRIGGERS_IN_SNAPSHOTS);
  /** process instance key → its compensation subscriptions, in the order they were created (Zeebe's key order). */
  readonly compensationSubscriptions = new CaptureMap<Key, CompensationSubscriptionEntry[]>();
  /** Batch operations running or suspended, by key. */
  readonly batchOperations = new CaptureMap<Key, BatchOperationEntry>();
  /** element instance key → its open timers / message / signal subscriptions (`timer:KEY`, `message:KEY`, `signal:KEY`). */
  readonly subscriptionsByElement = new CaptureMap<Key, KeyList<string>>();
  /** process definition key → how many of its process instances are live (absent: none). See live-indexes.ts. */
  readonly liveInstancesByDefinition = new CaptureMap<Key, { count: number }>();
  /** process definition key → its start events' timers and signal subscriptions (`timer:KEY`, `signal:KEY`). */
  readonly startSubscriptionsByDefinition = new CaptureMap<Key, KeyList<string>>();
  /** element instance key → keys of its open incidents (its jobs' included), oldest first. */
  readonly incidentsByElement = new CaptureMap<Key, KeyList<Key>>();
  /** `tenant\u0000signalName` → keys of the signal subscriptions a broadcast of that name reaches, oldest first. */
  readonly signalSubscriptionsByName = new CaptureMap<string, KeyList<Key>>();
  /**
   * `processInstanceKey\u0000variableName` → keys of the instance's conditional subscriptions whose condition
   * reads that variable, in key order: a variable change evaluates only these. See live-indexes.ts.
   */
  readonly conditionalSubscriptionsByVariable = new CaptureMap<string, KeyList<Key>>();
  /** process definition key → the `tenant|messageName` keys of its {@link messageStartSubscriptions}, sorted. */
  readonly messageStartNamesByDefinition = new CaptureMap<Key, string[]>();
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

  /** The latest version of a process in a tenant. */
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

  /** A given version of a process in a tenant. */
  processByVersion(bpmnProcessId: string, version: number, tenantId: string): ProcessDefinition | undefined {
    const versions = this.processVersions.get(`${tenantId}\u0000${bpmnProcessId}`) ?? [];
    for (const key of versions) {
      const definition = this.processes.get(key);
      if (definition?.version === version) return definition;
    }
    return undefined;
  }

  /** The latest version of a form in a tenant. */
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

  /** The latest version of a decision in a tenant. */
  latestDecision(decisionId: string, tenantId: string): DecisionDefinition | undefined {
    const versions = this.decisionVersions.get(`${tenantId}\u0000${decisionId}`);
    return versions && versions.length > 0 ? this.decisions.get(versions[versions.length - 1]) : undefined;
  }

  /** The latest version of a decision requirements graph in a tenant. */
  latestDecisionRequirements(id: string, tenantId: string): DecisionRequirementsDefinition | undefined {
    const versions = this.decisionRequirementsVersions.get(`${tenantId}\u0000${id}`);
    return versions && versions.length > 0 ? this.decisionRequirements.get(versions[versions.length - 1]) : undefined;
  }

  /** The keys of a scope's live child instances (a copy). */
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
          copyProperty(variable, 'value', result, name); // a big value still held as text stays text
        }
      }
      const instance = this.elementInstances.get(current);
      current = instance?.value.flowScopeKey;
    }
    return result;
  }

  /** The variables of one scope only. */
  localVariables(scopeKey: Key): Variables {
    const result: Variables = {};
    for (const [name, variable] of this.variables.get(scopeKey) ?? []) copyProperty(variable, 'value', result, name);
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

  /** Forget that an element instance holds a subscription (appliers call this). */
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
   * compiled models): the replay and snapshot tests compare two of these (see {@link statePicture}).
   */
  snapshot(): Record<string, unknown> {
    return statePicture(this);
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
