/**
 * The progress line printed while loading: how far, how fast now and on average, and whatever else the
 * caller wants to show (engine RSS, exporter lag).
 */
export class LoadProgress {
  private readonly started = performance.now();
  private lastCount = 0;
  private lastAt = this.started;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly count: () => number,
    private readonly extra: () => Promise<string> = async () => '',
    private readonly everyMs = 5000,
  ) {}

  /** Print a line every few seconds until {@link finish}. */
  start(): this {
    this.timer = setInterval(() => void this.print(), this.everyMs);
    this.timer.unref();
    return this;
  }

  /** Stop the periodic line and print the final one. */
  async finish(): Promise<void> {
    clearInterval(this.timer);
    await this.print();
  }

  /** Seconds since the load started. */
  seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  private async print(): Promise<void> {
    const now = performance.now();
    const done = this.count();
    const recent = ((done - this.lastCount) * 1000) / Math.max(1, now - this.lastAt);
    const average = (done * 1000) / Math.max(1, now - this.started);
    this.lastCount = done;
    this.lastAt = now;
    const extra = await this.extra();
    console.log(
      `  ${this.label} ${done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')} · ${recent.toFixed(0)}/s now · ${average.toFixed(0)}/s average · ${this.seconds().toFixed(0)} s${extra ? ` · ${extra}` : ''}`,
    );
  }
}
