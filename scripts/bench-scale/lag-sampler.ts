/**
 * Samples the exporter lag (`exporter.lagMs` of `GET /v2/onego/status`) every 100 ms while the benchmark
 * loads. An engine without that endpoint or field gives a reason instead of samples, so the benchmark runs
 * on every branch.
 */

/** The samples, or why there are none. */
export type LagSamples = { samplesMs: number[] } | { unavailable: string };

/** A running sampler; {@link stop} ends it and hands over what it saw. */
export interface LagSampler {
  stop(): Promise<LagSamples>;
  /** The latest sample, for the progress line; undefined before the first or when unavailable. */
  latestMs(): number | undefined;
}

/** Start sampling `${restUrl}/v2/onego/status` every `everyMs` (the next request waits for the previous answer). */
export function startLagSampler(restUrl: string, everyMs = 100): LagSampler {
  const samplesMs: number[] = [];
  let unavailable: string | undefined;
  let stopped = false;
  const url = `${restUrl}/v2/onego/status`;

  async function sampleOnce(): Promise<void> {
    const response = await fetch(url);
    if (!response.ok) {
      unavailable = `GET /v2/onego/status answered ${response.status}`;
      return;
    }
    const body = (await response.json()) as { exporter?: { lagMs?: unknown } };
    const lag = body.exporter?.lagMs;
    if (typeof lag !== 'number') {
      unavailable = 'GET /v2/onego/status has no number exporter.lagMs';
      return;
    }
    samplesMs.push(lag);
  }

  const loop = (async () => {
    while (!stopped && unavailable === undefined) {
      const next = performance.now() + everyMs;
      try {
        await sampleOnce();
      } catch (error) {
        // A sample lost to a busy machine is not a reason to stop sampling; a dead engine ends the load anyway.
        if (samplesMs.length === 0) unavailable = `GET /v2/onego/status failed: ${error instanceof Error ? error.message : String(error)}`;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
    }
  })();

  return {
    latestMs: () => (unavailable === undefined ? samplesMs.at(-1) : undefined),
    async stop() {
      stopped = true;
      await loop;
      return unavailable !== undefined ? { unavailable } : { samplesMs };
    },
  };
}

/**
 * Wait until the exporter has caught up (`exporter.lagMs` ≤ `okMs`) or `maxSeconds` have passed, so the
 * searches that follow ask a history that holds the whole load (search is eventually consistent, as in
 * Camunda). Answers the seconds waited, or undefined when the engine reports no lag.
 */
export async function awaitExporterCaughtUp(restUrl: string, maxSeconds = 10, okMs = 100): Promise<number | undefined> {
  const started = performance.now();
  for (;;) {
    const response = await fetch(`${restUrl}/v2/onego/status`).catch(() => undefined);
    if (!response?.ok) return undefined;
    const lag = ((await response.json()) as { exporter?: { lagMs?: unknown } }).exporter?.lagMs;
    if (typeof lag !== 'number') return undefined;
    const waited = (performance.now() - started) / 1000;
    if (lag <= okMs || waited >= maxSeconds) return waited;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
