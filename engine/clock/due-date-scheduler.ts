import type { Key } from '../api';
import type { EngineClock } from './engine-clock';

/** Below this many entries the heap is never swept: sweeping a small heap saves nothing. */
const MIN_SWEEP = 1_024;

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
  /** Heap size right after the last compaction: the next one waits until the heap has doubled past it. */
  private compactedSize = 0;

  constructor(
    private readonly clock: EngineClock,
    /** Called with every entry that became due; returns nothing, writes trigger commands. */
    private readonly trigger: (entry: DueEntry) => void,
    /**
     * Whether an entry still stands in state. Entries of timers canceled and jobs completed long before their
     * due date would otherwise stay in the heap until that date (days, for 亮灯 deadlines), so the heap would
     * grow with finished instances; they are dropped whenever the heap has doubled since the last sweep.
     */
    private readonly stillHolds: (entry: DueEntry) => boolean = () => true,
  ) {
    clock.onMoved(() => this.check());
  }

  /** Remember a due date (appliers call this as they apply events). */
  schedule(entry: DueEntry): void {
    if (this.heap.length >= 2 * this.compactedSize + MIN_SWEEP) this.compact();
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

  /** Drop entries that no longer stand, then rebuild the heap (amortised O(1) per scheduled entry). */
  private compact(): void {
    this.heap = this.heap.filter((entry) => this.stillHolds(entry));
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
    this.compactedSize = this.heap.length;
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
      this.siftDown(0);
    }
    return top;
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    let i = start;
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
}
