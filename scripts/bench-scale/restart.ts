import { startEngineChild } from '../bench/engine-child';
import { cpuSecondsOf, rssOf } from '../bench/process-stats';
import { benchZeebeClient } from '../bench/sdk-client';

/** One restart after `kill -9`. */
export interface RestartResult {
  /** Spawn → the gateway answered Topology over gRPC, in s. */
  toGatewaySeconds: number;
  /** Spawn → the engine printed its ready line, in s. */
  toReadySeconds: number;
  /** Spawn → a first command (PublishMessage) was accepted, in s: the engine can work, not only answer. */
  toFirstCommandSeconds: number;
  /** CPU the engine process used until Topology answered, in s: wall time on a shared machine waits for cores too. */
  cpuSeconds: number;
  /** The engine's RSS right after it answered. */
  rssBytes: number;
}

/**
 * Restart `onego engine` on `dataDir` `runs` times. The caller has already killed the loaded engine with
 * SIGKILL; each restarted engine is killed the same way after it answered, except the last, which is stopped
 * with SIGTERM. Timing runs from spawning the process (Node start-up and module loading included, as for an
 * operator) until Topology over gRPC, through the SDK, answers.
 */
export async function measureRestarts(dataDir: string, runs: number, onEach: (run: number, result: RestartResult) => void): Promise<RestartResult[]> {
  const results: RestartResult[] = [];
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const engine = startEngineChild(['--grpc-port', '0', '--rest-port', '0', '--data', dataDir, '--auth', 'none']);
    try {
      const ready = await engine.ready;
      const toReadySeconds = (performance.now() - t0) / 1000;
      const client = benchZeebeClient(ready.grpc, { retry: false });
      await client.topology();
      const toGatewaySeconds = (performance.now() - t0) / 1000;
      const cpuSeconds = await cpuSecondsOf(engine.pid);
      // A message nobody waits for, kept for no time: it is appended to the log and changes nothing else.
      await client.publishMessage({ name: 'bench-scale-restart-probe', correlationKey: `run-${run}`, variables: {}, timeToLive: 0 });
      const toFirstCommandSeconds = (performance.now() - t0) / 1000;
      await client.close();
      const result = { toGatewaySeconds, toReadySeconds, toFirstCommandSeconds, cpuSeconds, rssBytes: await rssOf(engine.pid) };
      results.push(result);
      onEach(run, result);
    } finally {
      if (run < runs - 1) await engine.kill9();
      else await engine.stop();
    }
  }
  return results;
}
