/** What a map asks before it hands out or changes an entry while a snapshot is being captured. */
export interface EntryGuard<K> {
  /** The entry under `key` is about to be read or changed: capture it first if it is still pending. */
  touch(key: K): void;
  /** Every entry is about to be exposed (iteration, clear): capture all pending ones first. */
  all(): void;
}

/**
 * A Map whose entries can be captured while processing goes on. State changes in place (an applier sets
 * `instance.state`), so a snapshot taken a slice at a time would mix states of different positions; instead,
 * while a capture runs, every access that could lead to a change — get, set, delete, iteration — first lets
 * the guard copy that entry as it was when the capture began. Entries nobody touches are copied in slices
 * between batches. Without a guard it is a plain Map (one property check per access).
 */
export class CaptureMap<K, V> extends Map<K, V> {
  guard: EntryGuard<K> | undefined;

  override get(key: K): V | undefined {
    this.guard?.touch(key);
    return super.get(key);
  }

  override set(key: K, value: V): this {
    this.guard?.touch(key);
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.guard?.touch(key);
    return super.delete(key);
  }

  override clear(): void {
    this.guard?.all();
    super.clear();
  }

  override values(): MapIterator<V> {
    this.guard?.all();
    return super.values();
  }

  override entries(): MapIterator<[K, V]> {
    this.guard?.all();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.guard?.all();
    return super[Symbol.iterator]();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.guard?.all();
    super.forEach(callback, thisArg);
  }

  /** The entry as stored, without asking the guard: only the capture itself reads this way. */
  peek(key: K): V | undefined {
    return super.get(key);
  }
}
