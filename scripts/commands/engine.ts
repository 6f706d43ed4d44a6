import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parsePort } from './port-option';
import { loadEngineAuth, parseAuthMode, type AuthMode } from '../../engine/identity';

const USAGE = 'usage: onego engine [--grpc-port N] [--rest-port N] [--data DIR] [--clock system|controlled] [--auth none|basic] [--identity FILE] [--no-history]';

interface EngineCommandOptions {
  grpcPort: number;
  restPort: number;
  dataDir: string;
  clock: 'system' | 'controlled';
  /** `none` (default here) or `basic`: Basic / session cookie checked against the identity file. */
  auth: AuthMode;
  /** The identity file for `--auth basic`; default `ONEGO_IDENTITY_FILE` or the demo file. */
  identityFile?: string;
  /** false with `--no-history`: no exporter, searches answer 503 (the benchmark compares both). */
  history: boolean;
}

/** Parse the command line; throws with a message fit for the user on anything unexpected. */
export function parseEngineArgs(argv: string[]): EngineCommandOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      'grpc-port': { type: 'string', default: '26500' },
      'rest-port': { type: 'string', default: '8080' },
      data: { type: 'string', default: './.onego/data' },
      clock: { type: 'string', default: 'system' },
      auth: { type: 'string', default: 'none' },
      identity: { type: 'string' },
      'no-history': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const clock = values.clock;
  if (clock !== 'system' && clock !== 'controlled') {
    throw new Error(`Expected --clock to be 'system' or 'controlled', but was '${clock}'`);
  }
  return {
    grpcPort: parsePort(values['grpc-port'], '--grpc-port'),
    restPort: parsePort(values['rest-port'], '--rest-port'),
    dataDir: resolve(values.data),
    clock,
    auth: parseAuthMode(values.auth),
    identityFile: values.identity === undefined ? undefined : resolve(values.identity),
    history: !values['no-history'],
  };
}

/**
 * `onego engine`: run the embedded engine with its gRPC and REST gateways until SIGTERM / SIGINT.
 * Prints one JSON line when ready — `{"grpc":"127.0.0.1:PORT","rest":"http://127.0.0.1:PORT","data":"DIR"}`
 * — so scripts and tests can start it with port 0 and learn where it listens.
 */
export async function run(argv: string[]): Promise<void> {
  let options: EngineCommandOptions;
  try {
    options = parseEngineArgs(argv);
  } catch (error) {
    console.error(`onego engine: ${error instanceof Error ? error.message : String(error)}`);
    console.error(USAGE);
    process.exit(1);
  }

  let server;
  try {
    // Refused attempts go to stderr as JSON lines until the engine can record them in its stream.
    const auth = await loadEngineAuth({
      mode: options.auth,
      identityFile: options.identityFile,
      onDenied: (attempt) => console.error(JSON.stringify({ deniedAttempt: attempt })),
    });
    // Loaded only now, so a mistyped flag is reported at once instead of after the engine's modules load.
    const { startEngineServer } = await import('../../engine/server');
    server = await startEngineServer({
      grpcPort: options.grpcPort,
      restPort: options.restPort,
      dataDir: options.dataDir,
      clock: options.clock,
      authenticateGrpc: auth.grpc,
      restAuth: auth,
      history: options.history,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = /EADDRINUSE|address already in use|No address added/i.test(message) ? ' (is the port already in use?)' : '';
    console.error(`onego engine: could not start: ${message}${hint}`);
    process.exit(1);
  }

  process.stdout.write(`${JSON.stringify({ grpc: server.grpcAddress, rest: server.restUrl, data: options.dataDir })}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`onego engine: error while stopping on ${signal}: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
