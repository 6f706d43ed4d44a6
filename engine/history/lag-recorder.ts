/**
 * Exporter lag, measured on the engine thread: when each commit happened, and how long until history
 * reported it exported. Keeps a bounded window of samples for p50 / p99.
 */
export class LagRecorder {
  /** Commits not yet exported: [last position, wall-clock ms], oldest first. */
  private readonly open: [number, number][] = [];
  private readonly samples: number[] = [];
  private next = 0;

  constructor(private readonly window = 10_000) {}

  committed(position: number): void {
    this.open.push([position, performance.now()]);
  }

  exported(position: number): void {
    const now = performance.now();
    let drop = 0;
    while (drop < this.open.length && this.open[drop][0] <= position) {
      this.sample(now - this.open[drop][1]);
      drop += 1;
    }
    if (drop > 0) this.open.splice(0, drop);
  }

  private sample(ms: number): void {
    if (this.samples.length < this.window) this.samples.push(ms);
    else this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.window;
  }

  /** How long the oldest unexported commit has waited, in ms (0 when history is caught up). */
  currentLagMs(): number {
    return this.open.length === 0 ? 0 : Math.round(performance.now() - this.open[0][1]);
  }

  /** p50 / p99 / max of the commit-to-exported lag over the recent window, in ms. */
  percentiles(): { samples: number; p50: number; p99: number; max: number } {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (q: number) => (sorted.length === 0 ? 0 : Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10);
    return { samples: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) };
  }
}
