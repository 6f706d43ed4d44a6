// Keyed indexes over live work that commands look up by definition, by signal name, by element instance or by
// a variable's instance and name, kept by the appliers next to the maps they index (as Zeebe keeps column
// families such as PROCESS_INSTANCE_KEY_BY_DEFINITION_KEY), so no command walks every timer, signal, conditional
// or message start subscription, element instance or incident of 50,000 waiting cases (issue 9).
import type { Key } from '../api';
import type { ConditionalSubscriptionEntry, EngineState, IncidentEntry, MessageStartSubscriptionEntry } from './engine-state';
import { addToKeyList, keyListSize, removeFromKeyList, type KeyList } from './key-list';

/** The key of {@link EngineState.signalSubscriptionsByName}: a signal reaches subscriptions of its tenant only. */
export function signalIndexKey(tenantId: string, signalName: string): string {
  return `${tenantId}\u0000${signalName}`;
}

/** `index[indexKey]` with `entry` added, the list stored again when it was replaced. */
function addEntry<K, T>(index: Map<K, KeyList<T>>, indexKey: K, entry: T): void {
  const list = index.get(indexKey);
  const added = addToKeyList(list, entry);
  if (added !== list) index.set(indexKey, added);
}

/** `index[indexKey]` without `entry`; the index forgets an emptied list. */
function removeEntry<K, T>(index: Map<K, KeyList<T>>, indexKey: K, entry: T): void {
  const list = index.get(indexKey);
  if (!list) return;
  const left = removeFromKeyList(list, entry);
  if (keyListSize(left) === 0) index.delete(indexKey);
  else if (left !== list) index.set(indexKey, left);
}

/**
 * A process instance (an element instance without flow scope) of `definitionKey` started (`delta` 1) or ended
 * (`delta` -1): {@link EngineState.liveInstancesByDefinition} counts them; a definition without any is absent.
 */
export function countLiveInstance(state: EngineState, definitionKey: Key, delta: 1 | -1): void {
  const entry = state.liveInstancesByDefinition.get(definitionKey);
  const count = (entry?.count ?? 0) + delta;
  if (count <= 0) state.liveInstancesByDefinition.delete(definitionKey);
  // Changed in place like every state value; `get` above let a running capture copy it first.
  else if (entry) entry.count = count;
  else state.liveInstancesByDefinition.set(definitionKey, { count });
}

/** Whether any process instance of the definition is still live. */
export function hasLiveInstances(state: EngineState, definitionKey: Key): boolean {
  return state.liveInstancesByDefinition.has(definitionKey);
}

/** A start event's timer (`timer:KEY`) or signal subscription (`signal:KEY`) of a definition was created. */
export function addStartSubscription(state: EngineState, definitionKey: Key, entry: string): void {
  addEntry(state.startSubscriptionsByDefinition, definitionKey, entry);
}

/** A start event's timer or signal subscription of a definition was triggered for the last time or deleted. */
export function removeStartSubscription(state: EngineState, definitionKey: Key, entry: string): void {
  removeEntry(state.startSubscriptionsByDefinition, definitionKey, entry);
}

/** The start-event timers and signal subscriptions of a definition (a copy), in the order they were created. */
export function startSubscriptionsOf(state: EngineState, definitionKey: Key): string[] {
  const list = state.startSubscriptionsByDefinition.get(definitionKey);
  return list ? [...list] : [];
}

/** A signal subscription was created: listed under its tenant and signal name. */
export function addSignalSubscription(state: EngineState, tenantId: string, signalName: string, key: Key): void {
  addEntry(state.signalSubscriptionsByName, signalIndexKey(tenantId, signalName), key);
}

/** A signal subscription was deleted. */
export function removeSignalSubscription(state: EngineState, tenantId: string, signalName: string, key: Key): void {
  removeEntry(state.signalSubscriptionsByName, signalIndexKey(tenantId, signalName), key);
}

/** The keys of the signal subscriptions a signal reaches (a copy), in the order they were created. */
export function signalSubscriptionsNamed(state: EngineState, tenantId: string, signalName: string): Key[] {
  const list = state.signalSubscriptionsByName.get(signalIndexKey(tenantId, signalName));
  return list ? [...list] : [];
}

/** An incident was created on an element instance: listed under it, after the element's earlier incidents. */
export function addIncident(state: EngineState, elementInstanceKey: Key, incidentKey: Key): void {
  addEntry(state.incidentsByElement, elementInstanceKey, incidentKey);
}

/** An incident was resolved. */
export function removeIncident(state: EngineState, elementInstanceKey: Key, incidentKey: Key): void {
  removeEntry(state.incidentsByElement, elementInstanceKey, incidentKey);
}

/** The open incidents of an element instance (its jobs' included), oldest first, read before any changes. */
export function incidentsOf(state: EngineState, elementInstanceKey: Key): IncidentEntry[] {
  const list = state.incidentsByElement.get(elementInstanceKey);
  return list ? [...list].map((key) => state.incidents.get(key)!).filter((incident) => incident !== undefined) : [];
}

/** The key of {@link EngineState.conditionalSubscriptionsByVariable}: a variable name within one process instance. */
export function conditionalIndexKey(processInstanceKey: Key, variableName: string): string {
  return `${processInstanceKey}\u0000${variableName}`;
}

/**
 * A conditional subscription was created (or migrated to a condition reading other variables): listed under
 * each variable name its condition reads, within its process instance, after the older ones.
 */
export function addConditionalSubscription(state: EngineState, subscription: ConditionalSubscriptionEntry, names: readonly string[] = subscription.value.variableNames): void {
  for (const name of new Set(names)) addEntry(state.conditionalSubscriptionsByVariable, conditionalIndexKey(subscription.value.processInstanceKey, name), subscription.key);
}

/**
 * A migrated subscription now reads `names` too. It is older than some subscriptions already listed, so each
 * list it joins is put back in key order (creation order): a rebuilt index equals the one the appliers kept.
 */
export function addMigratedConditionalSubscription(state: EngineState, subscription: ConditionalSubscriptionEntry, names: readonly string[]): void {
  addConditionalSubscription(state, subscription, names);
  for (const name of new Set(names)) {
    const indexKey = conditionalIndexKey(subscription.value.processInstanceKey, name);
    const sorted = [...state.conditionalSubscriptionsByVariable.get(indexKey)!].sort(byKey);
    state.conditionalSubscriptionsByVariable.set(indexKey, sorted.reduce<KeyList<Key> | undefined>(addToKeyList, undefined)!);
  }
}

/** A conditional subscription was deleted (or migrated away from reading these names). */
export function removeConditionalSubscription(state: EngineState, subscription: ConditionalSubscriptionEntry, names: readonly string[] = subscription.value.variableNames): void {
  for (const name of new Set(names)) removeEntry(state.conditionalSubscriptionsByVariable, conditionalIndexKey(subscription.value.processInstanceKey, name), subscription.key);
}

/** The keys of the conditional subscriptions of a process instance whose condition reads `variableName`, oldest first. */
export function conditionalSubscriptionsReading(state: EngineState, processInstanceKey: Key, variableName: string): Iterable<Key> {
  return state.conditionalSubscriptionsByVariable.get(conditionalIndexKey(processInstanceKey, variableName)) ?? [];
}

/** `tenant|messageName`: the key of {@link EngineState.messageStartSubscriptions}. */
export function messageStartIndexKey(tenantId: string, messageName: string): string {
  return `${tenantId}|${messageName}`;
}

/**
 * A message start event subscription of a definition was created: the definition lists the `tenant|name` key
 * it is filed under. The list is sorted by that key (Zeebe keys a definition's subscriptions by message name
 * too), so it does not depend on the order history created them in and a rebuilt list equals the kept one.
 */
export function addMessageStartOfDefinition(state: EngineState, definitionKey: Key, indexKey: string): void {
  const list = state.messageStartNamesByDefinition.get(definitionKey) ?? [];
  if (!list.includes(indexKey)) state.messageStartNamesByDefinition.set(definitionKey, [...list, indexKey].sort());
}

/** The definition has no message start event subscription under `indexKey` any more. */
export function removeMessageStartOfDefinition(state: EngineState, definitionKey: Key, indexKey: string): void {
  const list = state.messageStartNamesByDefinition.get(definitionKey);
  if (!list?.includes(indexKey)) return;
  const left = list.filter((entry) => entry !== indexKey);
  if (left.length === 0) state.messageStartNamesByDefinition.delete(definitionKey);
  else state.messageStartNamesByDefinition.set(definitionKey, left);
}

/** The message start event subscriptions of a definition, by message name (sorted), as they stand in state. */
export function messageStartSubscriptionsOf(state: EngineState, definitionKey: Key): MessageStartSubscriptionEntry[] {
  const found: MessageStartSubscriptionEntry[] = [];
  for (const indexKey of state.messageStartNamesByDefinition.get(definitionKey) ?? []) {
    for (const subscription of state.messageStartSubscriptions.get(indexKey) ?? []) if (subscription.processDefinitionKey === definitionKey) found.push(subscription);
  }
  return found;
}

const byKey = (a: Key, b: Key): number => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

/**
 * Build the indexes of this file from the maps they index, in the order the appliers would have built them:
 * after restoring a snapshot written before they were carried (this decodes every element instance, timer
 * and signal subscription, once).
 */
export function rebuildLiveIndexes(state: EngineState): void {
  state.liveInstancesByDefinition.clear();
  for (const instance of state.elementInstances.values()) {
    if (instance.value.flowScopeKey === '-1') countLiveInstance(state, instance.value.processDefinitionKey, 1);
  }
  state.startSubscriptionsByDefinition.clear();
  state.signalSubscriptionsByName.clear();
  // Keys grow with every record, so sorting by key gives the order the appliers created the entries in.
  const starts: { key: Key; definitionKey: Key; entry: string }[] = [];
  for (const timer of state.timers.values()) {
    if (timer.value.elementInstanceKey === '-1') starts.push({ key: timer.key, definitionKey: timer.value.processDefinitionKey, entry: `timer:${timer.key}` });
  }
  for (const subscription of state.signalSubscriptions.values()) {
    const v = subscription.value;
    if (v.catchEventInstanceKey === '-1') starts.push({ key: subscription.key, definitionKey: v.processDefinitionKey, entry: `signal:${subscription.key}` });
    addSignalSubscription(state, v.tenantId, v.signalName, subscription.key);
  }
  state.incidentsByElement.clear();
  for (const incident of state.incidents.values()) addIncident(state, incident.value.elementInstanceKey, incident.key);
  starts.sort((a, b) => byKey(a.key, b.key));
  for (const start of starts) addStartSubscription(state, start.definitionKey, start.entry);
  // The map holds conditional subscriptions in key order (migration changes values in place).
  state.conditionalSubscriptionsByVariable.clear();
  for (const subscription of state.conditionalSubscriptions.values()) addConditionalSubscription(state, subscription);
  state.messageStartNamesByDefinition.clear();
  for (const [indexKey, list] of state.messageStartSubscriptions) {
    for (const subscription of list) addMessageStartOfDefinition(state, subscription.processDefinitionKey, indexKey);
  }
}
