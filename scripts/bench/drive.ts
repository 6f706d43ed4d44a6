/** Load shapes shared by the benchmarks: a bounded number of tasks in flight, and percentiles of what they took. */

/** The p-th percentile (0–100) of an ascending list, nearest-rank; NaN for an empty list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Run `total` tasks with at most `concurrency` in flight, recording each one's latency in ms. `task` gets
 * the task's index (0-based); a rejected task rejects the whole run.
 */
export async function drive(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<unknown>,
): Promise<{ seconds: number; latenciesMs: number[] }> {
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < total) {
      const index = next++;
      const t0 = performance.now();
      await task(index);
      latenciesMs.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, lane));
  return { seconds: (performance.now() - started) / 1000, latenciesMs };
}
