import type { Key } from '../api';
import type { DueEntry } from '../clock';
import { correlationIndexKey } from './appliers/message-appliers';
import type { EngineState } from './engine-state';

/**
 * The maps and sets appliers maintain that an image carries as they are. Insertion order matters (jobs become
 * activatable in order, an element's subscriptions close in order), so they are kept, not re-derived.
 */
const CARRIED = [
  'processes', 'processVersions', 'forms', 'formVersions', 'decisionRequirements', 'decisionRequirementsVersions', 'decisions',
  'decisionVersions', 'deployedProcesses', 'deployedDecisions', 'deployedForms',
  'elementInstances', 'children', 'variables', 'jobs', 'activatableJobs', 'incidents', 'timers', 'messages', 'messageIds',
  'messageCorrelations', 'messageSubscriptions', 'processMessageSubscriptions', 'messageStartSubscriptions', 'signalSubscriptions',
  'activeStartCorrelations', 'startCorrelationOfInstance', 'userTasks', 'subscriptionsByElement',
] as const satisfies readonly (keyof EngineState)[];

type CarriedField = (typeof CARRIED)[number];

/**
 * Runtime state as data: what a snapshot holds. It references the live maps, so it must be serialized before
 * the engine processes anything else. The indexes that follow from the carried maps (messages and message
 * subscriptions by correlation, subscriptions by element), the compiled models and the due-date schedule are
 * left out and rebuilt by {@link restoreStateImage}.
 */
export interface StateImage {
  nextKey: Key;
  lastClock: EngineState['lastClock'] | null;
  maps: { [F in CarriedField]: EngineState[F] };
}

/** The image of `state` as it is now (sharing its maps: serialize it at once). */
export function stateImageOf(state: EngineState): StateImage {
  const maps = {} as Record<CarriedField, unknown>;
  for (const field of CARRIED) maps[field] = state[field];
  return { nextKey: state.keys.peek(), lastClock: state.lastClock ?? null, maps: maps as StateImage['maps'] };
}

/**
 * Fill an empty state from an image and rebuild the indexes derived from it, in the order the appliers would
 * have built them (both follow the insertion order of the carried maps). Throws if the image lacks a field: a
 * snapshot written by an incompatible version must not half-restore.
 */
export function restoreStateImage(state: EngineState, image: StateImage): void {
  const problem = problemWithStateImage(image);
  if (problem) throw new Error(problem);
  for (const field of CARRIED) {
    const source = image.maps[field] as unknown;
    const target = state[field] as unknown as Map<unknown, unknown> | Set<unknown>;
    target.clear();
    if (target instanceof Map) for (const [key, value] of source as Map<unknown, unknown>) target.set(key, value);
    else for (const value of source as Set<unknown>) target.add(value);
  }
  const next = BigInt(image.nextKey);
  state.keys.observe((next - 1n).toString());
  state.lastClock = image.lastClock ?? undefined;
  rebuildIndexes(state);
}

/** Why an image cannot be restored (a field missing or of the wrong kind), or undefined if it can. */
export function problemWithStateImage(image: StateImage): string | undefined {
  if (typeof image !== 'object' || image === null || typeof image.maps !== 'object' || image.maps === null) return 'Expected a state image, but found none';
  if (typeof image.nextKey !== 'string' || !/^\d{16,20}$/.test(image.nextKey)) return `Expected the next key to be a 64-bit key, but it is '${String(image.nextKey)}'`;
  for (const field of CARRIED) {
    const source = image.maps[field] as unknown;
    const kind = field === 'messageCorrelations' ? Set : Map;
    if (!(source instanceof kind)) return `Expected the state image to hold '${field}' as a ${kind.name}, but it does not`;
  }
  return undefined;
}

function addTo(index: Map<string, Set<Key>>, indexKey: string, key: Key): void {
  let set = index.get(indexKey);
  if (!set) index.set(indexKey, (set = new Set()));
  set.add(key);
}

/** The indexes the message appliers keep next to messages and message subscriptions. */
function rebuildIndexes(state: EngineState): void {
  state.messagesByCorrelation.clear();
  for (const message of state.messages.values()) {
    const v = message.value;
    addTo(state.messagesByCorrelation, correlationIndexKey(v.tenantId, v.name, v.correlationKey), message.key);
  }
  state.messageSubscriptionsByCorrelation.clear();
  state.messageSubscriptionsByElement.clear();
  for (const subscription of state.messageSubscriptions.values()) {
    const v = subscription.value;
    addTo(state.messageSubscriptionsByCorrelation, correlationIndexKey(v.tenantId, v.messageName, v.correlationKey), subscription.key);
    addTo(state.messageSubscriptionsByElement, v.elementInstanceKey, subscription.key);
  }
}

/**
 * The due dates standing in a state: what the scheduler must hold after a restore (appliers hand them over
 * one by one during a replay). Stale ones are not needed: the scheduler re-checks every entry against state.
 */
export function dueEntriesOf(state: EngineState): DueEntry[] {
  const entries: DueEntry[] = [];
  for (const timer of state.timers.values()) entries.push({ dueAt: timer.value.dueDate, kind: 'timer', key: timer.key });
  const waitingForIncident = new Set<Key>();
  for (const incident of state.incidents.values()) if (incident.value.jobKey !== '-1') waitingForIncident.add(incident.value.jobKey);
  for (const job of state.jobs.values()) {
    if (job.state === 'ACTIVATED') entries.push({ dueAt: job.value.deadline, kind: 'job-deadline', key: job.key });
    // A job failed with retries left and a back-off waits for it; one failed into an incident waits for the incident.
    else if (job.state === 'FAILED' && job.value.retries > 0 && !waitingForIncident.has(job.key)) {
      entries.push({ dueAt: Number(job.value.recurringTime), kind: 'job-backoff', key: job.key });
    }
  }
  for (const message of state.messages.values()) entries.push({ dueAt: message.value.deadline, kind: 'message-ttl', key: message.key });
  return entries;
}
