/**
 * The stream processor's queue of external commands, served round robin by caller (issue 13): a batch takes one
 * command of each caller in turn, so a caller with thousands queued delays another caller's command by at most
 * one batch, never by its whole backlog. Commands without a caller (the scheduler's triggers, batch operations)
 * form one lane of their own. Within a caller, order is kept.
 */
export class FairCommandQueue<T> {
  private readonly lanes = new Map<string, T[]>();
  private count = 0;

  constructor(private readonly callerOf: (item: T) => string | undefined) {}

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    const caller = this.callerOf(item) ?? '';
    let lane = this.lanes.get(caller);
    if (!lane) this.lanes.set(caller, (lane = []));
    lane.push(item);
    this.count++;
  }

  /** Up to `max` items, one per caller per turn; callers still waiting afterwards go first next time. */
  take(max: number): T[] {
    const taken: T[] = [];
    // A single caller (the common case) needs no turns.
    if (this.lanes.size === 1) {
      const [caller, lane] = this.lanes.entries().next().value as [string, T[]];
      const items = lane.splice(0, max);
      if (lane.length === 0) this.lanes.delete(caller);
      this.count -= items.length;
      return items;
    }
    while (taken.length < max && this.lanes.size > 0) {
      // A caller served is deleted and set again, which moves it to the end of the map's order; the iteration
      // then reaches it again after every other caller (Map iteration visits entries added meanwhile).
      for (const [caller, lane] of this.lanes) {
        if (taken.length >= max) break;
        taken.push(lane.shift()!);
        // Served this turn: to the back of the line, or out of it when empty.
        this.lanes.delete(caller);
        if (lane.length > 0) this.lanes.set(caller, lane);
      }
    }
    this.count -= taken.length;
    return taken;
  }
}
