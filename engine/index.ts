/**
 * The embedded Zeebe-compatible engine: `createEngine()` opens a durable record log, rebuilds state from it
 * and serves the command surface in `api.ts`.
 *
 * @example
 * const engine = await createEngine({ clock: 'controlled' });
 * await engine.deployResources([{ name: 'order.bpmn', content: xml }]);
 * const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'order' });
 * const [job] = await engine.activateJobs({ type: 'pay', worker: 'w', timeoutMs: 60_000, maxJobsToActivate: 1 });
 * await engine.completeJob(job.key, { paid: true });
 * await engine.close();
 */
import { Engine, type EngineOptions } from './engine';

export { Engine, type EngineOptions };
export * from './api';

/** Open an engine (a fresh temporary data directory unless `dataDir` is given). */
export function createEngine(options?: EngineOptions): Promise<Engine> {
  return Engine.open(options);
}
