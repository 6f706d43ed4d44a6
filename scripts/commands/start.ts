/**
 * `onego start` (what `npm start` runs): the whole product on one machine — the embedded engine with its
 * gRPC and REST gateways, every model and form deployed, all job workers, and a few demo cases — each part
 * talking to the engine through the same official clients a real Camunda 8 cluster would get.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Camunda8 } from '@camunda8/sdk';
import { startEngineServer, type EngineServer } from '../../engine/server';
import { loadJobWorkers, startJobWorkers, type RunningJobWorkers } from '../../workers';
import { collectDeployableFiles, deployFiles, describeDeployment, projectRoot } from './deploy';
import { seedDemoCases } from '../demo/seed-demo-cases';

const USAGE = 'usage: onego start [--grpc-port N] [--rest-port N] [--data DIR] [--no-demo]';

/** The command's options. */
export interface StartOptions {
  grpcPort: number;
  restPort: number;
  dataDir: string;
  demo: boolean;
}

function parsePort(value: string, flag: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new Error(`Expected ${flag} to be a port number from 0 to 65535, but was '${value}'`);
  }
  return Number(value);
}

/** Reads the command line; throws a message fit for the user on anything unexpected. */
export function parseStartArgs(argv: string[]): StartOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      'grpc-port': { type: 'string', default: '26500' },
      'rest-port': { type: 'string', default: '8080' },
      data: { type: 'string', default: './.onego/data' },
      'no-demo': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  return {
    grpcPort: parsePort(values['grpc-port'], '--grpc-port'),
    restPort: parsePort(values['rest-port'], '--rest-port'),
    dataDir: resolve(values.data),
    demo: !values['no-demo'],
  };
}

/** Everything `onego start` runs, so tests can start and stop it in-process. */
export interface RunningOneGo {
  server: EngineServer;
  workers: RunningJobWorkers;
  close(): Promise<void>;
}

/** An SDK client for the engine just started: plaintext, local, quiet. */
function clientFor(server: EngineServer): Camunda8 {
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${server.grpcAddress}`,
    ZEEBE_REST_ADDRESS: server.restUrl,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'error',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'ERROR' },
  } as never);
}

/** Starts engine, deployment, workers and (optionally) demo cases; prints what it did through `log`. */
export async function startOneGo(options: StartOptions, log: (line: string) => void = console.log): Promise<RunningOneGo> {
  const server = await startEngineServer({
    grpcPort: options.grpcPort,
    restPort: options.restPort,
    dataDir: options.dataDir,
    clock: 'system',
  });
  const camunda = clientFor(server);
  const zeebe = camunda.getZeebeGrpcApiClient();
  let workers: RunningJobWorkers | undefined;
  try {
    const deployment = await deployFiles(zeebe, collectDeployableFiles(projectRoot));
    describeDeployment(deployment).forEach(log);

    const definitions = await loadJobWorkers();
    workers = startJobWorkers({ zeebe, definitions, log });
    log(`workers: ${definitions.length} job types`);

    if (options.demo) {
      for (const line of await seedDemoCases(server.engine, options.dataDir)) log(line);
    }
  } catch (error) {
    await workers?.close();
    await zeebe.close();
    await server.close();
    throw error;
  }
  const running = workers;
  return {
    server,
    workers: running,
    async close() {
      await running.close();
      await zeebe.close();
      await server.close();
    },
  };
}

/** Runs until SIGTERM or SIGINT. */
export async function run(argv: string[]): Promise<void> {
  let options: StartOptions;
  try {
    options = parseStartArgs(argv);
  } catch (error) {
    console.error(`onego start: ${error instanceof Error ? error.message : String(error)}`);
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const running = await startOneGo(options);
  console.log(
    JSON.stringify({ grpc: running.server.grpcAddress, rest: running.server.restUrl, data: options.dataDir }),
  );
  console.log('OneGo is running. Ctrl+C stops it.');
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  await running.close();
}
