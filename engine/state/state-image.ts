import { deserialize } from 'node:v8';
import { gunzipSync } from 'node:zlib';
import type { Key } from '../api';
import type { DueEntry } from '../clock';
import { correlationIndexKey } from './appliers/message-appliers';
import type { EngineState } from './engine-state';
import type { CaptureMap } from './capture-map';
import { coldChunkKeys, type ColdChunk } from './cold-chunk';
import { ADDED_LATER, CARRIED, jobDueOfSummary, jobDueSummary, REBUILT_WHEN_ABSENT, SUMMARIES, type CapturedChunk, type CapturedState, type CarriedField } from './state-capture';
import { StringPool } from './string-pool';
import { incidentsOf, rebuildLiveIndexes } from './live-indexes';
import { rebuildCorrelationsByMessage } from './message-correlation-markers';

/** A captured map ready to go into state: decoded entries (format 1), or keys with their values left cold (format 2). */
type DecodedMap =
  | { kind: 'entries'; entries: [unknown, unknown][] }
  | { kind: 'cold'; keys: unknown[]; chunkOf: Uint32Array; chunks: ColdChunk[]; summary: Float64Array | undefined };

/** A captured state decoded back into maps, checked whole before anything in the engine's state changes. */
interface DecodedState {
  nextKey: bigint;
  lastClock: EngineState['lastClock'];
  messageCorrelations: string[];
  maps: Map<CarriedField, DecodedMap>;
  /** Some of the indexes in {@link REBUILT_WHEN_ABSENT} were not in the snapshot: rebuild them all. */
  rebuildIndexes: boolean;
}

/** Decode and check a captured state; throws with the reason if it is incomplete or malformed. */
function decode(captured: CapturedState): DecodedState {
  if (typeof captured !== 'object' || captured === null || typeof captured.maps !== 'object' || captured.maps === null) {
    throw new Error('Expected a captured state, but found none');
  }
  if (typeof captured.nextKey !== 'string' || !/^\d{16,20}$/.test(captured.nextKey)) {
    throw new Error(`Expected the next key to be a 64-bit key, but it is '${String(captured.nextKey)}'`);
  }
  const messageCorrelations = deserialize(captured.messageCorrelations) as unknown;
  if (!Array.isArray(messageCorrelations)) throw new Error("Expected 'messageCorrelations' to be a list");
  const maps = new Map<CarriedField, DecodedMap>();
  let rebuildIndexes = false;
  for (const field of CARRIED) {
    const map = captured.maps[field];
    if (!map && REBUILT_WHEN_ABSENT.has(field)) {
      rebuildIndexes = true;
      continue;
    }
    if (!map && ADDED_LATER.has(field)) {
      maps.set(field, { kind: 'entries', entries: [] });
      continue;
    }
    if (!map || !Array.isArray(map.chunks) || !(map.order === undefined || map.order instanceof Uint8Array)) {
      throw new Error(`Expected the snapshot to hold '${field}', but it does not`);
    }
    const order = map.order && (deserialize(gunzipSync(map.order)) as unknown[]);
    if (order !== undefined && !Array.isArray(order)) throw new Error(`Expected the key order of '${field}' to be a list`);
    const chunks = map.chunks as unknown[];
    if (chunks.length > 0 && chunks[0] instanceof Uint8Array) {
      if (!order) throw new Error(`Expected the snapshot to hold the key order of '${field}', but it does not`);
      maps.set(field, decodeEntries(field, order, chunks as Uint8Array[]));
    } else maps.set(field, decodeCold(field, order, chunks as CapturedChunk[]));
  }
  return { nextKey: BigInt(captured.nextKey), lastClock: captured.lastClock ?? undefined, messageCorrelations: messageCorrelations as string[], maps, rebuildIndexes };
}

/**
 * A format 2 map: the keys of every chunk, in the map's order; values stay encoded. Usually the chunks hold the
 * keys in order and the file holds no separate order; when a capture's guards copied entries early (chunks of
 * their own, out of order), the file holds the order and each key is matched to its chunk.
 */
function decodeCold(field: CarriedField, order: unknown[] | undefined, captured: CapturedChunk[]): DecodedMap {
  const chunks: ColdChunk[] = [];
  const keysOf: unknown[][] = [];
  // Summaries are a shortcut: a file without them for a field restores the same, only decoding more.
  const summarized = SUMMARIES[field] !== undefined && captured.every((chunk) => chunk?.summary instanceof Uint8Array);
  const summariesOf: number[][] = [];
  let total = 0;
  // Indexed loops here and below: a restart runs this code once, mostly unoptimized, where every
  // `entries()` iteration allocates its [index, value] pair (hundreds of thousands of keys at 50,000 cases).
  for (let index = 0; index < captured.length; index++) {
    const chunk = captured[index];
    if (!(chunk?.entries instanceof Uint8Array) || !(chunk.keys instanceof Uint8Array) || !Number.isSafeInteger(chunk.size)) {
      throw new Error(`Expected chunk ${index} of '${field}' to hold entries, keys and a size`);
    }
    const all = coldChunkKeys(chunk);
    if (all.length !== chunk.size) throw new Error(`Expected chunk ${index} of '${field}' to hold ${chunk.size} keys, but it holds ${all.length}`);
    const skipped = skipOf(field, index, chunk);
    const keys = skipped ? all.filter((_, i) => !skipped.has(i)) : all;
    // The decoded keys stay with the chunk (see ColdChunk.keyList); below they are made the very strings the map holds.
    chunks.push({ entries: chunk.entries, keys: chunk.keys, size: chunk.size, cold: keys.length, summary: chunk.summary, keyList: all });
    keysOf.push(keys);
    total += keys.length;
    if (!summarized) continue;
    const numbers = chunk.summary && (deserialize(chunk.summary) as unknown);
    if (!Array.isArray(numbers) || numbers.length !== all.length) throw new Error(`Expected chunk ${index} of '${field}' to hold ${all.length} summary numbers`);
    summariesOf.push(skipped ? (numbers as number[]).filter((_, i) => !skipped.has(i)) : (numbers as number[]));
  }
  const chunkOf = new Uint32Array(total);
  const summary = summarized ? new Float64Array(total) : undefined;
  const strings = new StringPool();
  if (!order) {
    const keys: unknown[] = new Array(total);
    let at = 0;
    for (let index = 0; index < keysOf.length; index++) {
      const chunkKeys = keysOf[index];
      for (let i = 0; i < chunkKeys.length; i++) {
        chunkOf[at] = index;
        if (summary) summary[at] = summariesOf[index][i];
        keys[at++] = chunkKeys[i] = strings.pool(chunkKeys[i]);
      }
    }
    return { kind: 'cold', keys, chunkOf, chunks, summary };
  }
  if (total !== order.length) throw new Error(`Expected '${field}' to hold ${order.length} entries, but ${total} were captured`);
  const pooled = order.map((key) => strings.pool(key));
  const positions = new Map<unknown, number>();
  for (let index = 0; index < pooled.length; index++) positions.set(pooled[index], index);
  const seen = new Uint8Array(order.length);
  for (let index = 0; index < keysOf.length; index++) {
    const keys = keysOf[index];
    for (let i = 0; i < keys.length; i++) {
      const position = positions.get(keys[i]);
      if (position === undefined || seen[position]) throw new Error(`Expected '${field}' to hold each of its ${order.length} keys once, but a chunk holds another`);
      seen[position] = 1;
      chunkOf[position] = index;
      keys[i] = pooled[position];
      if (summary) summary[position] = summariesOf[index][i];
    }
  }
  return { kind: 'cold', keys: pooled, chunkOf, chunks, summary };
}

/** The positions a chunk's skip list names (format 3), checked; undefined when it has none. */
function skipOf(field: CarriedField, index: number, chunk: CapturedChunk): Set<number> | undefined {
  if (chunk.skip === undefined) return undefined;
  const skip = chunk.skip instanceof Uint8Array ? (deserialize(chunk.skip) as unknown) : undefined;
  const valid = Array.isArray(skip) && skip.every((at, i) => Number.isInteger(at) && at >= 0 && at < chunk.size && (i === 0 || at > (skip[i - 1] as number)));
  if (!valid) throw new Error(`Expected the skip list of chunk ${index} of '${field}' to hold ascending positions below ${chunk.size}`);
  return new Set(skip as number[]);
}

/** A format 1 map: every chunk decoded, in the captured order. */
function decodeEntries(field: CarriedField, order: unknown[], chunks: Uint8Array[]): DecodedMap {
  const strings = new StringPool();
  const entries: [unknown, unknown][] = [];
  for (const chunk of chunks) {
    const decoded = deserialize(gunzipSync(chunk)) as [unknown, unknown][];
    // Pooled right away, while the copies are young: they die in the next scavenge instead of being promoted.
    for (const entry of decoded) entries.push(strings.pool(entry));
  }
  // Usually the slices copied everything in order; entries the guards copied early come out of order.
  if (entriesInOrder(entries, order)) return { kind: 'entries', entries };
  const values = new Map(entries);
  if (values.size !== order.length || !order.every((key) => values.has(key))) {
    throw new Error(`Expected '${field}' to hold ${order.length} entries, but ${values.size} were captured`);
  }
  return { kind: 'entries', entries: order.map((key) => [strings.pool(key), values.get(key)]) };
}

function entriesInOrder(entries: [unknown, unknown][], order: unknown[]): boolean {
  if (entries.length !== order.length) return false;
  for (let i = 0; i < entries.length; i++) if (entries[i][0] !== order[i]) return false;
  return true;
}

/**
 * Fill an empty state from a captured one, in the captured insertion order, and rebuild the indexes derived
 * from it in the order the appliers would have built them. Everything is checked first, so a bad snapshot
 * throws before the state is touched. A format 2 snapshot's values stay encoded until first used ({@link ColdChunk}).
 */
export function restoreCapturedState(state: EngineState, captured: CapturedState): void {
  const decoded = decode(captured);
  try {
    for (const [field, map] of decoded.maps) {
      const target = state[field] as CaptureMap<unknown, unknown>;
      if (map.kind === 'cold') {
        target.restoreCold(map.keys, map.chunkOf, map.chunks, map.summary);
        // Checked here rather than with a Set beforehand: the map is the one set of keys built anyway.
        if (target.size !== map.keys.length) throw new Error(`Expected the keys of '${field}' to be distinct, but some repeat`);
        continue;
      }
      target.clear();
      for (const [key, value] of map.entries) target.set(key, value);
    }
  } catch (error) {
    // The engine then tries an older snapshot or replays from position 1: it must find the state empty.
    for (const field of CARRIED) (state[field] as CaptureMap<unknown, unknown>).clear();
    throw error;
  }
  // A snapshot from before the indexes were carried: build them from what they index (decoding all of it).
  if (decoded.rebuildIndexes) {
    rebuildIndexes(state);
    rebuildLiveIndexes(state);
  }
  state.messageCorrelations.clear();
  for (const marker of decoded.messageCorrelations) state.messageCorrelations.add(marker);
  rebuildCorrelationsByMessage(state);
  state.keys.observe((decoded.nextKey - 1n).toString());
  state.lastClock = decoded.lastClock;
  // Counted on first ask: counting now would decode every element instance the restore left encoded.
  state.processInstanceCount = undefined;
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
 * Whether an open incident holds this job (its retries were raised while the incident stayed open). Asked only
 * of jobs in a back-off, through the incidents of the job's element: a restart decodes those few jobs and
 * incidents, not every incident of every case.
 */
function waitsForIncident(state: EngineState, jobKey: Key): boolean {
  const job = state.jobs.get(jobKey);
  return job !== undefined && incidentsOf(state, job.value.elementInstanceKey).some((incident) => incident.value.jobKey === jobKey);
}

/**
 * The due dates standing in a state: what the scheduler must hold after a restore (appliers hand them over
 * one by one during a replay). Stale ones are not needed: the scheduler re-checks every entry against state.
 */
export function dueEntriesOf(state: EngineState): DueEntry[] {
  const entries: DueEntry[] = [];
  // Right after a restore, cold timers' due dates come from the snapshot's summaries: no timer is decoded.
  const summarized = state.timers.summarized(
    (timer) => entries.push({ dueAt: timer.value.dueDate, kind: 'timer', key: timer.key }),
    (key, dueAt) => entries.push({ dueAt, kind: 'timer', key }),
  );
  if (!summarized) for (const timer of state.timers.values()) entries.push({ dueAt: timer.value.dueDate, kind: 'timer', key: timer.key });
  // A job failed with retries left and a back-off waits for it; one failed into an incident waits for the incident.
  const jobDue = (key: Key, summary: number) => {
    const due = jobDueOfSummary(summary);
    if (due && !(due.kind === 'job-backoff' && waitsForIncident(state, key))) entries.push({ dueAt: due.dueAt, kind: due.kind, key });
  };
  // Cold jobs and messages, like timers, are scheduled from their summaries without being decoded.
  if (!state.jobs.summarized((job) => jobDue(job.key, jobDueSummary(job)), jobDue)) {
    for (const job of state.jobs.values()) jobDue(job.key, jobDueSummary(job));
  }
  const messageDue = (key: Key, dueAt: number) => entries.push({ dueAt, kind: 'message-ttl', key });
  if (!state.messages.summarized((message) => messageDue(message.key, message.value.deadline), messageDue)) {
    for (const message of state.messages.values()) messageDue(message.key, message.value.deadline);
  }
  return entries;
}
