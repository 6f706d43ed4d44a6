import { spawnJobWorkers, type JobWorkerProcess } from '../bench/job-workers';
import { startEngineChild, type EngineChild, type EngineReady } from '../bench/engine-child';
import { benchZeebeClient, type BenchZeebeClient } from '../bench/sdk-client';

/** An engine child with the benchmark's models deployed, an SDK client and the job-worker process. */
export interface EngineSession {
  engine: EngineChild;
  ready: EngineReady;
  client: BenchZeebeClient;
  workers: JobWorkerProcess;
  /** Spawn → the gateway answered Topology over gRPC, in s (before deploying). */
  startSeconds: number;
  /** Stop workers and client; the engine is left to the caller (it may be killed with -9). */
  closeClients(): Promise<void>;
}

/**
 * Start `onego engine` on `dataDir` (ports 0, no authentication, plus `extraArgs`), deploy `models` through
 * the SDK and start `workers` streaming job workers in their own process. `quiet` keeps the engine's stderr
 * from ours (for an engine that may refuse a flag).
 */
export async function openEngineSession(options: {
  dataDir: string;
  extraArgs?: string[];
  models: { name: string; xml: string }[];
  workers: number;
  quiet?: boolean;
  /** Node flags for the engine besides the usual ones (e.g. a diagnostic report on a signal). */
  nodeArgs?: string[];
}): Promise<EngineSession> {
  const engine = startEngineChild(['--grpc-port', '0', '--rest-port', '0', '--data', options.dataDir, '--auth', 'none', ...(options.extraArgs ?? [])], {
    quiet: options.quiet,
    nodeArgs: options.nodeArgs,
  });
  const t0 = performance.now();
  let client: BenchZeebeClient | undefined;
  try {
    const ready = await engine.ready;
    client = benchZeebeClient(ready.grpc);
    await client.topology();
    const startSeconds = (performance.now() - t0) / 1000;
    for (const model of options.models) await client.deployResource({ process: Buffer.from(model.xml), name: model.name });
    const workers = await spawnJobWorkers('bench-scale', ['--grpc', ready.grpc, '--workers', String(options.workers)]);
    const opened = client;
    return {
      engine,
      ready,
      client: opened,
      workers,
      startSeconds,
      async closeClients() {
        await workers.stop();
        await opened.close();
      },
    };
  } catch (error) {
    await client?.close();
    await engine.stop();
    throw error;
  }
}
