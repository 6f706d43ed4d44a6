import type { Key } from '../api';

/** Partition 1's first key: Zeebe encodes the partition id in the key's high bits (1 << 51). */
export const PARTITION_ONE_KEY_BASE = 1n << 51n;

/** "No key", as Zeebe writes it. */
export const NO_KEY: Key = '-1';

/**
 * Hands out 64-bit keys for partition 1. Keys stay strings outside this class; the counter is a bigint so no
 * key ever passes through floating-point arithmetic. On replay the generator is moved past every key seen.
 */
export class KeyGenerator {
  private next = PARTITION_ONE_KEY_BASE + 1n;

  /** A fresh key. */
  nextKey(): Key {
    const key = this.next;
    this.next += 1n;
    return key.toString();
  }

  /** Make sure keys handed out later are above `key` (replay). */
  observe(key: Key): void {
    if (key === NO_KEY || key.length < 16) return;
    const value = BigInt(key);
    if (value >= this.next) this.next = value + 1n;
  }

  /** The next key that will be handed out, for state snapshots. */
  peek(): Key {
    return this.next.toString();
  }
}
