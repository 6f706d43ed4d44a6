import { serialize } from 'node:v8';
import type { Key } from '../api';
import { CaptureMap, type EntryGuard } from './capture-map';
import { coldChunkKeys, ownChunkBytes, type ColdChunk } from './cold-chunk';
import type { EngineState, JobEntry, MessageEntry, TimerEntry } from './engine-state';

/**
 * The maps appliers maintain that a snapshot carries as they are. Insertion order matters (jobs become
 * activatable in order, an element's subscriptions close in order), so they are kept, not re-derived; the
 * indexes that follow from them, compiled models and due dates are rebuilt on restore.
 */
export const CARRIED = [
  'processes', 'processVersions', 'forms', 'formVersions', 'decisionRequirements', 'decisionRequirementsVersions', 'decisions',
  'decisionVersions', 'deployedProcesses', 'deployedDecisions', 'deployedForms',
  'elementInstances', 'children', 'variables', 'jobs', 'activatableJobs', 'incidents', 'timers', 'messages', 'messageIds',
  'messageSubscriptions', 'processMessageSubscriptions', 'messageStartSubscriptions', 'signalSubscriptions',
  'activeStartCorrelations', 'startCorrelationOfInstance', 'userTasks', 'subscriptionsByElement', 'batchOperations',
  'compensationSubscriptions', 'startEventTriggers',
  'conditionalSubscriptions',
  'messagesByCorrelation', 'messageSubscriptionsByCorrelation', 'messageSubscriptionsByElement',
  'liveInstancesByDefinition', 'startSubscriptionsByDefinition', 'signalSubscriptionsByName', 'incidentsByElement',
  'conditionalSubscriptionsByVariable', 'messageStartNamesByDefinition',
] as const satisfies readonly (keyof EngineState)[];

export type CarriedField = (typeof CARRIED)[number];

/**
 * Fields whose chunks carry one number per entry besides the entries (format 2): what a restore needs of every
 * entry at once, read without decoding the values. Timers: their due dates, for the scheduler.
 */
export const SUMMARIES: Partial<Record<CarriedField, (value: never) => number>> = {
  timers: (timer: TimerEntry) => timer.value.dueDate,
  jobs: (job: JobEntry) => jobDueSummary(job),
  messages: (message: MessageEntry) => message.value.deadline,
};

/**
 * A job's due date as one number, for the scheduler after a restart: its deadline while ACTIVATED (positive),
 * the end of its back-off while FAILED with retries left (as `-1 - time`, so always negative), NaN when nothing
 * is due. Read back by {@link jobDueOfSummary}.
 */
export function jobDueSummary(job: JobEntry): number {
  if (job.state === 'ACTIVATED') return job.value.deadline;
  if (job.state === 'FAILED' && job.value.retries > 0) return -1 - Number(job.value.recurringTime);
  return Number.NaN;
}

/** What {@link jobDueSummary} encoded: the kind of due entry and its time, or undefined when nothing is due. */
export function jobDueOfSummary(summary: number): { kind: 'job-deadline' | 'job-backoff'; dueAt: number } | undefined {
  if (Number.isNaN(summary)) return undefined;
  return summary >= 0 ? { kind: 'job-deadline', dueAt: summary } : { kind: 'job-backoff', dueAt: -1 - summary };
}

/**
 * Indexes a snapshot carries so that a restore need not rebuild them: rebuilding read every message and message
 * subscription, which decoded all of them (and the first snapshot after the start then serialized them all
 * afresh). A snapshot written before they were carried holds none of them: then they are rebuilt from the maps
 * they index, as before.
 */
export const REBUILT_WHEN_ABSENT: ReadonlySet<CarriedField> = new Set<CarriedField>([
  'messagesByCorrelation', 'messageSubscriptionsByCorrelation', 'messageSubscriptionsByElement',
  'liveInstancesByDefinition', 'startSubscriptionsByDefinition', 'signalSubscriptionsByName', 'incidentsByElement',
  'conditionalSubscriptionsByVariable', 'messageStartNamesByDefinition',
]);

/** Maps added after snapshots were first written: a snapshot from before holds none, which means empty. */
export const ADDED_LATER: ReadonlySet<CarriedField> = new Set<CarriedField>(['batchOperations', 'compensationSubscriptions', 'startEventTriggers', 'conditionalSubscriptions']);

/** One chunk of a map's entries as a snapshot file holds it: restored without decoding (see ColdChunk). */
export interface CapturedChunk {
  /** `[key, value][]`, V8-serialized and gzipped. */
  entries: Uint8Array;
  /** The same keys alone (`unknown[]`), V8-serialized and gzipped: a restore reads only these. */
  keys: Uint8Array;
  size: number;
  /** For a field in {@link SUMMARIES}: its number for each entry (`number[]`, V8-serialized), in the chunk's order. */
  summary?: Uint8Array;
  /**
   * Format 3: the positions (`number[]`, V8-serialized, ascending) of the chunk's entries that are no longer
   * the map's (changed or removed after the chunk was first written): a restore leaves them out.
   */
  skip?: Uint8Array;
}

/**
 * One map as a snapshot file holds it: its entries in chunks, and its key order (`unknown[]`, V8-serialized and
 * gzipped) unless the chunks' keys, one chunk after the other, are that order. Format 1 files always hold the
 * order, and the chunks as bare `Uint8Array`s (`[key, value][]`, no separate keys).
 */
export interface CapturedMap {
  order: Uint8Array | undefined;
  chunks: CapturedChunk[] | Uint8Array[];
}

/** Runtime state at one position, as a snapshot file holds it (the whole V8-serialized). */
export interface CapturedState {
  nextKey: Key;
  lastClock: EngineState['lastClock'] | null;
  /** V8-serialized array of the `messageKey|bpmnProcessId` correlation markers. */
  messageCorrelations: Uint8Array;
  maps: Record<CarriedField, CapturedMap>;
}

/**
 * One piece of a capture as it leaves the engine thread: the map's key order (once per map; none when the
 * chunks went out in that order), a chunk of its
 * entries with their keys (V8-serialized, not compressed yet), or a cold chunk carried over from the snapshot
 * the engine restored (already compressed; its bytes stay the map's too, so they are copied, never transferred).
 */
export type CaptureChunk =
  | { field: CarriedField; kind: 'order'; bytes: Uint8Array | undefined }
  | { field: CarriedField; kind: 'entries'; id: number; bytes: Uint8Array; keys: Uint8Array; size: number; summary?: Uint8Array }
  | { field: CarriedField; kind: 'cold'; bytes: Uint8Array; keys: Uint8Array; size: number; summary?: Uint8Array; skip?: Uint8Array };

/** What a capture knows besides its chunks. */
export interface CaptureHead {
  nextKey: Key;
  lastClock: EngineState['lastClock'] | null;
  messageCorrelations: Uint8Array;
}

/**
 * A chunk of entries compressed by the writer thread and sent back once its snapshot is durable, so the
 * entries nobody touched meanwhile go back into it ({@link StateCapture.recool}).
 */
export interface WrittenChunk {
  /** The id the capture gave the chunk ({@link CaptureChunk} of kind `entries`). */
  id: number;
  /** `[key, value][]`, V8-serialized and gzipped, as the file holds it. */
  entries: Uint8Array;
  /** Its keys, V8-serialized and gzipped. */
  keys: Uint8Array;
  size: number;
  summary?: Uint8Array;
}

/** Entries serialized per slice: a few milliseconds of engine-thread time. */
const ENTRIES_PER_SLICE = 1_000;

/**
 * Entries per chunk at most. A chunk is what the first read of one of its cold entries decodes, and what a
 * snapshot decodes and copies afresh once fewer than half of its entries are still cold: small chunks keep
 * both cheap, while 250 entries (tens to hundreds of kB) still compress well.
 */
export const CHUNK_ENTRIES = 250;

/** Chunks put back into the map per turn of the event loop while re-cooling. */
const RECOOL_CHUNKS_PER_TURN = 20;

/** The capture of one map: its keys as they were, which of them are copied, and the chunks copied so far. */
class MapCapture implements EntryGuard<unknown> {
  private readonly order: unknown[];
  /**
   * Keys dealt with: copied, or found absent when first touched (added after the start; nothing to copy).
   * Built as the capture goes, so the start costs only the copy of the key list.
   */
  private readonly handled = new Set<unknown>();
  /** Cold chunks carried over whole, by number: their keys still cold in them count as handled. */
  private readonly carried = new Set<number>();
  private cursor = 0;
  /** The key order went out (once every entry is copied, in a slice of its own, not at the start). */
  done = false;
  /** Every chunk so far went out in the map's order (no guard copied an entry early). */
  private inOrder = true;

  constructor(
    private readonly field: CarriedField,
    private readonly map: CaptureMap<unknown, unknown>,
    private readonly out: CaptureChunk[],
    /** Numbers the entries chunks and remembers their keys, for re-cooling once they come back written. */
    private readonly sent: (field: CarriedField, keys: unknown[]) => number,
  ) {
    this.order = [...map.keys()];
    map.guard = this;
    map.trackTouches();
  }

  touch(key: unknown): void {
    if (this.handled.has(key)) return;
    this.handled.add(key);
    // Present now and not handled yet: it was there at the start (an added key is handled when it is set).
    if (!this.map.has(key) || this.inCarriedChunk(key)) return;
    this.inOrder = false;
    this.emit([[key, this.map.peek(key)]]);
  }

  private emit(entries: [unknown, unknown][]): void {
    const keys = entries.map(([key]) => key);
    const summarize = SUMMARIES[this.field] as ((value: unknown) => number) | undefined;
    const summary = summarize && serialize(entries.map(([, value]) => summarize(value)));
    const id = this.sent(this.field, keys);
    const form = this.map.snapshotForm;
    const written = form ? entries.map(([key, value]) => [key, form.write(value)]) : entries;
    this.out.push({ field: this.field, kind: 'entries', id, bytes: serialize(written), keys: serialize(keys), size: entries.length, summary });
  }

  all(): void {
    this.copy(Infinity);
  }

  /** Whether `key` is still cold in a chunk this capture carried over (its value went with the chunk). */
  private inCarriedChunk(key: unknown): boolean {
    if (this.carried.size === 0) return false;
    const cold = this.map.coldChunkOf(key);
    return cold !== undefined && this.carried.has(cold.index);
  }

  /** Copy up to `budget` entries not copied yet (in insertion order); returns the work done, in entries. */
  copy(budget: number): number {
    let entries: [unknown, unknown][] = [];
    let work = 0;
    while (work < budget && this.cursor < this.order.length) {
      const key = this.order[this.cursor++];
      if (this.handled.has(key) || this.inCarriedChunk(key)) continue;
      // A cold chunk goes over as the bytes it came in: no decoding, no serializing. One whose entries moved on
      // goes with the list of those to skip, while at least half of it is still cold; below that its live
      // entries are decoded and copied afresh, so a file never carries more dead bytes than live ones.
      // (A map with nothing cold, as after a start on an empty folder or a full replay, skips the lookup.)
      const cold = this.map.coldSize > 0 ? this.map.coldChunkOf(key) : undefined;
      if (cold && (cold.chunk.cold === cold.chunk.size || (cold.chunk.keyList && cold.chunk.cold * 2 >= cold.chunk.size))) {
        if (entries.length > 0) this.emit(entries);
        entries = [];
        work += this.carry(cold.chunk, cold.index);
        continue;
      }
      this.handled.add(key);
      entries.push([key, this.map.peek(key)]);
      work++;
      if (entries.length >= CHUNK_ENTRIES) {
        this.emit(entries);
        entries = [];
      }
    }
    if (entries.length > 0) this.emit(entries);
    if (this.cursor >= this.order.length && !this.done) {
      this.done = true;
      // Chunks in the map's order make the order itself redundant: a restore reads the keys from the chunks.
      this.out.push({ field: this.field, kind: 'order', bytes: this.inOrder ? undefined : serialize(this.order) });
      // Keys serialize about ten times faster than entries.
      return work + (this.inOrder ? 0 : Math.ceil(this.order.length / 10));
    }
    return work;
  }

  /**
   * Send cold chunk number `index` as it is (its first key still cold is the one just taken from the order),
   * with the positions of the keys whose value is no longer the one it holds; returns the work, in entries.
   */
  private carry(cold: ColdChunk, index: number): number {
    const keys = cold.keyList ?? coldChunkKeys(cold);
    const intact = cold.cold === cold.size;
    let skip: number[] | undefined;
    const from = this.cursor - 1;
    let at = from;
    let consecutive = true;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      // Changed or removed since the chunk was written (a changed one is copied when the cursor reaches it).
      if (!intact && !this.map.coldIn(key, index)) {
        (skip ??= []).push(i);
        continue;
      }
      if (consecutive && this.order[at++] !== key) consecutive = false;
    }
    this.carried.add(index);
    ownChunkBytes(cold);
    if (!consecutive) this.inOrder = false;
    // The chunk's keys are the next ones in the order: past them at once, without looking each one up.
    else this.cursor = at;
    this.out.push({ field: this.field, kind: 'cold', bytes: cold.entries, keys: cold.keys, size: cold.size, summary: cold.summary, skip: skip && serialize(skip) });
    // About a tenth of the work of copying the entries: the keys are walked, and the bytes are copied to the
    // writer thread when the slice's chunks are sent (200 chunks a slice made 150 ms slices on the loaded machine).
    return Math.ceil(keys.length / 10);
  }

  finish(): void {
    this.map.guard = undefined;
    if (!this.done) this.copy(Infinity);
  }

  abandon(): void {
    this.map.guard = undefined;
    this.map.stopTrackingTouches();
  }
}

/**
 * Captures runtime state at the position it starts at, a slice at a time between batches: the engine keeps
 * processing meanwhile, and the guards on the maps copy any entry it is about to touch before it changes.
 * The engine-thread pause is the start (key lists) and one slice, instead of the whole state at once.
 */
export class StateCapture {
  private readonly captures: [CarriedField, MapCapture][];
  /** What the capture says about itself: taken whole at the start (keys, clock, and the markers, all strings). */
  readonly head: CaptureHead;
  /** Chunks copied and not yet {@link drain}ed: by the slices, and by the guards while batches run. */
  private readonly out: CaptureChunk[] = [];
  private index = 0;
  /** Field and keys of each entries chunk sent, by id, until it comes back written (or the capture ends). */
  private readonly sent = new Map<number, { field: CarriedField; keys: unknown[] }>();

  constructor(private readonly state: EngineState) {
    for (const field of CARRIED) if (state[field].guard) throw new Error('Expected one snapshot capture at a time, but another one is running');
    const send = (field: CarriedField, keys: unknown[]) => {
      const id = this.sent.size + 1;
      this.sent.set(id, { field, keys });
      return id;
    };
    this.captures = CARRIED.map((field) => [field, new MapCapture(field, state[field] as CaptureMap<unknown, unknown>, this.out, send)]);
    this.head = { nextKey: state.keys.peek(), lastClock: state.lastClock ?? null, messageCorrelations: serialize([...state.messageCorrelations]) };
  }

  /** The chunks copied since the last call, to hand to the writer as the capture goes (so they do not pile up here). */
  drain(): CaptureChunk[] {
    return this.out.splice(0);
  }

  /** Copy one slice; true once everything is copied. */
  step(budget = ENTRIES_PER_SLICE): boolean {
    let left = budget;
    while (left > 0 && this.index < this.captures.length) {
      const capture = this.captures[this.index][1];
      left -= Math.max(1, capture.copy(left));
      if (capture.done) this.index++;
    }
    return this.index >= this.captures.length;
  }

  /** End the capture (once `step` said it is done): the maps go back to plain behaviour; {@link drain} the rest. */
  finish(): void {
    for (const [, capture] of this.captures) capture.finish();
  }

  /** Give up (the engine is closing): the maps go back to plain behaviour. */
  abandon(): void {
    for (const [, capture] of this.captures) capture.abandon();
    this.sent.clear();
  }

  /**
   * The snapshot is durable and its chunks are back, compressed: put every entry nobody touched since the
   * capture began back into its chunk ({@link CaptureMap.recool}), a batch of chunks per turn of the event loop.
   * Live state then holds only what moved since (the rest costs its compressed bytes), and the next snapshot
   * carries the untouched chunks over instead of serializing them again. Resolves with the entries put back
   * and the engine-thread time it took (turns in between not counted).
   */
  async recool(written: WrittenChunk[], nextTurn: () => Promise<unknown>, stopped: () => boolean = () => false): Promise<{ entries: number; ms: number }> {
    let back = 0;
    let ms = 0;
    let started = performance.now();
    try {
      for (let at = 0; at < written.length; at++) {
        if (at > 0 && at % RECOOL_CHUNKS_PER_TURN === 0) {
          ms += performance.now() - started;
          await nextTurn();
          started = performance.now();
          if (stopped()) break;
        }
        const chunk = written[at];
        const sent = this.sent.get(chunk.id);
        if (!sent) continue;
        const map = this.state[sent.field] as CaptureMap<unknown, unknown>;
        back += map.recool(sent.keys, { entries: chunk.entries, keys: chunk.keys, size: chunk.size, summary: chunk.summary, keyList: sent.keys });
      }
    } finally {
      this.abandon();
    }
    ms += performance.now() - started;
    return { entries: back, ms };
  }
}
