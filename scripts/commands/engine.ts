import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parsePort } from './port-option';
import { loadEngineAuth, parseAuthMode, type AuthMode } from '../../engine/identity';

import { explainStartupFailure, quietGrpcLogs } from './startup-failure';
import { stopOnSignal } from './stop-on-signal';
import { createServiceLog, SERVICE_LOG_HELP } from '../../engine/logging/service-log';
import { diskWatermarkSettings, parseByteSize, type DiskWatermarkOptions } from '../../engine/log/disk-space-monitor';

/** What `onego engine --help` prints. */
export function usage(): string {
  return [
    'usage: onego engine [options]',
    '  the embedded engine alone: Zeebe gateway gRPC and Camunda REST API v2; prints {"grpc","rest","data"} when ready',
    '  --grpc-port N             gRPC port (default 26500; 0 picks a free port)',
    '  --rest-port N             REST port (default 8080; 0 picks a free port)',
    '  --data DIR                data folder (default ./.onego/data); one engine per folder',
    '  --clock system|controlled engine time (default system; controlled: moved by PUT /v2/clock)',
    '  --auth none|basic         authentication (default none here; basic checks the identity file)',
    '  --identity FILE           identity file for --auth basic (default ONEGO_IDENTITY_FILE or the demo file)',
    '  --management-port N       /actuator/health and /actuator/prometheus (default 9600; 0 picks a free port)',
    '  --snapshot-every-records N  snapshot live state after N records (0: never by count)',
    '  --snapshot-every-seconds T  snapshot live state every T seconds (0: never by time)',
    '  --replay-all              ignore snapshots and replay the whole log (slow; for checking)',
    '  --no-history              run without the history exporter (searches answer 503; for benchmarks)',
    '  --log-retention keep|archive  records below the snapshot and exported positions: keep them in the live log',
    '                            (default, 全程留痕) or move them to DIR/archive/records-<from>-<to>.sqlite',
    '  --disk-free-processing SIZE  refuse commands (RESOURCE_EXHAUSTED) while less is free under DIR, e.g. 1GB,',
    '                            512MB; 0 turns the check off (default ONEGO_DISK_FREE_PROCESSING or 1GB; checked every',
    '                            ONEGO_DISK_MONITORING_INTERVAL_MS, default 1000)',
    '  --help                    print this text',
    SERVICE_LOG_HELP,
  ].join('\n');
}

interface EngineCommandOptions {
  grpcPort: number;
  restPort: number;
  dataDir: string;
  clock: 'system' | 'controlled';
  /** `none` (default here) or `basic`: Basic / session cookie checked against the identity file. */
  auth: AuthMode;
  /** The identity file for `--auth basic`; default `ONEGO_IDENTITY_FILE` or the demo file. */
  identityFile?: string;
  /** `/actuator/health` and `/actuator/prometheus` (Camunda's 9600). */
  managementPort: number;
  /** false with `--no-history`: no exporter, searches answer 503 (the benchmark compares both). */
  history: boolean;
  /** Snapshot triggers given on the command line (the engine's defaults fill the rest). */
  snapshot: { everyRecords?: number; everySeconds?: number };
  /** Ignore snapshots and replay the log from position 1. */
  replayAll: boolean;
  /** `keep` (default) or `archive`: see engine/retention. */
  logRetention: 'keep' | 'archive';
  /** The free-space watermark: `--disk-free-processing`, else the environment's. */
  diskWatermark: DiskWatermarkOptions;
}

/** A whole number ≥ 0 from a flag, or a clear error naming the flag. */
function parseCount(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new Error(`${flag} 须为非负整数 / Expected ${flag} to be a whole number ≥ 0 (0 turns it off), but was '${value}'`);
  }
  return Number(value);
}

/** The watermark from the environment, its size replaced by `--disk-free-processing` when given. */
function diskWatermark(flag: string | undefined): DiskWatermarkOptions {
  const settings = diskWatermarkSettings();
  return flag === undefined ? settings : { ...settings, freeProcessingBytes: parseByteSize(flag, '--disk-free-processing') };
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
      'management-port': { type: 'string', default: '9600' },
      'snapshot-every-records': { type: 'string' },
      'snapshot-every-seconds': { type: 'string' },
      'replay-all': { type: 'boolean', default: false },
      'no-history': { type: 'boolean', default: false },
      'log-retention': { type: 'string', default: 'keep' },
      'disk-free-processing': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const clock = values.clock;
  if (clock !== 'system' && clock !== 'controlled') {
    throw new Error(`Expected --clock to be 'system' or 'controlled', but was '${clock}'`);
  }
  const logRetention = values['log-retention'];
  if (logRetention !== 'keep' && logRetention !== 'archive') {
    throw new Error(`--log-retention 须为 keep 或 archive / Expected --log-retention to be 'keep' or 'archive', but was '${logRetention}'`);
  }
  return {
    grpcPort: parsePort(values['grpc-port'], '--grpc-port'),
    restPort: parsePort(values['rest-port'], '--rest-port'),
    dataDir: resolve(values.data),
    clock,
    auth: parseAuthMode(values.auth),
    identityFile: values.identity === undefined ? undefined : resolve(values.identity),
    managementPort: parsePort(values['management-port'], '--management-port'),
    snapshot: {
      everyRecords: parseCount(values['snapshot-every-records'], '--snapshot-every-records'),
      everySeconds: parseCount(values['snapshot-every-seconds'], '--snapshot-every-seconds'),
    },
    replayAll: values['replay-all'] ?? false,
    logRetention,
    diskWatermark: diskWatermark(values['disk-free-processing']),
    history: !values['no-history'],
  };
}

/**
 * `onego engine`: run the embedded engine with its gRPC and REST gateways until SIGTERM / SIGINT.
 * Prints one JSON line when ready — `{"grpc":"127.0.0.1:PORT","rest":"http://127.0.0.1:PORT","data":"DIR"}`
 * — so scripts and tests can start it with port 0 and learn where it listens.
 */
export async function run(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage());
    return;
  }
  let options: EngineCommandOptions;
  try {
    options = parseEngineArgs(argv);
  } catch (error) {
    console.error(`onego engine: ${error instanceof Error ? error.message : String(error)}`);
    console.error(usage());
    process.exit(2);
  }

  let server;
  quietGrpcLogs();
  try {
    // Refused attempts go to <data>/security/refusals.log (aggregated, rotated), not to stderr: a flood of
    // them must not flood the journal either.
    const auth = await loadEngineAuth({ mode: options.auth, identityFile: options.identityFile });
    // Loaded only now, so a mistyped flag is reported at once instead of after the engine's modules load.
    const { startEngineServer } = await import('../../engine/server');
    server = await startEngineServer({
      grpcPort: options.grpcPort,
      restPort: options.restPort,
      dataDir: options.dataDir,
      clock: options.clock,
      snapshot: Object.fromEntries(Object.entries(options.snapshot).filter(([, v]) => v !== undefined)),
      replayAll: options.replayAll,
      authenticateGrpc: auth.grpc,
      restAuth: auth,
      managementPort: options.managementPort,
      history: options.history,
      logRetention: { mode: options.logRetention },
      diskWatermark: options.diskWatermark,
    });
  } catch (error) {
    const failure = explainStartupFailure(error, options);
    console.error(`onego engine: ${failure.line}`);
    process.exit(failure.exitCode);
  }

  const running = server;
  const log = createServiceLog({ component: 'engine', destination: 2 });
  // Progress goes to stderr: stdout carries only the ready line scripts parse. The signal handlers are in
  // place before that line, so a stop sent as soon as it appears is a clean stop.
  const stopped = stopOnSignal({
    command: 'onego engine',
    log: (line) => log.info(line),
    steps: [{ label: '关闭网关和引擎并写完日志 / closing the gateways and the engine, flushing its log', run: () => running.close() }],
  });
  process.stdout.write(`${JSON.stringify({ grpc: server.grpcAddress, rest: server.restUrl, data: options.dataDir, management: server.managementUrl ?? null })}\n`);
  await stopped;
}
