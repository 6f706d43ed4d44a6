import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drive } from '../bench/drive';
import { cpuSecondsOf } from '../bench/process-stats';
import { openEngineSession } from './engine-session';
import { mainThreadShare, threadCpuSecondsOf } from './thread-cpu';
import { FINISHED_MODEL_RESOURCE, FINISHED_PROCESS_ID, caseVariables } from './models';

/**
 * Finished instances per second in the phases of one mode, and the engine process's CPU ms per instance
 * (all its threads: the exporter's included) and of its main thread alone (what history costs the engine
 * thread itself: commit notifications, replies), or why that mode could not run. On a machine shared with other
 * work the CPU per instance is the steadier figure of the two.
 */
export type ThroughputRuns = { piPerSecond: number[]; engineCpuMs: number[]; mainThreadCpuMs: number[]; busiestThreadCpuMs?: number[] } | { unavailable: string };

/** Both modes, measured in alternating phases. */
export interface ThroughputComparison {
  historyOn: ThroughputRuns;
  historyOff: ThroughputRuns;
  /** Spawn → Topology answered, in s, of each fresh engine with history on: the restart's fixed part. */
  freshStartSeconds: number[];
}

/**
 * One phase: a fresh engine on a fresh data folder, the finished cases' model, `instances` run to their end
 * with `concurrency` in flight after a warm-up of 200. Answers instances per second.
 */
async function phase(options: {
  instances: number;
  concurrency: number;
  workers: number;
  extraArgs: string[];
}): Promise<{ piPerSecond: number; engineCpuMs: number; mainThreadCpuMs: number; busiestThreadCpuMs: number; startSeconds: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'onego-bench-scale-phase-'));
  try {
    const session = await openEngineSession({ dataDir, extraArgs: options.extraArgs, models: [FINISHED_MODEL_RESOURCE], workers: options.workers, quiet: true });
    try {
      const runOne = (index: number) => session.client.createProcessInstanceWithResult({ bpmnProcessId: FINISHED_PROCESS_ID, variables: caseVariables(index, 'T') });
      await drive(Math.min(200, options.instances), options.concurrency, runOne);
      const pid = session.engine.pid;
      const cpuBefore = await cpuSecondsOf(pid);
      const threadsBefore = await threadCpuSecondsOf(pid);
      const { seconds } = await drive(options.instances, options.concurrency, runOne);
      const engineCpuMs = (((await cpuSecondsOf(pid)) - cpuBefore) * 1000) / options.instances;
      const share = mainThreadShare(pid, threadsBefore, await threadCpuSecondsOf(pid));
      const perInstance = (cpuSeconds: number) => (cpuSeconds * 1000) / options.instances;
      return { piPerSecond: options.instances / seconds, engineCpuMs, mainThreadCpuMs: perInstance(share.main), busiestThreadCpuMs: perInstance(share.busiestOther), startSeconds: session.startSeconds };
    } finally {
      await session.closeClients();
      await session.engine.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * History on (the engine's default) against `onego engine --no-history`: first one warm-up pair that is not
 * counted, then `pairs` pairs of phases in alternating order (on/off, off/on, …) so a machine that speeds up or
 * slows down during the run favours neither. Why the warm-up: on this 2-core machine the first fresh engine of
 * a run was the slowest phase of the run in most runs whatever its mode (e.g. 628 PI/s, then 740–974 PI/s for
 * the eleven after it), and the first phase is always a history-on one. An engine that refuses `--no-history`
 * makes that side unavailable, with its message.
 */
export async function compareThroughput(
  options: { instances: number; concurrency: number; workers: number; pairs: number },
  onPhase: (label: string, piPerSecond: number, engineCpuMs: number, mainThreadCpuMs: number, busiestThreadCpuMs: number) => void,
): Promise<ThroughputComparison> {
  const sides = {
    on: { piPerSecond: [] as number[], engineCpuMs: [] as number[], mainThreadCpuMs: [] as number[], busiestThreadCpuMs: [] as number[] },
    off: { piPerSecond: [] as number[], engineCpuMs: [] as number[], mainThreadCpuMs: [] as number[], busiestThreadCpuMs: [] as number[] },
  };
  const freshStartSeconds: number[] = [];
  let offUnavailable: string | undefined;
  for (let run = -1; run < options.pairs; run++) {
    const warmUp = run < 0;
    const order = run % 2 === 0 || warmUp ? (['on', 'off'] as const) : (['off', 'on'] as const);
    for (const mode of order) {
      if (mode === 'off' && offUnavailable !== undefined) continue;
      let result: Awaited<ReturnType<typeof phase>>;
      try {
        result = await phase({ ...options, extraArgs: mode === 'on' ? [] : ['--no-history'] });
      } catch (error) {
        if (mode === 'on') throw error;
        offUnavailable = error instanceof Error ? error.message : String(error);
        continue;
      }
      const { piPerSecond, engineCpuMs, mainThreadCpuMs, busiestThreadCpuMs, startSeconds } = result;
      onPhase(`${mode === 'on' ? 'history on' : '--no-history'}${warmUp ? ' (warm-up, not counted)' : ''}`, piPerSecond, engineCpuMs, mainThreadCpuMs, busiestThreadCpuMs);
      if (warmUp) continue;
      const side = sides[mode];
      side.piPerSecond.push(piPerSecond);
      side.engineCpuMs.push(engineCpuMs);
      side.mainThreadCpuMs.push(mainThreadCpuMs);
      side.busiestThreadCpuMs.push(busiestThreadCpuMs);
      if (mode === 'on') freshStartSeconds.push(startSeconds);
    }
  }
  return {
    historyOn: sides.on,
    historyOff: offUnavailable !== undefined && sides.off.piPerSecond.length === 0 ? { unavailable: offUnavailable } : sides.off,
    freshStartSeconds,
  };
}

/**
 * Each pair's on / off ratio, in the order the pairs ran (the i-th phase of each side belongs to the i-th
 * pair). A pair's two phases run back to back, so its ratio is little moved by the machine's drift over a run,
 * which the ratio of the two medians mixes in.
 */
export function pairRatios(on: number[], off: number[]): number[] {
  return on.slice(0, off.length).map((value, index) => value / off[index]);
}
