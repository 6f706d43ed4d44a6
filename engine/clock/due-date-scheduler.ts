import type { Key } from '../api';
import type { EngineClock } from './engine-clock';

/** What a due date belongs to. */
export type DueKind = 'timer' | 'job-deadline' | 'job-backoff' | 'message-ttl';

/** One due date: when `dueAt` has passed, the entry is handed to the trigger (if still valid). */
export interface DueEntry {
  dueAt: number;
  kind: DueKind;
  key: Key;
}

/**
 * The one scheduler. Due dates live in a min-heap; stale entries (a job completed before its deadline) are
 * dropped lazily when they come up, because the trigger re-checks them against state. It wakes at the earliest
 * due date (a wall-clock timer only when the clock follows wall time) and whenever the clock moves.
 */
export class DueDateScheduler {
  private heap: DueEntry[] = [];
  private wakeUp: NodeJS.Timeout | undefined;
  private wakeUpAt = Infinity;
  private running = false;

  constructor(
    private readonly clock: EngineClock,
    /** Called with every entry that became due; returns nothing, writes trigger commands. */
    private readonly trigger: (entry: DueEntry) => void,
  ) {
    clock.onMoved(() => this.check());
  }

  /** Remember a due date (appliers call this as they apply events). */
  schedule(entry: DueEntry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent].dueAt <= heap[i].dueAt) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
    if (this.running && entry.dueAt < this.wakeUpAt) this.arm();
  }

  /** Start waking up: fires whatever is already due. */
  start(): void {
    this.running = true;
    this.check();
  }

  stop(): void {
    this.running = false;
    if (this.wakeUp) clearTimeout(this.wakeUp);
    this.wakeUp = undefined;
  }

  /** Fire every entry due at the current engine time, then re-arm for the next one. */
  check(): void {
    if (!this.running) return;
    const now = this.clock.now();
    while (this.heap.length > 0 && this.heap[0].dueAt <= now) {
      this.trigger(this.pop());
    }
    this.arm();
  }

  /** Number of pending entries (including stale ones). */
  get size(): number {
    return this.heap.length;
  }

  private arm(): void {
    if (this.wakeUp) clearTimeout(this.wakeUp);
    this.wakeUp = undefined;
    this.wakeUpAt = Infinity;
    if (!this.running || this.heap.length === 0) return;
    const next = this.heap[0].dueAt;
    this.wakeUpAt = next;
    if (this.clock.isFrozen) return;
    const delay = Math.min(Math.max(0, next - this.clock.now()), 2 ** 31 - 1);
    this.wakeUp = setTimeout(() => this.check(), delay);
    this.wakeUp.unref();
  }

  private pop(): DueEntry {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < heap.length && heap[l].dueAt < heap[smallest].dueAt) smallest = l;
        if (r < heap.length && heap[r].dueAt < heap[smallest].dueAt) smallest = r;
        if (smallest === i) break;
        [heap[smallest], heap[i]] = [heap[i], heap[smallest]];
        i = smallest;
      }
    }
    return top;
  }
}
