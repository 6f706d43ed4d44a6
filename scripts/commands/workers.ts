/**
 * `onego workers`: runs every job worker in `workers/jobs/` against the Zeebe gateway named by the SDK's
 * standard environment (`ZEEBE_GRPC_ADDRESS`, `CAMUNDA_AUTH_STRATEGY`, …; `new Camunda8()` with no
 * arguments) — our embedded engine or any Camunda 8 cluster. SIGTERM or SIGINT closes the workers.
 */
import { Camunda8 } from '@camunda8/sdk';
import { loadJobWorkers, startJobWorkers } from '../../workers';
import { ConnectionReporter } from '../../workers/connection-reporter';
import { createServiceLog, SERVICE_LOG_HELP } from '../../engine/logging/service-log';

/** What the command prints for `--help` and after a usage error. */
export function usage(): string {
  return [
    'usage: onego workers [--list] [--help]',
    '  runs all job workers against the gateway in ZEEBE_GRPC_ADDRESS (SDK default grpc://localhost:26500)',
    '  --list   print the job types and exit',
    '  --help   print this text',
    SERVICE_LOG_HELP,
  ].join('\n');
}

/** The command's options. */
export interface WorkersOptions {
  list: boolean;
  help: boolean;
}

/** Reads the arguments; throws on anything it does not know, so a typo never starts workers. */
export function parseArguments(argv: string[]): WorkersOptions {
  const options: WorkersOptions = { list: false, help: false };
  for (const argument of argv) {
    if (argument === '--list') options.list = true;
    else if (argument === '--help' || argument === '-h') options.help = true;
    else throw new Error(`onego workers: Expected one of --list, --help, but got '${argument}'`);
  }
  return options;
}

function gatewayOf(env: NodeJS.ProcessEnv): string {
  return env.ZEEBE_GRPC_ADDRESS || env.ZEEBE_ADDRESS || 'grpc://localhost:26500 (SDK default)';
}

function untilSignal(signals: NodeJS.Signals[]): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handlers = signals.map((signal) => {
      const handler = () => {
        signals.forEach((other, index) => process.off(other, handlers[index]!));
        resolve(signal);
      };
      process.on(signal, handler);
      return handler;
    });
  });
}

/** Runs the command until SIGTERM or SIGINT. */
export async function run(argv: string[]): Promise<void> {
  let options: WorkersOptions;
  try {
    options = parseArguments(argv);
  } catch (error) {
    console.error((error as Error).message);
    console.error(usage());
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    console.log(usage());
    return;
  }
  const definitions = await loadJobWorkers();
  if (options.list) {
    for (const definition of definitions) console.log(`${definition.type}\t${definition.description}`);
    return;
  }

  const log = createServiceLog({ component: 'workers', destination: 1 });
  const zeebe = new Camunda8().getZeebeGrpcApiClient();
  const connection = new ConnectionReporter({ gateway: gatewayOf(process.env), log: (line) => log.info(`onego workers: ${line}`) });
  const running = startJobWorkers({ zeebe, definitions, connection, log: (line) => log.info(line), warn: (line) => log.warn(line) });
  const stopped = untilSignal(['SIGTERM', 'SIGINT']);
  log.info(`onego workers: ${definitions.length} job type(s) working for ${gatewayOf(process.env)}`);
  const signal = await stopped;
  log.info(`onego workers: ${signal} received, closing the workers`);
  await running.close();
  await zeebe.close();
  log.info('onego workers: stopped');
  // The SDK's gRPC channel can keep reconnect timers alive after close (seen with an unreachable
  // gateway), which would keep a stopped worker process from ending; this command owns its process.
  process.exit(process.exitCode ?? 0);
}
