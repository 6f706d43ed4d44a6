/**
 * `onego start` (what `npm start` runs): the whole product on one machine — the embedded engine with its
 * gRPC and REST gateways, every model and form deployed, all job workers, and a few demo cases — each part
 * talking to the engine through the same official clients a real Camunda 8 cluster would get.
 */
import { delimiter, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parsePort } from './port-option';
import { Camunda8 } from '@camunda8/sdk';
import { DEMO_PERSON_PASSWORD, DEMO_WORKER_PASSWORD, loadEngineAuth, parseAuthMode, type AuthMode } from '../../engine/identity';
import { startEngineServer, type EngineServer } from '../../engine/server';
import { loadJobWorkers, startJobWorkers, type RunningJobWorkers } from '../../workers';
import { collectDeployableFiles, deployFiles, describeDeployment, projectRoot } from './deploy';
import { seedDemoCases } from '../demo/seed-demo-cases';
import { appsApiRoutes, createAppsRouter } from '../../apps';
import { calendarFromEnv } from '../../workers/calendar';
import { explainStartupFailure, quietGrpcLogs } from './startup-failure';
import { stopOnSignal, type StopStep } from './stop-on-signal';
import { resolveNotificationChannel } from '../../workers/notify';
import { createServiceLog, SERVICE_LOG_HELP } from '../../engine/logging/service-log';

/** The command's options. */
export interface StartOptions {
  grpcPort: number;
  restPort: number;
  dataDir: string;
  demo: boolean;
  /** Default `basic`: the product runs with authentication on (demo identity unless ONEGO_IDENTITY_FILE). */
  auth?: AuthMode;
  /** `/actuator/health` and `/actuator/prometheus`; default 9600 (Camunda's management port). */
  managementPort?: number;
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
      auth: { type: 'string' },
      'management-port': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  return {
    grpcPort: parsePort(values['grpc-port'], '--grpc-port'),
    restPort: parsePort(values['rest-port'], '--rest-port'),
    dataDir: resolve(values.data),
    demo: !values['no-demo'],
    ...(values.auth === undefined ? {} : { auth: parseAuthMode(values.auth) }),
    ...(values['management-port'] === undefined ? {} : { managementPort: parsePort(values['management-port'], '--management-port') }),
  };
}

/** Everything `onego start` runs, so tests can start and stop it in-process. */
export interface RunningOneGo {
  server: EngineServer;
  workers: RunningJobWorkers;
  /** The ordered steps that stop it (what {@link close} runs, and what Ctrl+C shows one by one). */
  stopSteps(): StopStep[];
  close(): Promise<void>;
}

/** How long the workers get to finish jobs in flight before the engine closes (an unfinished job times out and is worked again). */
const WORKER_DRAIN_MS = 1500;

/** Who deploys and who runs the workers when auth is on (the demo accounts unless the environment says). */
function startCredentials(env: NodeJS.ProcessEnv = process.env) {
  return {
    admin: { username: env.ONEGO_ADMIN_USERNAME ?? 'guan.li', password: env.ONEGO_ADMIN_PASSWORD ?? DEMO_PERSON_PASSWORD },
    worker: { username: env.ONEGO_WORKER_USERNAME ?? 'onego-worker', password: env.ONEGO_WORKER_PASSWORD ?? DEMO_WORKER_PASSWORD },
  };
}

/** An SDK client for the engine just started: plaintext, local, quiet; Basic credentials when auth is on. */
function clientFor(server: EngineServer, caller?: { username: string; password: string }): Camunda8 {
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${server.grpcAddress}`,
    ZEEBE_REST_ADDRESS: server.restUrl,
    ...(caller
      ? { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: caller.username, CAMUNDA_BASIC_AUTH_PASSWORD: caller.password }
      : { CAMUNDA_AUTH_STRATEGY: 'NONE' }),
    CAMUNDA_LOG_LEVEL: 'error',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'ERROR' },
  } as never);
}

/**
 * The workers' and apps' settings for a run on `dataDir`: years imported through the admin API are kept in
 * `<data>/calendars` and read after the repository's `calendars/` (ONEGO_CALENDAR_DIRS). Years without
 * data make deadlines provisional (期限暂定) rather than refusing them.
 */
export function serviceWorkerEnv(env: NodeJS.ProcessEnv, dataDir: string): Record<string, string | undefined> {
  const folders = [env.ONEGO_CALENDAR_DIRS, dataCalendarFolder(dataDir)].filter(Boolean).join(delimiter);
  return { ...env, ONEGO_CALENDAR_DIRS: folders };
}

/** Where a running service keeps imported calendar years. */
export function dataCalendarFolder(dataDir: string): string {
  return join(dataDir, 'calendars');
}

/** Sends the calendar banner's daily warning through the configured notifier (log or webhook) to the admins. */
function calendarWarningNotifier(log: (line: string) => void): (text: string) => Promise<void> {
  const channel = resolveNotificationChannel({ env: process.env, random: Math.random }, { info: log, warn: log });
  return async (message) => {
    await channel.send({ light: 'yellow', caseId: '', caseTitle: '节假日安排', deadlineName: 'calendar', dueAt: '', warnAt: '', recipientGroup: 'admin', message });
  };
}

/**
 * Starts engine, deployment, workers and (optionally) demo cases; prints what it did through `log`, and a job's
 * failed attempts through `warn` (so a service log records them at warn level rather than as info).
 */
export async function startOneGo(
  options: StartOptions,
  log: (line: string) => void = console.log,
  warn: (line: string) => void = (line) => log(`WARN ${line}`),
): Promise<RunningOneGo> {
  const mode = options.auth ?? 'basic';
  // Refusals are kept in <data>/security/refusals.log by the engine server (not printed: no flooding).
  const auth = await loadEngineAuth({ mode });
  const server = await startEngineServer({
    grpcPort: options.grpcPort,
    restPort: options.restPort,
    dataDir: options.dataDir,
    clock: 'system',
    authenticateGrpc: auth.grpc,
    restAuth: auth,
    managementPort: options.managementPort ?? 9600,
    // The task list (/tasklist) and audit view (/audit) on the REST port; lights count the workers' calendar.
    restRoutes: [
      appsApiRoutes({
        calendar: calendarFromEnv(serviceWorkerEnv(process.env, options.dataDir)),
        calendarFolder: dataCalendarFolder(options.dataDir),
        notifyCalendarWarning: calendarWarningNotifier(log),
      }),
    ],
    appRoutes: [createAppsRouter()],
  });
  const credentials = mode === 'basic' ? startCredentials() : undefined;
  const zeebe = clientFor(server, credentials?.worker).getZeebeGrpcApiClient();
  const deployer = credentials ? clientFor(server, credentials.admin).getZeebeGrpcApiClient() : zeebe;
  log(`auth: ${mode}${mode === 'basic' ? ' (demo accounts in engine/identity/README.md)' : ''}`);
  log(`apps: ${server.restUrl}/tasklist (任务列表) · ${server.restUrl}/audit (审计视图) · ${server.restUrl}/admin (系统管理)`);
  if (server.managementUrl) log(`health: ${server.managementUrl}/actuator/health · metrics: ${server.managementUrl}/actuator/prometheus`);
  let workers: RunningJobWorkers | undefined;
  try {
    const deployment = await deployFiles(deployer, collectDeployableFiles(projectRoot));
    if (deployer !== zeebe) await deployer.close();
    for (const line of describeDeployment(deployment)) log(line);

    const definitions = await loadJobWorkers();
    workers = startJobWorkers({ zeebe, definitions, log, warn, config: { env: serviceWorkerEnv(process.env, options.dataDir) } });
    log(`workers: ${definitions.length} job types`);

    if (options.demo) {
      for (const line of await seedDemoCases(server.engine, options.dataDir)) log(line);
    }
  } catch (error) {
    await workers?.close();
    if (deployer !== zeebe) await deployer.close().catch(() => undefined);
    await zeebe.close();
    await server.close();
    throw error;
  }
  const running = workers;
  const stopSteps = (): StopStep[] => [
    { label: '关闭任务处理程序 / closing the job workers', run: () => running.close(), timeoutMs: WORKER_DRAIN_MS },
    { label: '断开客户端 / closing the gateway client', run: async () => void (await zeebe.close()), timeoutMs: 500 },
    { label: '关闭引擎并写完日志 / closing the engine and flushing its log', run: () => server.close() },
  ];
  return {
    server,
    workers: running,
    stopSteps,
    async close() {
      for (const step of stopSteps()) await step.run();
    },
  };
}

/** What `onego start --help` prints. */
export function usage(): string {
  return [
    'usage: onego start [options]      (npm start)',
    '  the engine, every model and form in bpmn/ and forms/ deployed, all job workers, the apps and demo cases',
    '  --grpc-port N      Zeebe gateway gRPC port (default 26500; 0 picks a free port)',
    '  --rest-port N      REST API v2 and apps port (default 8080)',
    '  --data DIR         data folder: record log, history, snapshots (default ./.onego/data)',
    '  --auth basic|none  authentication (default basic; demo accounts in engine/identity/README.md)',
    '  --no-demo          do not open the demo cases on a fresh data folder',
    '  --management-port N  /actuator/health and /actuator/prometheus (default 9600)',
    '  --help             print this text',
    'Ctrl+C stops it within a few seconds; a second Ctrl+C exits at once.',
    SERVICE_LOG_HELP,
  ].join('\n');
}

/** Runs until SIGTERM or SIGINT, then stops workers, clients and engine in that order. */
export async function run(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage());
    return;
  }
  let options: StartOptions;
  try {
    options = parseStartArgs(argv);
  } catch (error) {
    console.error(`onego start: ${error instanceof Error ? error.message : String(error)}`);
    console.error(usage());
    process.exitCode = 2;
    return;
  }
  let running: RunningOneGo;
  quietGrpcLogs();
  const log = createServiceLog({ component: 'start', destination: 1 });
  try {
    running = await startOneGo(options, (line) => log.info(line), (line) => log.warn(line));
  } catch (error) {
    const failure = explainStartupFailure(error, options);
    console.error(`onego start: ${failure.line}`);
    process.exit(failure.exitCode);
  }
  // The signal handlers are in place before the ready line, so a stop sent as soon as it appears is clean.
  const stopped = stopOnSignal({ command: 'onego start', steps: running.stopSteps(), log: (line) => log.info(line) });
  console.log(
    JSON.stringify({ grpc: running.server.grpcAddress, rest: running.server.restUrl, data: options.dataDir }),
  );
  log.info('OneGo is running. Ctrl+C stops it. / OneGo 已启动，按 Ctrl+C 停止。');
  await stopped;
}
