/**
 * The engine clock. `system` follows wall time (plus an offset once pinned, as Camunda's clock endpoint does);
 * `controlled` starts at wall time and moves only when told to. Listeners hear every move so the scheduler can
 * fire what became due.
 */
export class EngineClock {
  private pinnedAt: number | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(readonly mode: 'system' | 'controlled') {
    if (mode === 'controlled') this.pinnedAt = Date.now();
  }

  /** Current engine time in epoch milliseconds. */
  now(): number {
    return this.pinnedAt ?? Date.now();
  }

  /** Pin the clock at an instant. */
  pin(epochMs: number): void {
    this.pinnedAt = epochMs;
    this.notify();
  }

  /** Back to wall time. A controlled clock is pinned at the current wall time instead. */
  reset(): void {
    this.pinnedAt = this.mode === 'controlled' ? Date.now() : undefined;
    this.notify();
  }

  /** Move the clock forward by `ms`. */
  advance(ms: number): void {
    this.pinnedAt = this.now() + ms;
    this.notify();
  }

  /** Whether time only moves on request. */
  get isFrozen(): boolean {
    return this.pinnedAt !== undefined;
  }

  onMoved(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
