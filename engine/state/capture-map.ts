import { decodeColdChunk, type ColdChunk } from './cold-chunk';

/** What a map asks before it hands out or changes an entry while a snapshot is being captured. */
export interface EntryGuard<K> {
  /** The entry under `key` is about to be read or changed: capture it first if it is still pending. */
  touch(key: K): void;
  /** Every entry is about to be exposed (iteration, clear): capture all pending ones first. */
  all(): void;
}

/**
 * A Map whose entries can be captured while processing goes on, and restored without being decoded.
 *
 * Capture: state changes in place (an applier sets `instance.state`), so a snapshot taken a slice at a time
 * would mix states of different positions; instead, while a capture runs, every access that could lead to a
 * change — get, set, delete, iteration — first lets the guard copy that entry as it was when the capture began.
 * Entries nobody touches are copied in slices between batches. Without a guard it is a plain Map (one property
 * check per access).
 *
 * Cold entries: after a restart, and after each snapshot for the entries nobody touched meanwhile
 * ({@link recool}), the map holds a key with the number of the {@link ColdChunk} its value is encoded in; the
 * first access to a value decodes it out of its chunk (every iteration decodes them all). Values are therefore
 * never numbers (`set` refuses one), and a cold chunk goes into the next snapshot as the bytes it came from,
 * with a list of the entries to skip if some moved on. Nothing else about the map changes: order, `size`,
 * `has` and `keys()` answer without decoding.
 */
/** How a map's values are written into a snapshot and read back (see CaptureMap.snapshotForm). */
export interface SnapshotForm<V> {
  write(value: V): unknown;
  read(written: unknown): V;
}

/** Decoded cold chunks a map keeps at hand for the reads that follow (a few hundred entries each). */
const DECODED_CHUNKS_KEPT = 4;

export class CaptureMap<K, V> extends Map<K, V> {
  guard: EntryGuard<K> | undefined;
  /**
   * How values go into a snapshot and come back, where that is not as they are (a scope's variables: values held
   * as text stay text, see variablesForSnapshot in lazy-variable-values.ts).
   */
  readonly snapshotForm: SnapshotForm<V> | undefined;
  /** Cold chunks by number; a decoded or emptied chunk's slot is cleared. Undefined once nothing is cold. */
  private cold: (ColdChunk | undefined)[] | undefined;
  /** Entries whose value is still in a cold chunk. */
  private coldEntries = 0;
  /** Decoded entries of the chunks read last, by chunk number, least recently used first (see {@link warm}). */
  private decoded: Map<number, Map<K, V>> | undefined;
  /** The restored summary numbers, aligned with the key order, until the first change of the map (see {@link summarized}). */
  private restoredSummary: Float64Array | undefined;
  /**
   * While a capture and the re-cooling after it run: every key handed out, changed or removed since the capture
   * began ({@link trackTouches}). Only the entries not in it still equal what the snapshot holds of them.
   */
  private touched: Set<K> | undefined;
  /** Every entry was exposed (iteration, clear) since {@link trackTouches}: nothing can be re-cooled. */
  private touchedAll = false;

  constructor(snapshotForm?: SnapshotForm<V>) {
    super();
    this.snapshotForm = snapshotForm;
  }

  override get(key: K): V | undefined {
    this.guard?.touch(key);
    this.touched?.add(key);
    return this.peek(key);
  }

  override set(key: K, value: V): this {
    if (typeof value === 'number') throw new TypeError('Expected a state map value to be no number (numbers mark entries restored and not decoded yet)');
    this.guard?.touch(key);
    this.touched?.add(key);
    this.restoredSummary = undefined;
    if (this.cold) this.forget(key);
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.guard?.touch(key);
    this.touched?.add(key);
    this.restoredSummary = undefined;
    if (this.cold) this.forget(key);
    return super.delete(key);
  }

  override clear(): void {
    this.guard?.all();
    if (this.touched) this.touchedAll = true;
    this.cold = undefined;
    this.decoded = undefined;
    this.coldEntries = 0;
    this.restoredSummary = undefined;
    super.clear();
  }

  override values(): MapIterator<V> {
    this.exposeAll();
    return super.values();
  }

  override entries(): MapIterator<[K, V]> {
    this.exposeAll();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.exposeAll();
    return super[Symbol.iterator]();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.exposeAll();
    super.forEach(callback, thisArg);
  }

  /** The entry as stored, without asking the guard (decoded if it was cold): only the capture itself reads this way. */
  peek(key: K): V | undefined {
    const value = super.get(key);
    if (typeof value !== 'number') return value;
    return this.warm(key, value);
  }

  /**
   * Fill the empty map from a snapshot without decoding values: `keys` in their order, `chunkOf[i]` the number
   * of the chunk in `chunks` holding `keys[i]`'s value.
   */
  restoreCold(keys: readonly K[], chunkOf: ArrayLike<number>, chunks: ColdChunk[], summary?: Float64Array): void {
    super.clear();
    this.decoded = undefined;
    for (let i = 0; i < keys.length; i++) super.set(keys[i], chunkOf[i] as V);
    this.cold = keys.length > 0 ? chunks : undefined;
    this.coldEntries = keys.length;
    this.restoredSummary = summary;
  }

  /**
   * Walk the entries in order without decoding cold ones: `hot` hears each decoded value, `cold` each cold
   * entry's key with the number its field's summarizer gave when it was captured. False (and nothing walked)
   * when the map holds no summaries or has changed since the restore: then read the values.
   */
  summarized(hot: (value: V) => void, cold: (key: K, summary: number) => void): boolean {
    const summary = this.restoredSummary;
    if (!summary || this.guard) return false;
    let at = 0;
    for (const [key, value] of super.entries()) {
      if (typeof value === 'number') cold(key, summary[at]);
      else hot(value);
      at++;
    }
    return true;
  }

  /**
   * The cold chunk holding `key`'s value, and its number, if `key` is cold. The chunk is intact while its
   * `cold` equals its `size`; otherwise some of its keys were decoded, changed or removed since.
   */
  coldChunkOf(key: K): { chunk: ColdChunk; index: number } | undefined {
    const value = super.get(key);
    if (typeof value !== 'number') return undefined;
    const chunk = this.cold?.[value];
    return chunk && { chunk, index: value };
  }

  /** Whether `key`'s value is still the one encoded in chunk `index`. */
  coldIn(key: K, index: number): boolean {
    return super.get(key) === index;
  }

  /**
   * Start noting every key that is handed out, changed or removed (a capture begins): entries nobody touches
   * keep the value the capture copies, so once the snapshot is written they can go back into its chunks.
   */
  trackTouches(): void {
    this.touched = new Set();
    this.touchedAll = false;
  }

  /** Stop noting touches (the capture was abandoned, or its chunks are back in the map). */
  stopTrackingTouches(): void {
    this.touched = undefined;
    this.touchedAll = false;
  }

  /**
   * Put the entries of a written snapshot chunk back into it: each of `keys` (the chunk's keys, in its order)
   * that is still in the map, decoded, and untouched since {@link trackTouches} gives up its value for the
   * chunk's number, as after a restore; the first access decodes the chunk again. A chunk whose every key went
   * back is intact, so the next snapshot carries its bytes over instead of serializing its entries again.
   * Returns how many entries went back (0 when the map was iterated or cleared meanwhile).
   */
  recool(keys: readonly K[], chunk: Omit<ColdChunk, 'cold'>): number {
    const touched = this.touched;
    if (!touched || this.touchedAll || keys.length !== chunk.size) return 0;
    const back: K[] = [];
    for (const key of keys) {
      if (touched.has(key)) continue;
      const value = super.get(key);
      // Absent (deleted and so touched, but be sure) or cold already (a cold chunk carried over): leave it.
      if (value === undefined || typeof value === 'number') continue;
      back.push(key);
    }
    if (back.length === 0) return 0;
    const chunks = (this.cold ??= []);
    const index = chunks.length;
    chunks.push({ ...chunk, cold: back.length });
    for (const key of back) super.set(key, index as V);
    this.coldEntries += back.length;
    // The restored summaries no longer say which entries are cold: the scheduler reads values instead.
    this.restoredSummary = undefined;
    return back.length;
  }

  /** Whether `key`'s value is still encoded in a chunk (for tests). */
  isCold(key: K): boolean {
    return typeof super.get(key) === 'number';
  }

  /** How many entries are still cold (for tests and the restart log). */
  get coldSize(): number {
    return this.coldEntries;
  }

  private exposeAll(): void {
    this.guard?.all();
    if (this.touched) this.touchedAll = true;
    const chunks = this.cold;
    // Decoding the last cold entry drops the list: walk the one taken here.
    if (chunks) for (let index = 0; index < chunks.length; index++) if (chunks[index]) this.decode(index);
  }

  /** A cold entry is about to be replaced or removed: its chunk no longer matches the map. */
  private forget(key: K): void {
    const value = super.get(key);
    if (typeof value !== 'number') return;
    this.leave(value);
  }

  /** One entry of chunk `index` is no longer cold in it. */
  private leave(index: number): void {
    const chunk = this.cold![index];
    if (chunk && --chunk.cold === 0) {
      this.cold![index] = undefined;
      this.decoded?.delete(index);
    }
    this.release(1);
  }

  /**
   * Decode `key`'s value out of cold chunk `index`, leaving the chunk's other entries cold: the next snapshot
   * carries the chunk over with `key` skipped, instead of decoding and copying all of it again. The chunk's
   * decoded entries stay at hand for a while ({@link DECODED_CHUNKS_KEPT}): a case's entries sit side by side,
   * and the next read is likely one of them.
   */
  private warm(key: K, index: number): V {
    let entries = this.decoded?.get(index);
    if (entries) {
      // Most recently used last.
      this.decoded!.delete(index);
      this.decoded!.set(index, entries);
    } else {
      const chunk = this.cold?.[index];
      if (!chunk) throw new Error(`Expected snapshot chunk ${index} to hold entries not decoded yet, but it is gone`);
      entries = new Map(this.fromSnapshot(decodeColdChunk(chunk)));
      const decoded = (this.decoded ??= new Map());
      decoded.set(index, entries);
      if (decoded.size > DECODED_CHUNKS_KEPT) decoded.delete(decoded.keys().next().value as number);
    }
    if (!entries.has(key)) throw new Error(`Expected snapshot chunk ${index} to hold the entry '${String(key)}', but it does not`);
    const value = entries.get(key) as V;
    entries.delete(key);
    super.set(key, value);
    this.leave(index);
    return value;
  }

  private decode(index: number): void {
    const chunks = this.cold;
    const chunk = chunks?.[index];
    if (!chunk) throw new Error(`Expected snapshot chunk ${index} to hold entries not decoded yet, but it is gone`);
    chunks![index] = undefined;
    this.decoded?.delete(index);
    let decoded = 0;
    // Only entries still pointing at this chunk: the others were replaced or removed since the restore.
    for (const [key, value] of this.fromSnapshot(decodeColdChunk(chunk))) {
      if (super.get(key) !== (index as V)) continue;
      super.set(key, value);
      decoded++;
    }
    this.release(decoded);
  }

  private fromSnapshot(entries: [unknown, unknown][]): [K, V][] {
    const form = this.snapshotForm;
    if (form) for (const entry of entries) entry[1] = form.read(entry[1]);
    return entries as [K, V][];
  }

  private release(entries: number): void {
    this.coldEntries -= entries;
    if (this.coldEntries <= 0) {
      this.cold = undefined;
      this.decoded = undefined;
      this.coldEntries = 0;
    }
  }
}
