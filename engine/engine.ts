import { BatchOperationDriver } from './processing/batch/batch-operation-driver';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import {
  DEFAULT_TENANT,
  EngineRejection,
  type ActivateJobsRequest,
  type ActivatedJob,
  type CommandContext,
  type DeniedAttempt,
  type CreateProcessInstanceRequest,
  type DecisionEvaluationResult,
  type DeploymentResource,
  type DeploymentResult,
  type EngineApi,
  type EngineClockControl,
  type EngineRecord,
  type EvaluateDecisionRequest,
  type FailJobRequest,
  type FormDefinition,
  type JobStreamHandle,
  type JobStreamRequest,
  type Key,
  type MigrateProcessInstanceRequest,
  type ModifyProcessInstanceRequest,
  type ProcessDefinitionInfo,
  type DecisionRequirementsInfo,
  type ProcessInstanceCreated,
  type ProcessInstanceResult,
  type PublishMessageRequest,
  type CorrelateMessageRequest,
  type MessageCorrelationResult,
  type SetVariablesRequest,
  type ThrowErrorRequest,
  type UserTask,
  type UserTaskChangeset,
  type Variables,
  type ProcessPermissionCheck,
} from './api';
import { DueDateScheduler, EngineClock, type DueEntry } from './clock';
import { lockDataFolder, type DataFolderLock } from './data-folder-lock';
import { checkVariables } from './variable-document';
import { RecordLog } from './log';
import { compileProcesses, parseBpmn, refuseHostileXml } from './model';
import { StreamProcessor } from './processing';
import type { JobStreamTarget, ProcessInstanceResultValue, SideEffects } from './processing/processing-context';
import { COMPILED, PARSED_DMN, createProcessors, type CompiledResources } from './processing/processors';
import { isolationPool } from './isolation';
import { noSubscriptionFound } from './processing/processors/message-correlation-processor';
import { ValueType, type RecordDraft } from './protocol';
import { EngineState, StateCapture, dueEntriesOf, replayRecord, restoreCapturedState, type UserTaskEntry } from './state';
import { DEFAULT_SNAPSHOT_POLICY, SnapshotStore, SnapshotWriter, Snapshotter, type SnapshotStatus, type SnapshotTaken } from './snapshot';
import { engineServiceLog } from './logging/service-log';
import { DiskSpaceMonitor, diskWatermarkSettings, type DiskSpaceStatus, type DiskWatermarkOptions } from './log/disk-space-monitor';
import { diskSpaceChangeLine, outOfDiskSpace } from './log/disk-space-refusal';
import { LogWriteRecovery } from './recovery/log-write-recovery';
import { resumeAfterLogFailure } from './recovery/resume-after-log-failure';

/** How the engine is started. */
export interface EngineOptions {
  /** Where the record log lives; omitted → a fresh temporary directory. */
  dataDir?: string;
  /** `controlled`: engine time moves only when told to (tests, `PUT /v2/clock`). Default `system`. */
  clock?: 'system' | 'controlled';
  /**
   * When to snapshot live state (under `<dataDir>/snapshots/`): after `everyRecords` records or `everySeconds`
   * seconds, whichever comes first; 0 turns a trigger off. Defaults: {@link DEFAULT_SNAPSHOT_POLICY}.
   */
  snapshot?: { everyRecords?: number; everySeconds?: number };
  /** Ignore snapshots on start and replay the whole log from position 1 (`onego engine --replay-all`). */
  replayAll?: boolean;
  /** Per-process permissions checked inside commands (`--auth basic`: from the identity file). Absent: none. */
  permissions?: ProcessPermissionCheck;
  /** The free-space watermark of the data folder (default: `ONEGO_DISK_FREE_PROCESSING`, 1 GiB; 0 turns it off). */
  diskWatermark?: DiskWatermarkOptions;
}

/** Snapshots kept on disk, newest first: if the newest is unreadable, the next still spares most of a replay. */
const SNAPSHOTS_KEPT = 3;

/** Largest deployment accepted (Zeebe's default maximum message size). */
const MAX_DEPLOYMENT_BYTES = 4 * 1024 * 1024;

interface ResultWaiter {
  resolve(result: ProcessInstanceResult): void;
  reject(error: Error): void;
  fetchVariables?: string[];
  settled: boolean;
}

interface JobStream {
  request: JobStreamRequest;
  push: (job: ActivatedJob) => boolean;
  closed: boolean;
}

const WAITER = Symbol('resultWaiter');

/** Whether a stream opened for these tenants takes a job of `tenantId` (no tenants listed: any, as for ActivateJobs). */
function acceptsTenant(request: JobStreamRequest, tenantId: string): boolean {
  const tenants = (request.tenantIds ?? []).map(tenantOf);
  return tenants.length === 0 || tenants.includes(tenantId);
}

function tenantOf(tenantId: string | undefined): string {
  return tenantId && tenantId !== '' ? tenantId : DEFAULT_TENANT;
}

/**
 * The embedded Zeebe-compatible engine: a durable record log, state rebuilt from it, one stream processor,
 * one scheduler on the engine clock. Everything a client does goes through {@link EngineApi}.
 */
export class Engine implements EngineApi {
  readonly clock: EngineClockControl;
  private readonly processor: StreamProcessor;
  private readonly scheduler: DueDateScheduler;
  private readonly waiters = new Map<Key, ResultWaiter>();
  private readonly jobListeners = new Set<(type: string) => void>();
  private readonly streams = new Map<string, Set<JobStream>>();
  private readonly draining = new Set<string>();
  /** Round-robin position among each job type's streams. */
  private readonly streamTurns = new Map<string, number>();
  private readonly inFlightDue = new Set<string>();
  private snapshotter: Snapshotter | undefined;
  /** Submits the chunks of running batch operations (Camunda 8.8), one command at a time. */
  private batchDriver: BatchOperationDriver | undefined;
  private closed = false;
  /** Checks the data folder's free space every second (issue 13: Zeebe's disk watermark). */
  private diskMonitor: DiskSpaceMonitor | undefined;
  /** Set while the free space is below the watermark: commands are refused and the scheduler waits. */
  private diskShortage: DiskSpaceStatus | undefined;
  /** Resumes the engine by itself once a failed record log is writable again (issue 13). */
  private logRecovery: LogWriteRecovery | undefined;

  private constructor(
    readonly dataDir: string,
    private readonly log: RecordLog,
    /** The engine's state; tests read it (never write it). */
    readonly state: EngineState,
    private readonly engineClock: EngineClock,
    private readonly folderLock: DataFolderLock,
    permissions?: ProcessPermissionCheck,
  ) {
    // A timer holds while it exists: asking `has` leaves a timer restored from a snapshot undecoded (see CaptureMap).
    const stillHolds = (entry: DueEntry) => (entry.kind === 'timer' ? state.timers.has(entry.key) : this.dueCommand(entry, Infinity) !== undefined);
    this.scheduler = new DueDateScheduler(engineClock, (entry) => this.fireDue(entry), stillHolds);
    state.onDue = (entry) => this.scheduler.schedule(entry);
    const sideEffects: SideEffects = {
      jobsAvailable: (type) => this.processor.defer(() => this.announceJobs(type)),
      jobStreamFor: (type, tenantId) => this.jobStreamFor(type, tenantId),
      registerResultWaiter: (processInstanceKey, command) => {
        const waiter = (command.value as { [WAITER]?: ResultWaiter })[WAITER];
        if (waiter) this.waiters.set(processInstanceKey, waiter);
      },
      awaitsResult: (processInstanceKey) => {
        const waiter = this.waiters.get(processInstanceKey);
        return waiter ? { fetchVariables: waiter.fetchVariables } : undefined;
      },
      processInstanceEnded: (processInstanceKey, result) => {
        const waiter = this.waiters.get(processInstanceKey);
        if (!waiter) return;
        this.waiters.delete(processInstanceKey);
        this.processor.defer(() => this.settleWaiter(waiter, processInstanceKey, result));
      },
    };
    this.processor = new StreamProcessor(log, state, engineClock, createProcessors(), sideEffects, permissions);
    this.processor.onCommitted(() => this.scheduler.check());
    const control: EngineClockControl = {
      now: () => engineClock.now(),
      controlled: engineClock.mode === 'controlled',
      pin: async (epochMs: number, ctx?: CommandContext) => {
        engineClock.pin(epochMs);
        await this.recordClock('PIN', epochMs, ctx);
      },
      reset: async (ctx?: CommandContext) => {
        engineClock.reset();
        await this.recordClock('RESET', engineClock.now(), ctx);
      },
      advance: async (ms: number) => {
        engineClock.advance(ms);
        await this.recordClock('PIN', engineClock.now());
      },
    };
    this.clock = control;
  }

  /** Open (or create) the engine on a data directory: rebuild state from the log, then start the scheduler. */
  static async open(options: EngineOptions = {}): Promise<Engine> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'onego-engine-'));
    // Read before the folder is locked, so a mistyped setting leaves nothing behind.
    const watermark = options.diskWatermark ?? diskWatermarkSettings();
    const folderLock = lockDataFolder(dataDir);
    let log: RecordLog;
    try {
      log = new RecordLog(dataDir);
    } catch (error) {
      folderLock.release();
      throw error;
    }
    const state = new EngineState();
    const clock = new EngineClock(options.clock ?? 'system');
    const engine = new Engine(dataDir, log, state, clock, folderLock, options.permissions);
    // Executable models first: appliers of element instances read them.
    for (const record of log.readEvents(ValueType.PROCESS, 'CREATED')) {
      const value = record.value as { resource: string; resourceName: string; processDefinitionKey: string; bpmnProcessId: string };
      const parsed = await parseBpmn(value.resource);
      const compiled = parsed.ok ? compileProcesses(parsed.value, value.resourceName) : parsed;
      const model = compiled.ok ? compiled.value.find((p) => p.bpmnProcessId === value.bpmnProcessId) : undefined;
      if (model) state.executables.set(value.processDefinitionKey, model);
      else {
        // Deployed once, so it compiled then; if it no longer does (a stricter engine), say so loudly.
        engineServiceLog().warn(`process ${value.bpmnProcessId} (${value.processDefinitionKey}) no longer compiles: ${compiled.ok ? 'process missing' : compiled.failure}`);
      }
    }
    // The newest valid snapshot, then only the records after it; without one (or with --replay-all), all of them.
    const restoreStarted = performance.now();
    const store = new SnapshotStore(join(dataDir, 'snapshots'));
    store.removeUnfinished();
    const loaded = options.replayAll
      ? undefined
      : store.restoreNewest(log.position, (captured) => restoreCapturedState(state, captured), (line) => engineServiceLog().warn(line));
    if (loaded) for (const entry of dueEntriesOf(state)) state.onDue(entry);
    const replayStarted = performance.now();
    let replayed = 0;
    for (const record of log.scan((loaded?.position ?? 0) + 1)) {
      replayRecord(state, record);
      replayed++;
    }
    // What a restart cost, phase by phase, at ONEGO_LOG_LEVEL=debug: the numbers to compare after a kill -9.
    if (loaded || replayed > 0) engineServiceLog().debug(
      `[engine] 状态已恢复：快照位置 ${loaded?.position ?? '无'}（${(replayStarted - restoreStarted).toFixed(0)} ms），重放 ${replayed} 条记录（${(performance.now() - replayStarted).toFixed(0)} ms） / ` +
        `state restored: snapshot at ${loaded?.position ?? 'none'} (${(replayStarted - restoreStarted).toFixed(0)} ms), ${replayed} records replayed (${(performance.now() - replayStarted).toFixed(0)} ms)`,
    );
    // A controlled clock resumes where it was pinned, so due dates keep their meaning across a restart.
    const lastClock = state.lastClock;
    if (clock.mode === 'controlled' && lastClock?.intent === 'PINNED' && lastClock.time > clock.now()) clock.pin(lastClock.time);
    const policy = {
      everyRecords: options.snapshot?.everyRecords ?? DEFAULT_SNAPSHOT_POLICY.everyRecords,
      everySeconds: options.snapshot?.everySeconds ?? DEFAULT_SNAPSHOT_POLICY.everySeconds,
    };
    engine.snapshotter = new Snapshotter(
      policy,
      {
        processedPosition: () => engine.processor.processedPosition,
        committedPosition: () => log.position,
        startCapture: () => new StateCapture(state),
      },
      new SnapshotWriter(store.dir, SNAPSHOTS_KEPT),
      loaded && { position: loaded.position, takenAt: loaded.takenAt, bytes: loaded.bytes },
      (error) => engineServiceLog().warn(`快照写入失败，稍后重试 / writing a snapshot failed, will retry later: ${error.message}`),
    );
    engine.processor.onCommitted(() => engine.snapshotter?.afterCommit());
    engine.scheduler.start();
    engine.batchDriver = new BatchOperationDriver(engine, state);
    engine.diskMonitor = new DiskSpaceMonitor(dataDir, watermark, (status) => engine.diskSpaceChanged(status));
    await engine.diskMonitor.start();
    engine.logRecovery = new LogWriteRecovery(dataDir, {
      logFailure: () => engine.processor.logFailure,
      paused: () => engine.closed || engine.diskShortage !== undefined,
      resume: () => engine.resumeAfterLogFailure(),
    }).start();
    return engine;
  }

  /** Rebuild live state from the durable log and take commands again, once the log is writable (issue 13). */
  private resumeAfterLogFailure(): Promise<boolean> {
    return resumeAfterLogFailure({
      snapshotsDir: join(this.dataDir, 'snapshots'),
      log: this.log,
      state: this.state,
      processor: this.processor,
      snapshotter: this.snapshotter,
      isClosed: () => this.closed,
      pauseWork: () => {
        this.scheduler.stop();
        this.batchDriver?.stop();
      },
      resumeWork: () => {
        this.scheduler.start();
        this.batchDriver?.stop();
        this.batchDriver = new BatchOperationDriver(this, this.state);
        for (const [type, jobs] of this.state.activatableJobs) if (jobs.size > 0) this.announceJobs(type);
      },
      onDue: (entry) => this.scheduler.schedule(entry),
      forgetLost: () => {
        for (const [key, waiter] of this.waiters) {
          if (this.state.elementInstances.has(key)) continue;
          this.waiters.delete(key);
          if (!waiter.settled) {
            waiter.settled = true;
            waiter.reject(new EngineRejection('RESOURCE_EXHAUSTED', `Expected to await process instance '${key}', but its creation was never written to the record log`));
          }
        }
      },
    });
  }

  /**
   * The free space crossed the watermark. Below it, as Zeebe pauses processing, the scheduler stops writing
   * trigger commands (due timers fire when space is back) and {@link submit} refuses every command; above it
   * again, the scheduler fires what fell due meanwhile and running batch operations go on.
   */
  private diskSpaceChanged(status: DiskSpaceStatus): void {
    if (this.closed) return;
    const log = engineServiceLog();
    if (!status.available) {
      this.diskShortage = status;
      this.scheduler.stop();
      log.warn(diskSpaceChangeLine(status));
      return;
    }
    this.diskShortage = undefined;
    log.info(diskSpaceChangeLine(status));
    this.scheduler.start();
    // A chunk refused while the disk was short ended that batch operation's wake-ups: a new driver picks up
    // every active one.
    this.batchDriver?.stop();
    this.batchDriver = new BatchOperationDriver(this, this.state);
    // Activations refused meanwhile left jobs waiting: open job streams are offered them again.
    for (const [type, jobs] of this.state.activatableJobs) if (jobs.size > 0) this.announceJobs(type);
  }

  /** What the last free-space check of the data folder found, when the watermark is on. */
  diskSpace(): DiskSpaceStatus | undefined {
    return this.diskMonitor?.enabled ? this.diskMonitor.status : undefined;
  }

  /** The newest snapshot of live state on disk (position, when it was taken, file size), if there is one. */
  snapshotStatus(): SnapshotStatus | undefined {
    return this.snapshotter?.status;
  }

  /**
   * Snapshot live state now (it is also done periodically); resolves once the file is durable, with the
   * engine-thread pause it cost. Undefined when nothing happened since the last snapshot.
   */
  takeSnapshot(): Promise<SnapshotTaken | undefined> {
    return this.snapshotter?.take() ?? Promise.resolve(undefined);
  }

  /** A deterministic picture of the state (replay tests compare two of these). */
  snapshot(): Record<string, unknown> {
    return this.state.snapshot();
  }

  /** Resolves once every queued command (including scheduler triggers) is processed and committed. */
  async whenIdle(): Promise<void> {
    await this.processor.whenIdle();
  }

  // ------------------------------------------------------------------ commands

  private submit<T>(draft: Omit<RecordDraft, 'recordType'>, ctx?: CommandContext): Promise<T> {
    if (this.closed) return Promise.reject(new EngineRejection('RESOURCE_EXHAUSTED', 'Expected the engine to accept commands, but it is closed'));
    if (this.diskShortage) return Promise.reject(outOfDiskSpace(this.diskMonitor?.status ?? this.diskShortage));
    return new Promise<T>((resolve, reject) => {
      this.processor.submit(
        { ...draft, recordType: 'COMMAND', actor: ctx?.actor },
        { resolve: (value) => resolve(value as T), reject },
      );
    });
  }

  async deployResources(resources: DeploymentResource[], tenantId?: string, ctx?: CommandContext): Promise<DeploymentResult> {
    // Refused before the resources are parsed on an isolation thread: nothing could be written anyway.
    if (this.diskShortage) throw outOfDiskSpace(this.diskMonitor?.status ?? this.diskShortage);
    const tenant = tenantOf(tenantId);
    let total = 0;
    for (const resource of resources) total += resource.content.length;
    if (total > MAX_DEPLOYMENT_BYTES) {
      throw new EngineRejection('INVALID_ARGUMENT', `Expected the deployment to be at most ${MAX_DEPLOYMENT_BYTES} bytes, but it is ${total} bytes`);
    }
    const values: { resourceName: string; resource: string }[] = [];
    for (const resource of resources) {
      const text = resource.content.toString('utf8');
      values.push({ resourceName: resource.name, resource: text });
      if (/\.dmn$/i.test(resource.name)) {
        const hostile = refuseHostileXml(text);
        if (hostile) throw new EngineRejection('INVALID_ARGUMENT', `Expected to deploy new resources, but encountered the following errors:\n'${resource.name}': ${hostile}`);
      }
    }
    // Parsing and validating BPMN and DMN is what a caller can make long (megabytes, tens of thousands of
    // problems): it runs on an isolation thread, and the command carries the results (issue 13).
    const checked = await isolationPool().run({ op: 'check-deployment', resources: values.map(({ resourceName, resource }) => ({ name: resourceName, text: resource })) });
    const compiled: CompiledResources = new Map(checked.bpmn);
    const value: Record<string | symbol, unknown> = { resources: values, tenantId: tenant };
    Object.defineProperty(value, COMPILED, { value: compiled, enumerable: false });
    Object.defineProperty(value, PARSED_DMN, { value: new Map(checked.dmn), enumerable: false });
    return this.submit({ key: '-1', valueType: ValueType.DEPLOYMENT, intent: 'CREATE', value: value as Record<string, unknown> }, ctx);
  }

  async deleteResource(resourceKey: Key, ctx?: CommandContext): Promise<void> {
    await this.submit({ key: resourceKey, valueType: ValueType.RESOURCE_DELETION, intent: 'DELETE', value: { resourceKey } }, ctx);
  }

  private creationValue(req: CreateProcessInstanceRequest): Record<string, unknown> {
    return {
      processDefinitionKey: req.processDefinitionKey ?? '-1',
      bpmnProcessId: req.bpmnProcessId ?? '',
      version: req.version ?? -1,
      variables: checkVariables(req.variables),
      startInstructions: req.startInstructions ?? [],
      tenantId: tenantOf(req.tenantId),
      ...(req.businessId ? { businessId: req.businessId } : {}),
      ...(req.runtimeInstructions?.length ? { runtimeInstructions: req.runtimeInstructions } : {}),
    };
  }

  async createProcessInstance(req: CreateProcessInstanceRequest, ctx?: CommandContext): Promise<ProcessInstanceCreated> {
    return this.submit({ key: '-1', valueType: ValueType.PROCESS_INSTANCE_CREATION, intent: 'CREATE', value: this.creationValue(req) }, ctx);
  }

  createProcessInstanceWithResult(
    req: CreateProcessInstanceRequest & { fetchVariables?: string[] },
    requestTimeoutMs: number,
    ctx?: CommandContext,
  ): Promise<ProcessInstanceResult> {
    return new Promise<ProcessInstanceResult>((resolve, reject) => {
      let value: Record<string, unknown>;
      try {
        value = { ...this.creationValue(req), fetchVariables: req.fetchVariables ?? [] };
      } catch (error) {
        reject(error);
        return;
      }
      const waiter: ResultWaiter = { resolve, reject, fetchVariables: req.fetchVariables, settled: false };
      Object.defineProperty(value, WAITER, { value: waiter, enumerable: false });
      const timer = setTimeout(() => {
        if (waiter.settled) return;
        waiter.settled = true;
        for (const [key, w] of this.waiters) if (w === waiter) this.waiters.delete(key);
        reject(new EngineRejection('PROCESSING_ERROR', `Expected the process instance to complete within ${requestTimeoutMs} ms, but it did not (DEADLINE_EXCEEDED); it keeps running`));
      }, Math.max(1, requestTimeoutMs));
      timer.unref();
      const wrappedResolve = waiter.resolve;
      waiter.resolve = (result) => {
        clearTimeout(timer);
        wrappedResolve(result);
      };
      this.submit<ProcessInstanceCreated>(
        { key: '-1', valueType: ValueType.PROCESS_INSTANCE_CREATION, intent: 'CREATE_WITH_AWAITING_RESULT', value },
        ctx,
      ).catch((error) => {
        clearTimeout(timer);
        if (!waiter.settled) {
          waiter.settled = true;
          reject(error);
        }
      });
    });
  }

  private settleWaiter(waiter: ResultWaiter, processInstanceKey: Key, result: ProcessInstanceResultValue | undefined): void {
    if (waiter.settled) return;
    waiter.settled = true;
    if (!result) {
      waiter.reject(new EngineRejection('INVALID_STATE', `Expected process instance '${processInstanceKey}' to complete, but it was terminated`));
      return;
    }
    waiter.resolve({
      processDefinitionKey: result.processDefinitionKey,
      bpmnProcessId: result.bpmnProcessId,
      version: result.version,
      processInstanceKey,
      tenantId: result.tenantId,
      variables: result.variables,
    });
  }

  async cancelProcessInstance(processInstanceKey: Key, ctx?: CommandContext): Promise<void> {
    await this.submit({ key: processInstanceKey, valueType: ValueType.PROCESS_INSTANCE, intent: 'CANCEL', value: { processInstanceKey } }, ctx);
  }

  async modifyProcessInstance(req: ModifyProcessInstanceRequest, ctx?: CommandContext): Promise<void> {
    for (const activation of req.activateInstructions ?? []) {
      for (const instruction of activation.variableInstructions ?? []) checkVariables(instruction.variables);
    }
    await this.submit(
      { key: req.processInstanceKey, valueType: ValueType.PROCESS_INSTANCE_MODIFICATION, intent: 'MODIFY', value: { ...req } as unknown as Record<string, unknown> },
      ctx,
    );
  }

  async migrateProcessInstance(req: MigrateProcessInstanceRequest, ctx?: CommandContext): Promise<void> {
    await this.submit(
      {
        key: req.processInstanceKey,
        valueType: ValueType.PROCESS_INSTANCE_MIGRATION,
        intent: 'MIGRATE',
        value: {
          processInstanceKey: req.processInstanceKey,
          targetProcessDefinitionKey: req.targetProcessDefinitionKey,
          mappingInstructions: req.mappingInstructions,
          operationReference: req.operationReference,
        },
      },
      ctx,
    );
  }

  submitCommand<T = unknown>(command: { key: Key; valueType: string; intent: string; value: Record<string, unknown> }, ctx?: CommandContext): Promise<T> {
    return this.submit<T>(command, ctx);
  }

  async activateJobs(req: ActivateJobsRequest, ctx?: CommandContext): Promise<ActivatedJob[]> {
    const available = this.state.activatableJobs.get(req.type);
    if (!available || available.size === 0) return [];
    return this.submit(
      {
        key: '-1',
        valueType: ValueType.JOB_BATCH,
        intent: 'ACTIVATE',
        value: {
          type: req.type,
          worker: req.worker,
          timeout: req.timeoutMs,
          maxJobsToActivate: req.maxJobsToActivate,
          fetchVariables: req.fetchVariables ?? [],
          tenantIds: (req.tenantIds ?? []).map(tenantOf),
        },
      },
      ctx,
    );
  }

  onJobsAvailable(listener: (type: string) => void): () => void {
    this.jobListeners.add(listener);
    return () => this.jobListeners.delete(listener);
  }

  openJobStream(req: JobStreamRequest, push: (job: ActivatedJob) => boolean): JobStreamHandle {
    const stream: JobStream = { request: req, push, closed: false };
    let set = this.streams.get(req.type);
    if (!set) this.streams.set(req.type, (set = new Set()));
    set.add(stream);
    setImmediate(() => void this.drainStreams(req.type));
    return {
      close: () => {
        stream.closed = true;
        const current = this.streams.get(req.type);
        current?.delete(stream);
        if (current && current.size === 0) this.streams.delete(req.type);
      },
    };
  }

  /** The next open stream (round robin) that takes jobs of this type and tenant, as a push target. */
  private jobStreamFor(type: string, tenantId: string): JobStreamTarget | undefined {
    const set = this.streams.get(type);
    if (!set || this.closed) return undefined;
    const candidates = [...set].filter((stream) => !stream.closed && acceptsTenant(stream.request, tenantId));
    if (candidates.length === 0) return undefined;
    const turn = this.streamTurns.get(type) ?? 0;
    this.streamTurns.set(type, turn + 1);
    const stream = candidates[turn % candidates.length];
    return {
      activator: {
        type,
        worker: stream.request.worker,
        timeout: stream.request.timeoutMs,
        maxJobsToActivate: 1,
        fetchVariables: stream.request.fetchVariables,
        tenantIds: (stream.request.tenantIds ?? []).map(tenantOf),
      },
      deliver: (job) => this.processor.defer(() => this.pushOrYield(stream, job)),
    };
  }

  /** Push an activated job to its stream; a stream that is gone or refuses it is closed. Says whether it took the job. */
  private tryPush(stream: JobStream, job: ActivatedJob): boolean {
    let delivered = false;
    if (!stream.closed) {
      try {
        delivered = stream.push(job);
      } catch {
        delivered = false;
      }
    }
    if (!delivered) {
      stream.closed = true;
      this.streams.get(job.type)?.delete(stream);
    }
    return delivered;
  }

  /** Push a job activated for a stream while it was created; if the stream cannot take it, yield it back. */
  private pushOrYield(stream: JobStream, job: ActivatedJob): void {
    if (this.tryPush(stream, job)) return;
    void this.submit({ key: job.key, valueType: ValueType.JOB, intent: 'YIELD', value: {} }).catch(() => undefined);
  }

  private announceJobs(type: string): void {
    for (const listener of this.jobListeners) listener(type);
    if (this.streams.has(type)) void this.drainStreams(type);
  }

  /** Push activatable jobs of a type to its open streams, round robin; undeliverable jobs are yielded back. */
  private async drainStreams(type: string): Promise<void> {
    if (this.draining.has(type) || this.closed) return;
    this.draining.add(type);
    try {
      for (;;) {
        const streams = [...(this.streams.get(type) ?? [])].filter((s) => !s.closed);
        if (streams.length === 0 || (this.state.activatableJobs.get(type)?.size ?? 0) === 0) return;
        let delivered = 0;
        // All streams' activations go into one batch (one commit), each stream taking its share.
        const share = Math.max(1, Math.ceil((this.state.activatableJobs.get(type)?.size ?? 1) / streams.length));
        const batches = await Promise.all(
          streams.map((stream) =>
            this.activateJobs({
              type,
              worker: stream.request.worker,
              timeoutMs: stream.request.timeoutMs,
              maxJobsToActivate: share,
              fetchVariables: stream.request.fetchVariables,
              tenantIds: stream.request.tenantIds,
            }).catch(() => [] as ActivatedJob[]),
          ),
        );
        const undeliverable: ActivatedJob[] = [];
        streams.forEach((stream, index) => {
          for (const job of batches[index]) {
            if (this.tryPush(stream, job)) delivered++;
            else undeliverable.push(job);
          }
        });
        await Promise.all(
          undeliverable.map((job) => this.submit({ key: job.key, valueType: ValueType.JOB, intent: 'YIELD', value: {} }).catch(() => undefined)),
        );
        if (delivered === 0) return;
      }
    } finally {
      this.draining.delete(type);
    }
  }

  /** Complete a job; `result` is Camunda's job result (a task listener's `denied`, `deniedReason`, `corrections`). */
  async completeJob(jobKey: Key, variables?: Variables, ctx?: CommandContext, result?: Record<string, unknown>): Promise<void> {
    const value: Record<string, unknown> = { variables: checkVariables(variables) };
    if (result) value.result = result;
    await this.submit({ key: jobKey, valueType: ValueType.JOB, intent: 'COMPLETE', value }, ctx);
  }

  async failJob(req: FailJobRequest, ctx?: CommandContext): Promise<void> {
    await this.submit(
      {
        key: req.jobKey,
        valueType: ValueType.JOB,
        intent: 'FAIL',
        value: { retries: req.retries, errorMessage: req.errorMessage ?? '', retryBackoff: req.retryBackOffMs ?? 0, variables: checkVariables(req.variables) },
      },
      ctx,
    );
  }

  async throwError(req: ThrowErrorRequest, ctx?: CommandContext): Promise<void> {
    await this.submit(
      {
        key: req.jobKey,
        valueType: ValueType.JOB,
        intent: 'THROW_ERROR',
        value: { errorCode: req.errorCode, errorMessage: req.errorMessage ?? '', variables: checkVariables(req.variables) },
      },
      ctx,
    );
  }

  async updateJobRetries(jobKey: Key, retries: number, ctx?: CommandContext): Promise<void> {
    await this.submit({ key: jobKey, valueType: ValueType.JOB, intent: 'UPDATE_RETRIES', value: { retries } }, ctx);
  }

  async updateJobTimeout(jobKey: Key, timeoutMs: number, ctx?: CommandContext): Promise<void> {
    await this.submit({ key: jobKey, valueType: ValueType.JOB, intent: 'UPDATE_TIMEOUT', value: { timeout: timeoutMs } }, ctx);
  }

  async publishMessage(req: PublishMessageRequest, ctx?: CommandContext): Promise<{ key: Key; tenantId: string }> {
    return this.submit(
      {
        key: '-1',
        valueType: ValueType.MESSAGE,
        intent: 'PUBLISH',
        value: {
          name: req.name,
          correlationKey: req.correlationKey ?? '',
          timeToLive: req.timeToLiveMs,
          messageId: req.messageId ?? '',
          variables: checkVariables(req.variables),
          tenantId: tenantOf(req.tenantId),
        },
      },
      ctx,
    );
  }

  async correlateMessage(req: CorrelateMessageRequest, ctx?: CommandContext): Promise<MessageCorrelationResult> {
    const correlationKey = req.correlationKey ?? '';
    const result = await this.submit<MessageCorrelationResult | undefined>(
      {
        key: '-1',
        valueType: ValueType.MESSAGE_CORRELATION,
        intent: 'CORRELATE',
        value: { name: req.name, correlationKey, variables: checkVariables(req.variables), tenantId: tenantOf(req.tenantId) },
      },
      ctx,
    );
    // No answer means every waiting instance's process side refused the message (each was already leaving).
    if (!result) throw new EngineRejection('NOT_FOUND', noSubscriptionFound(req.name, correlationKey));
    return result;
  }

  async broadcastSignal(signalName: string, variables?: Variables, tenantId?: string, ctx?: CommandContext): Promise<{ key: Key; tenantId: string }> {
    return this.submit(
      { key: '-1', valueType: ValueType.SIGNAL, intent: 'BROADCAST', value: { signalName, variables: checkVariables(variables), tenantId: tenantOf(tenantId) } },
      ctx,
    );
  }

  async setVariables(req: SetVariablesRequest, ctx?: CommandContext): Promise<{ key: Key }> {
    return this.submit(
      {
        key: req.elementInstanceKey,
        valueType: ValueType.VARIABLE_DOCUMENT,
        intent: 'UPDATE',
        value: { scopeKey: req.elementInstanceKey, variables: checkVariables(req.variables), updateSemantics: req.local ? 'LOCAL' : 'PROPAGATE' },
      },
      ctx,
    );
  }

  async resolveIncident(incidentKey: Key, ctx?: CommandContext): Promise<void> {
    await this.submit({ key: incidentKey, valueType: ValueType.INCIDENT, intent: 'RESOLVE', value: {} }, ctx);
  }

  async evaluateDecision(req: EvaluateDecisionRequest, ctx?: CommandContext): Promise<DecisionEvaluationResult> {
    return this.submit(
      {
        key: '-1',
        valueType: ValueType.DECISION_EVALUATION,
        intent: 'EVALUATE',
        value: { decisionKey: req.decisionKey ?? '-1', decisionId: req.decisionId ?? '', variables: checkVariables(req.variables), tenantId: tenantOf(req.tenantId) },
      },
      ctx,
    );
  }

  async assignUserTask(userTaskKey: Key, assignee: string, options: { allowOverride?: boolean; action?: string } = {}, ctx?: CommandContext): Promise<void> {
    await this.submit(
      {
        key: userTaskKey,
        valueType: ValueType.USER_TASK,
        intent: options.allowOverride === false ? 'CLAIM' : 'ASSIGN',
        value: { assignee, action: options.action ?? '', allowOverride: options.allowOverride ?? true },
      },
      ctx,
    );
  }

  async unassignUserTask(userTaskKey: Key, ctx?: CommandContext): Promise<void> {
    await this.submit({ key: userTaskKey, valueType: ValueType.USER_TASK, intent: 'ASSIGN', value: { assignee: '', action: 'unassign' } }, ctx);
  }

  async completeUserTask(userTaskKey: Key, variables?: Variables, action?: string, ctx?: CommandContext, asAssignee?: string): Promise<void> {
    const value: Record<string, unknown> = { variables: checkVariables(variables), action: action ?? '' };
    if (asAssignee !== undefined) value.assignee = asAssignee;
    await this.submit({ key: userTaskKey, valueType: ValueType.USER_TASK, intent: 'COMPLETE', value }, ctx);
  }

  async updateUserTask(userTaskKey: Key, changeset: UserTaskChangeset, action?: string, ctx?: CommandContext): Promise<void> {
    await this.submit({ key: userTaskKey, valueType: ValueType.USER_TASK, intent: 'UPDATE', value: { changeset, action: action ?? '' } }, ctx);
  }

  async recordDeniedAttempt(attempt: DeniedAttempt): Promise<void> {
    const value = { attempted: attempt.attempted, reason: attempt.reason, kind: attempt.kind };
    // The rejection is the record; the promise rejecting with it is the expected outcome.
    await this.submit({ key: '-1', valueType: ValueType.AUTHORIZATION, intent: 'CHECK', value }, { actor: attempt.actor }).catch(() => undefined);
  }

  // ------------------------------------------------------------------ reads

  getUserTask(userTaskKey: Key): UserTask | undefined {
    const entry = this.state.userTasks.get(userTaskKey);
    return entry ? toUserTask(entry) : undefined;
  }

  listUserTasks(): UserTask[] {
    return [...this.state.userTasks.values()].map(toUserTask);
  }

  getForm(formKey: Key): FormDefinition | undefined {
    const form = this.state.forms.get(formKey);
    if (!form) return undefined;
    return { formKey: form.key, formId: form.formId, version: form.version, resourceName: form.resourceName, schema: form.resource, tenantId: form.tenantId };
  }

  getProcessDefinition(processDefinitionKey: Key): ProcessDefinitionInfo | undefined {
    const p = this.state.processes.get(processDefinitionKey);
    if (!p) return undefined;
    return { processDefinitionKey: p.key, bpmnProcessId: p.bpmnProcessId, version: p.version, resourceName: p.resourceName, tenantId: p.tenantId, bpmnXml: p.resource };
  }

  getDecisionRequirements(decisionRequirementsKey: Key): DecisionRequirementsInfo | undefined {
    const drg = this.state.decisionRequirements.get(decisionRequirementsKey);
    if (!drg) return undefined;
    return {
      decisionRequirementsKey: drg.key,
      dmnDecisionRequirementsId: drg.decisionRequirementsId,
      dmnDecisionRequirementsName: drg.decisionRequirementsName,
      version: drg.version,
      resourceName: drg.resourceName,
      tenantId: drg.tenantId,
      dmnXml: drg.resource,
    };
  }

  getVariables(scopeKey: Key): Variables | undefined {
    if (!this.state.elementInstances.has(scopeKey)) return undefined;
    return this.state.visibleVariables(scopeKey);
  }

  /** Durable batches as JSON bytes, straight from the log's writer thread (the history exporter reads them). */
  attachLogExportPort(port: MessagePort): void {
    this.log.attachExportPort(port);
  }

  readRecords(fromPosition: number, limit?: number): EngineRecord[] {
    return this.log.read(fromPosition, limit);
  }

  onCommitted(listener: (records: readonly EngineRecord[]) => void): () => void {
    return this.processor.onCommitted(listener);
  }

  onBatch(observer: (batch: { commands: number; records: readonly EngineRecord[]; commitMs: number }) => void): () => void {
    return this.processor.onBatch(observer);
  }

  health(): { up: boolean; detail: string } {
    const failure = this.processor.logFailure;
    if (failure) return { up: false, detail: `the record log cannot be written: ${failure.message}` };
    if (this.diskShortage) return { up: false, detail: outOfDiskSpace(this.diskMonitor?.status ?? this.diskShortage).message };
    if (this.closed) return { up: false, detail: 'the engine is closing' };
    return { up: true, detail: 'taking commands; the record log is writable' };
  }

  openProcessInstanceCount(): number {
    return this.state.openProcessInstanceCount();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.diskMonitor?.stop();
    this.logRecovery?.stop();
    this.scheduler.stop();
    this.batchDriver?.stop();
    await this.processor.close();
    for (const [key, waiter] of this.waiters) {
      if (!waiter.settled) {
        waiter.settled = true;
        waiter.reject(new EngineRejection('RESOURCE_EXHAUSTED', `Expected to await process instance '${key}', but the engine is closing`));
      }
    }
    this.waiters.clear();
    await this.snapshotter?.close();
    await this.log.close();
    this.folderLock.release();
  }

  // ------------------------------------------------------------------ scheduler

  /** A due date passed: if it still holds in state, write the trigger command (once). */
  private fireDue(entry: DueEntry): void {
    const id = `${entry.kind}:${entry.key}`;
    if (this.inFlightDue.has(id)) return;
    const draft = this.dueCommand(entry, this.engineClock.now());
    if (!draft || this.closed) return;
    this.inFlightDue.add(id);
    const done = () => this.inFlightDue.delete(id);
    this.processor.submit({ ...draft, recordType: 'COMMAND' }, { resolve: done, reject: done });
  }

  /** The trigger command a due entry stands for, if it still holds in state at `now` (`Infinity`: at all). */
  private dueCommand(entry: DueEntry, now: number): Omit<RecordDraft, 'recordType'> | undefined {
    let draft: Omit<RecordDraft, 'recordType'> | undefined;
    switch (entry.kind) {
      case 'timer': {
        const timer = this.state.timers.get(entry.key);
        if (timer && timer.value.dueDate <= now) draft = { key: entry.key, valueType: ValueType.TIMER, intent: 'TRIGGER', value: { ...timer.value } };
        break;
      }
      case 'job-deadline': {
        const job = this.state.jobs.get(entry.key);
        if (job && job.state === 'ACTIVATED' && job.value.deadline <= now) draft = { key: entry.key, valueType: ValueType.JOB, intent: 'TIME_OUT', value: {} };
        break;
      }
      case 'job-backoff': {
        const job = this.state.jobs.get(entry.key);
        if (job && job.state === 'FAILED' && job.value.retries > 0 && Number(job.value.recurringTime) <= now) {
          draft = { key: entry.key, valueType: ValueType.JOB, intent: 'RECUR_AFTER_BACKOFF', value: {} };
        }
        break;
      }
      case 'message-ttl': {
        const message = this.state.messages.get(entry.key);
        if (message && message.value.deadline <= now) draft = { key: entry.key, valueType: ValueType.MESSAGE, intent: 'EXPIRE', value: {} };
        break;
      }
    }
    return draft;
  }

  private async recordClock(intent: 'PIN' | 'RESET', time: number, ctx?: CommandContext): Promise<void> {
    this.scheduler.check();
    await this.submit({ key: '-1', valueType: ValueType.CLOCK, intent, value: { time } }, ctx).catch(() => undefined);
    await this.processor.whenIdle();
  }
}

function toUserTask(entry: UserTaskEntry): UserTask {
  const v = entry.value as Record<string, unknown>;
  return {
    userTaskKey: entry.key,
    state: entry.state,
    elementId: String(v.elementId),
    elementInstanceKey: String(v.elementInstanceKey),
    processInstanceKey: String(v.processInstanceKey),
    processDefinitionKey: String(v.processDefinitionKey),
    bpmnProcessId: String(v.bpmnProcessId),
    processDefinitionVersion: Number(v.processDefinitionVersion),
    tenantId: String(v.tenantId),
    assignee: String(v.assignee ?? ''),
    candidateGroups: (v.candidateGroupsList as string[]) ?? [],
    candidateUsers: (v.candidateUsersList as string[]) ?? [],
    dueDate: String(v.dueDate ?? ''),
    followUpDate: String(v.followUpDate ?? ''),
    formKey: String(v.formKey ?? '-1'),
    externalFormReference: String(v.externalFormReference ?? ''),
    priority: Number(v.priority ?? 50),
    customHeaders: (v.customHeaders as Record<string, string>) ?? {},
    creationTimestamp: Number(v.creationTimestamp),
  };
}
