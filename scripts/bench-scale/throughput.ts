import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drive } from '../bench/drive';
import { openEngineSession } from './engine-session';
import { FINISHED_MODEL_RESOURCE, FINISHED_PROCESS_ID, caseVariables } from './models';

/** Finished instances per second in the phases of one mode, or why that mode could not run. */
export type ThroughputRuns = { piPerSecond: number[] } | { unavailable: string };

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
async function phase(options: { instances: number; concurrency: number; workers: number; extraArgs: string[] }): Promise<{ piPerSecond: number; startSeconds: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'onego-bench-scale-phase-'));
  try {
    const session = await openEngineSession({ dataDir, extraArgs: options.extraArgs, models: [FINISHED_MODEL_RESOURCE], workers: options.workers, quiet: true });
    try {
      const runOne = (index: number) => session.client.createProcessInstanceWithResult({ bpmnProcessId: FINISHED_PROCESS_ID, variables: caseVariables(index, 'T') });
      await drive(Math.min(200, options.instances), options.concurrency, runOne);
      const { seconds } = await drive(options.instances, options.concurrency, runOne);
      return { piPerSecond: options.instances / seconds, startSeconds: session.startSeconds };
    } finally {
      await session.closeClients();
      await session.engine.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * History on (the engine's default) against `onego engine --no-history`, `runs` pairs of phases in
 * alternating order (on/off, off/on, …) so a machine that speeds up or slows down during the run favours
 * neither. An engine that refuses `--no-history` makes that side unavailable, with its message.
 */
export async function compareThroughput(
  options: { instances: number; concurrency: number; workers: number; runs: number },
  onPhase: (label: string, piPerSecond: number) => void,
): Promise<ThroughputComparison> {
  const on: number[] = [];
  const off: number[] = [];
  const freshStartSeconds: number[] = [];
  let offUnavailable: string | undefined;
  for (let run = 0; run < options.runs; run++) {
    const order = run % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const);
    for (const mode of order) {
      if (mode === 'on') {
        const { piPerSecond, startSeconds } = await phase({ ...options, extraArgs: [] });
        on.push(piPerSecond);
        freshStartSeconds.push(startSeconds);
        onPhase('history on', piPerSecond);
      } else if (offUnavailable === undefined) {
        try {
          const { piPerSecond } = await phase({ ...options, extraArgs: ['--no-history'] });
          off.push(piPerSecond);
          onPhase('--no-history', piPerSecond);
        } catch (error) {
          offUnavailable = error instanceof Error ? error.message : String(error);
        }
      }
    }
  }
  return {
    historyOn: { piPerSecond: on },
    historyOff: offUnavailable !== undefined && off.length === 0 ? { unavailable: offUnavailable } : { piPerSecond: off },
    freshStartSeconds,
  };
}
