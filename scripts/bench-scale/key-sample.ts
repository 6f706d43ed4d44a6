/**
 * A uniform sample of at most `size` items from a stream of unknown length (reservoir sampling), so the
 * queries ask about cases from the whole load, not only the first or the last ones.
 */
export class Reservoir<T> {
  private readonly items: T[] = [];
  private seen = 0;

  constructor(private readonly size: number) {}

  /** Offer one item of the stream. */
  offer(item: T): void {
    this.seen++;
    if (this.items.length < this.size) this.items.push(item);
    else {
      const slot = Math.floor(Math.random() * this.seen);
      if (slot < this.size) this.items[slot] = item;
    }
  }

  /** The sample so far. */
  values(): readonly T[] {
    return this.items;
  }
}
