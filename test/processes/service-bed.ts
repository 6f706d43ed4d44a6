/**
 * A test bed for whole runs of the service processes (enterprise opening, talent card and staffing,
 * medical-insurance transfer) on our engine: the engine in-process on port 0 with a controlled clock, the
 * real files from `bpmn/` and `forms/` deployed, every real worker in `workers/jobs/` running through
 * `@camunda8/sdk` over gRPC, and waits that re-check after every commit (never fixed sleeps).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Camunda8 } from '@camunda8/sdk';
import type { EngineRecord, UserTask, Variables } from '../../engine/api';
import { DEMO_IDENTITY_PATH, DEMO_WORKER_PASSWORD, loadEngineAuth } from '../../engine/identity';
import { startEngineServer, type EngineServer } from '../../engine/server';
import { loadJobWorkers } from '../../workers/registry';
import { startJobWorkers, type RunningJobWorkers } from '../../workers/runtime';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Epoch milliseconds of a Shanghai wall-clock time, e.g. `shanghai('2025-09-30T16:00:00')`. */
export const shanghai = (local: string): number => Date.parse(`${local}+08:00`);

type SdkZeebe = ReturnType<Camunda8['getZeebeGrpcApiClient']>;

export interface ServiceBed {
  server: EngineServer;
  zeebe: SdkZeebe;
  workers: RunningJobWorkers;
  dataDir: string;
}

/** How the bed's engine checks callers: `none` (default) or the demo identity file with `--auth basic`. */
export interface ServiceBedOptions {
  auth?: 'none' | 'demo';
}

/**
 * Starts the engine at `startAt`, deploys the given files (paths relative to the project) and runs all workers.
 * With `auth: 'demo'` the engine runs `--auth basic` on the demo identity (places and employers included), the
 * SDK signs in as the worker client and people call the REST API as themselves (`demo-staff.ts`).
 */
export async function startServiceBed(startAt: number, files: string[], env: Record<string, string> = {}, options: ServiceBedOptions = {}): Promise<ServiceBed> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'onego-services-'));
  const auth = options.auth === 'demo' ? await loadEngineAuth({ mode: 'basic', identityFile: DEMO_IDENTITY_PATH }) : undefined;
  const server = await startEngineServer({ grpcPort: 0, restPort: 0, dataDir, clock: 'controlled', authenticateGrpc: auth?.grpc, restAuth: auth });
  await server.engine.clock.pin(startAt);
  await server.engine.deployResources(await Promise.all(files.map(async (file) => ({ name: file, content: await readFile(path.join(root, file)) }))));
  const camunda = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${server.grpcAddress}`,
    ZEEBE_REST_ADDRESS: server.restUrl,
    ...(auth
      ? { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: 'onego-worker', CAMUNDA_BASIC_AUTH_PASSWORD: DEMO_WORKER_PASSWORD }
      : { CAMUNDA_AUTH_STRATEGY: 'NONE' }),
    CAMUNDA_LOG_LEVEL: 'none',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
  } as never);
  const zeebe = camunda.getZeebeGrpcApiClient();
  let seed = 11;
  const workers = startJobWorkers({
    zeebe,
    definitions: await loadJobWorkers(),
    workerName: 'services-test',
    config: {
      env: { ONEGO_SIM_FAILURE_RATE: '0', ONEGO_SIM_DELAY_MS: '0', ONEGO_NOTIFY_CHANNEL: 'log', ...env },
      random: () => (seed = (seed * 16807) % 2147483647) / 2147483647,
    },
    log: () => {},
  });
  return { server, zeebe, workers, dataDir };
}

export async function stopServiceBed(bed: ServiceBed | undefined): Promise<void> {
  if (!bed) return;
  await bed.workers.close();
  await bed.zeebe.close();
  await bed.server.close();
  await rm(bed.dataDir, { recursive: true, force: true });
}

/** Every committed record matching `predicate`. */
export function records(bed: ServiceBed, predicate: (record: EngineRecord) => boolean): EngineRecord[] {
  return bed.server.engine.readRecords(0).filter(predicate);
}

/** What the engine did last and which incidents are open: the message of a failed wait. */
function describeState(bed: ServiceBed): string {
  const all = bed.server.engine.readRecords(0);
  const incidents = all.filter((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED').map((r) => `${String(r.value.elementId)}: ${String(r.value.errorMessage)}`);
  const rejections = all.filter((r) => r.recordType === 'COMMAND_REJECTION').map((r) => `${r.valueType}.${r.intent}: ${r.rejectionReason}`);
  const activated = all
    .filter((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATED')
    .slice(-8)
    .map((r) => String(r.value.elementId));
  return `last activated [${activated.join(', ')}]; incidents [${incidents.join(' | ')}]; rejections [${rejections.slice(-3).join(' | ')}]`;
}

/** Resolves once `probe` answers something, re-checking after every commit; fails naming what it waited for. */
export function waitFor<T>(bed: ServiceBed, what: string, probe: () => T | undefined, timeoutMs = 45_000): Promise<T> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const check = () => {
      if (settled) return;
      const value = probe();
      if (value === undefined) return;
      settled = true;
      unsubscribe();
      clearTimeout(timer);
      resolve(value);
    };
    const unsubscribe = bed.server.engine.onCommitted(check);
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      unsubscribe();
      reject(new Error(`Expected ${what} within ${timeoutMs} ms, but it did not happen; ${describeState(bed)}`));
    }, timeoutMs);
    check();
  });
}

/** The element records of one element in one process instance (or any instance when `processInstanceKey` is '*'). */
export function elementRecords(bed: ServiceBed, processInstanceKey: string, elementId: string, intent: string): EngineRecord[] {
  return records(
    bed,
    (r) =>
      r.valueType === 'PROCESS_INSTANCE' &&
      r.intent === intent &&
      (processInstanceKey === '*' || r.value.processInstanceKey === processInstanceKey) &&
      r.value.elementId === elementId,
  );
}

export function waitForElement(bed: ServiceBed, processInstanceKey: string, elementId: string, intent = 'ELEMENT_COMPLETED'): Promise<EngineRecord> {
  return waitFor(bed, `${elementId} ${intent}`, () => elementRecords(bed, processInstanceKey, elementId, intent)[0]);
}

export function openTasks(bed: ServiceBed, processInstanceKey: string, elementId: string): UserTask[] {
  return bed.server.engine.listUserTasks().filter((task) => (processInstanceKey === '*' || task.processInstanceKey === processInstanceKey) && task.elementId === elementId);
}

export function waitForTasks(bed: ServiceBed, processInstanceKey: string, elementId: string, count = 1): Promise<UserTask[]> {
  return waitFor(bed, `${count} open task(s) ${elementId}`, () => {
    const tasks = openTasks(bed, processInstanceKey, elementId);
    return tasks.length >= count ? tasks : undefined;
  });
}

/** Waits for the one open task of an element and completes it with `values` (what its form would submit). */
export async function completeTask(bed: ServiceBed, processInstanceKey: string, elementId: string, values: Variables): Promise<UserTask> {
  const [task] = await waitForTasks(bed, processInstanceKey, elementId);
  await bed.server.engine.completeUserTask(task!.userTaskKey, values);
  return task!;
}

/** The root-scope variables as the record stream last wrote them; works after the instance has ended. */
export function recordedVariables(bed: ServiceBed, processInstanceKey: string): Variables {
  const out: Variables = {};
  for (const record of records(bed, (r) => r.valueType === 'VARIABLE' && r.value.scopeKey === processInstanceKey)) {
    const raw = record.value.value;
    out[String(record.value.name)] = typeof raw === 'string' ? JSON.parse(raw) : raw;
  }
  return out;
}

/** Waits until the root variable `name` satisfies `accept`, and returns it. */
export function waitForVariable<T>(bed: ServiceBed, processInstanceKey: string, name: string, accept: (value: T) => boolean = () => true): Promise<T> {
  return waitFor(bed, `variable ${name}`, () => {
    const value = recordedVariables(bed, processInstanceKey)[name] as T | undefined;
    return value !== undefined && accept(value) ? value : undefined;
  });
}

/** Publishes a message through the SDK, correlated by the case id. */
export async function publish(bed: ServiceBed, name: string, caseId: string, values: Variables = {}): Promise<void> {
  await bed.zeebe.publishMessage({ name, correlationKey: caseId, variables: values as never, timeToLive: 60_000 });
}

/** Jobs of `type` completed in one process instance, with the variables they were completed with. */
export function completedJobs(bed: ServiceBed, processInstanceKey: string, type: string): EngineRecord[] {
  return records(bed, (r) => r.valueType === 'JOB' && r.intent === 'COMPLETED' && r.value.type === type && r.value.processInstanceKey === processInstanceKey);
}

/** Moves the engine clock to `epochMs` (forward only); timers that came due fire. */
export async function moveClockTo(bed: ServiceBed, epochMs: number): Promise<void> {
  const now = bed.server.engine.clock.now();
  if (epochMs < now) throw new Error(`Expected to move the clock forward, but ${new Date(epochMs).toISOString()} is before ${new Date(now).toISOString()}`);
  await bed.server.engine.clock.advance(epochMs - now);
}
