/**
 * `onego deploy`: deploys every model and form of the project — `bpmn/*.bpmn`, `bpmn/*.dmn`, `forms/*.form` —
 * in one atomic deployment through the official `@camunda8/sdk` gRPC client, to the gateway named by the
 * SDK's standard environment (`ZEEBE_GRPC_ADDRESS`, `CAMUNDA_AUTH_STRATEGY`, …): our embedded engine or
 * any Camunda 8 cluster. Prints what was deployed, with keys and versions.
 */
import { Camunda8 } from '@camunda8/sdk';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type ZeebeClient = ReturnType<Camunda8['getZeebeGrpcApiClient']>;
type DeployResponse = Awaited<ReturnType<ZeebeClient['deployResources']>>;
/** Settings handed to `new Camunda8(...)`; the SDK reads the rest from the environment when it is loaded. */
export type SdkConfig = NonNullable<ConstructorParameters<typeof Camunda8>[0]>;

/** The project root (two folders above this file). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What the command prints for `--help` and after a usage error. */
export function usage(): string {
  return [
    'usage: onego deploy [--dir DIR] [--dry-run] [--help]',
    '  deploys DIR/bpmn/*.bpmn, DIR/bpmn/*.dmn and DIR/forms/*.form (DIR: the project) in one deployment',
    '  to the gateway in ZEEBE_GRPC_ADDRESS (SDK default grpc://localhost:26500)',
    '  --dry-run   list the files and deploy nothing',
  ].join('\n');
}

export interface DeployOptions {
  dir: string;
  dryRun: boolean;
  help: boolean;
}

/** Reads the arguments; anything unknown is refused so a typo never deploys the wrong thing. */
export function parseDeployArguments(argv: string[]): DeployOptions {
  const options: DeployOptions = { dir: projectRoot, dryRun: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]!;
    if (argument === '--dry-run') options.dryRun = true;
    else if (argument === '--help' || argument === '-h') options.help = true;
    else if (argument === '--dir') {
      const value = argv[++i];
      if (!value) throw new Error('onego deploy: Expected a folder after --dir, but got nothing');
      options.dir = path.resolve(value);
    } else throw new Error(`onego deploy: Expected one of --dir, --dry-run, --help, but got '${argument}'`);
  }
  return options;
}

/** One file to deploy. */
export interface DeployableFile {
  kind: 'process' | 'decision' | 'form';
  file: string;
}

function filesIn(folder: string, extension: string): string[] {
  try {
    return readdirSync(folder)
      .filter((name) => name.endsWith(extension))
      .sort()
      .map((name) => path.join(folder, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Every `.bpmn`, `.dmn` (in `bpmn/`) and `.form` (in `forms/`) below `dir`, processes first. */
export function collectDeployableFiles(dir: string): DeployableFile[] {
  return [
    ...filesIn(path.join(dir, 'bpmn'), '.bpmn').map((file) => ({ kind: 'process' as const, file })),
    ...filesIn(path.join(dir, 'bpmn'), '.dmn').map((file) => ({ kind: 'decision' as const, file })),
    ...filesIn(path.join(dir, 'forms'), '.form').map((file) => ({ kind: 'form' as const, file })),
  ];
}

/** Deploys the files atomically (all or none) and returns the gateway's answer. */
export function deployFiles(zeebe: ZeebeClient, files: DeployableFile[]): Promise<DeployResponse> {
  return zeebe.deployResources(
    files.map(({ kind, file }) =>
      kind === 'process' ? { processFilename: file } : kind === 'decision' ? { decisionFilename: file } : { formFilename: file },
    ),
  );
}

/** One line per deployed resource, as the command prints them. */
export function describeDeployment(response: DeployResponse): string[] {
  const lines = [`deployment ${response.key}`];
  for (const deployment of response.deployments as Array<Record<string, Record<string, unknown> | undefined>>) {
    if (deployment.process) {
      const p = deployment.process;
      lines.push(`  process  ${p.bpmnProcessId} v${p.version} key ${p.processDefinitionKey} (${path.basename(String(p.resourceName))})`);
    } else if (deployment.decision) {
      const d = deployment.decision;
      lines.push(`  decision ${d.dmnDecisionId} v${d.version} key ${d.decisionKey}`);
    } else if (deployment.decisionRequirements) {
      const r = deployment.decisionRequirements;
      lines.push(`  drd      ${r.dmnDecisionRequirementsId} v${r.version} key ${r.decisionRequirementsKey} (${path.basename(String(r.resourceName))})`);
    } else if (deployment.form) {
      const f = deployment.form;
      lines.push(`  form     ${f.formId} v${f.version} key ${f.formKey} (${path.basename(String(f.resourceName))})`);
    }
  }
  return lines;
}

/** The gateway address the SDK will use, for messages. */
export function gatewayAddress(env: NodeJS.ProcessEnv = process.env): string {
  return env.ZEEBE_GRPC_ADDRESS || env.ZEEBE_ADDRESS || 'localhost:26500 (SDK default)';
}

/** gRPC status 14 (UNAVAILABLE) or a refused connection: nobody answers at the address. */
function isUnreachable(error: unknown): boolean {
  const candidate = error as { code?: unknown; message?: unknown };
  return candidate?.code === 14 || /UNAVAILABLE|ECONNREFUSED|No connection established|ENOTFOUND/i.test(String(candidate?.message ?? error));
}

/**
 * A client that gives up quickly when the gateway is down: retries are the SDK's default for workers, but a
 * deploy someone is waiting for should say at once that nobody answers. The environment still wins.
 */
export function createDeployClient(env: NodeJS.ProcessEnv = process.env, sdkConfig: SdkConfig = {}): { camunda: Camunda8; zeebe: ZeebeClient } {
  const camunda = new Camunda8({
    ...sdkConfig,
    zeebeGrpcSettings: {
      ...(env.ZEEBE_GRPC_CLIENT_RETRY === undefined ? { ZEEBE_GRPC_CLIENT_RETRY: false } : {}),
      ...(env.ZEEBE_GRPC_CLIENT_CONNECTION_TOLERANCE_MS === undefined ? { ZEEBE_GRPC_CLIENT_CONNECTION_TOLERANCE_MS: 500 } : {}),
      // The command prints its own clear message; the SDK's log lines would only repeat it.
      ...(env.ZEEBE_CLIENT_LOG_LEVEL === undefined ? { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' as const } : {}),
    },
    ...(env.CAMUNDA_LOG_LEVEL === undefined ? { CAMUNDA_LOG_LEVEL: 'none' as const } : {}),
  });
  return { camunda, zeebe: camunda.getZeebeGrpcApiClient() };
}

/** Runs the command; sets a non-zero exit code and prints a clear reason on failure. */
export async function run(argv: string[], sdkConfig: SdkConfig = {}): Promise<void> {
  let options: DeployOptions;
  try {
    options = parseDeployArguments(argv);
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
  const files = collectDeployableFiles(options.dir);
  if (files.length === 0) {
    console.error(`onego deploy: Expected .bpmn, .dmn or .form files in ${options.dir}/bpmn and ${options.dir}/forms, but found none`);
    process.exitCode = 1;
    return;
  }
  if (options.dryRun) {
    for (const { kind, file } of files) console.log(`${kind.padEnd(8)} ${path.relative(options.dir, file)}`);
    return;
  }
  const { zeebe } = createDeployClient(process.env, sdkConfig);
  const address = String(sdkConfig.ZEEBE_GRPC_ADDRESS ?? gatewayAddress());
  try {
    const response = await deployFiles(zeebe, files);
    for (const line of describeDeployment(response)) console.log(line);
    console.log(`deployed ${files.length} file(s) to ${address}`);
  } catch (error) {
    const reason = (error as Error).message ?? String(error);
    if (isUnreachable(error)) {
      console.error(`onego deploy: Expected a Zeebe gateway at ${address}, but it is unreachable (${reason}). Start one with 'onego engine' or set ZEEBE_GRPC_ADDRESS.`);
    } else {
      console.error(`onego deploy: Expected the gateway at ${address} to accept the deployment, but it refused: ${reason}`);
    }
    process.exitCode = 1;
  } finally {
    // A short close timeout: the SDK keeps its close timer alive for the whole timeout, holding the process.
    await zeebe.close(1000).catch(() => undefined);
  }
}
