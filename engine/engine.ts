// The embedded engine's facade: opens the record log and state, wires the stream processor, scheduler,
// snapshots and disk watermark together, and serves the client calls of EngineApi that need its own parts
// (deployment behind the disk check, awaited results, job activation and streams, reads); the calls that are
// one command each are in engine-commands.ts.
import { BatchOperationDriver } from './processing/batch/batch-operation-driver';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import {
  EngineRejection,
  type ActivateJobsRequest,
  type ActivatedJob,
  type CommandContext,
  type CreateProcessInstanceRequest,
  type DeploymentResource,
  type DeploymentResult,
  type EngineApi,
  type EngineClockControl,
  type EngineRecord,
  type FormDefinition,
  type JobStreamHandle,
  type JobStreamRequest,
  type Key,
  type ProcessDefinitionInfo,
  type DecisionRequirementsInfo,
  type ProcessInstanceCreated,
  type ProcessInstanceResult,
  type UserTask,
  type Variables,
  type ProcessPermissionCheck,
} from './api';
import * as commands from './client-commands';
import { EngineCommands } from './engine-commands';
import { EngineClock, engineClockControl, type DueDateScheduler } from './clock';
import { lockDataFolder, type DataFolderLock } from './data-folder-lock';
import { DueDateTriggers } from './due-date-triggers';
import { loadExecutables, restoreState, snapshotterFor } from './engine-recovery';
import { JobStreams } from './job-streams';
import { RecordLog } from './log';
import { StreamProcessor } from './processing';
import type { EngineOptions } from './engine-options';
import type { SideEffects } from './processing/processing-context';
import { createProcessors } from './processing/processors';
import { ProcessResultWaiters } from './process-result-waiters';
import { ValueType } from './protocol';
import { EngineState, StateCapture } from './state';
import { toDecisionRequirementsInfo, toFormDefinition, toProcessDefinitionInfo, toUserTask } from './state-views';
import type { Snapshotter, SnapshotStatus, SnapshotTaken } from './snapshot';
import { diskWatermarkSettings, type DiskSpaceStatus } from './log/disk-space-monitor';
import { DiskWatermarkGuard } from './log/disk-watermark-guard';
import { engineServiceLog } from './logging/service-log';
import { LogWriteRecovery } from './recovery/log-write-recovery';
import { resumeAfterLogFailure } from './recovery/resume-after-log-failure';

export type { EngineOptions };

/**
 * The embedded Zeebe-compatible engine: a durable record log, state rebuilt from it, one stream processor,
 * one scheduler on the engine clock. Everything a client does goes through {@link EngineApi}.
 */
export class Engine extends EngineCommands implements EngineApi {
  readonly clock: EngineClockControl;
  private readonly processor: StreamProcessor;
  private readonly scheduler: DueDateScheduler;
  private readonly resultWaiters = new ProcessResultWaiters();
  private readonly jobStreams: JobStreams;
  private snapshotter: Snapshotter | undefined;
  /** Submits the chunks of running batch operations (Camunda 8.8), one command at a time. */
  private batchDriver: BatchOperationDriver | undefined;
  private closed = false;
  /** Refuses commands while the data folder is short of free space (issue 13: Zeebe's disk watermark). */
  private readonly disk = new DiskWatermarkGuard({
    isClosed: () => this.closed,
    paused: () => this.scheduler.stop(),
    resumed: () => this.diskSpaceBack(),
  });
  /** Resumes the engine by itself once a failed record log is writable again (issue 13). */
  private logRecovery: LogWriteRecovery | undefined;

  private constructor(
    readonly dataDir: string,
    private readonly log: RecordLog,
    /** The engine's state; tests read it (never write it). */
    readonly state: EngineState,
    engineClock: EngineClock,
    private readonly folderLock: DataFolderLock,
    permissions?: ProcessPermissionCheck,
  ) {
    super();
    const triggers = new DueDateTriggers(state, engineClock, (command, done) => this.processor.submit(command, { resolve: done, reject: done }), () => this.closed);
    this.scheduler = triggers.scheduler;
    state.onDue = (entry) => this.scheduler.schedule(entry);
    this.jobStreams = new JobStreams({
      activatableJobs: state.activatableJobs,
      activateJobs: (req) => this.activateJobs(req),
      yieldJob: (jobKey) => this.submit({ key: jobKey, valueType: ValueType.JOB, intent: 'YIELD', value: {} }),
      defer: (task) => this.processor.defer(task),
      isClosed: () => this.closed,
    });
    const sideEffects: SideEffects = {
      jobsAvailable: (type) => this.processor.defer(() => this.jobStreams.announce(type)),
      jobStreamFor: (type, tenantId) => this.jobStreams.streamFor(type, tenantId),
      registerResultWaiter: (processInstanceKey, command) => this.resultWaiters.register(processInstanceKey, command.value),
      awaitsResult: (processInstanceKey) => this.resultWaiters.awaiting(processInstanceKey),
      processInstanceEnded: (processInstanceKey, result) => {
        const settle = this.resultWaiters.take(processInstanceKey, result);
        if (settle) this.processor.defer(settle);
      },
    };
    this.processor = new StreamProcessor(log, state, engineClock, createProcessors(), sideEffects, permissions);
    this.processor.onCommitted(() => this.scheduler.check());
    this.clock = engineClockControl(engineClock, (intent, time, ctx) => this.recordClock(intent, time, ctx));
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
    await loadExecutables(log, state);
    const { store, loaded } = restoreState(dataDir, log, state, options.replayAll);
    // A controlled clock resumes where it was pinned, so due dates keep their meaning across a restart.
    const lastClock = state.lastClock;
    if (clock.mode === 'controlled' && lastClock?.intent === 'PINNED' && lastClock.time > clock.now()) clock.pin(lastClock.time);
    engine.snapshotter = snapshotterFor(store, loaded, options.snapshot, {
      processedPosition: () => engine.processor.processedPosition,
      committedPosition: () => log.position,
      startCapture: () => new StateCapture(state),
    });
    engine.processor.onCommitted(() => engine.snapshotter?.afterCommit());
    engine.scheduler.start();
    engine.batchDriver = new BatchOperationDriver(engine, state);
    await engine.disk.start(dataDir, watermark);
    engine.logRecovery = new LogWriteRecovery(dataDir, {
      logFailure: () => engine.processor.logFailure,
      paused: () => engine.closed || engine.disk.refusal() !== undefined,
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
      resumeWork: () => this.diskSpaceBack(),
      onDue: (entry) => this.scheduler.schedule(entry),
      // Callers awaiting the result of an instance that was never written were told already; forget them.
      forgetLost: () => this.resultWaiters.rejectUnwritten((key) => this.state.elementInstances.has(key)),
    });
  }

  /**
   * The free space is above the watermark again: the scheduler fires what fell due meanwhile and running
   * batch operations go on. (Below it, as Zeebe pauses processing, the scheduler stopped writing trigger
   * commands and {@link submit} refused every command.)
   */
  private diskSpaceBack(): void {
    this.scheduler.start();
    // A chunk refused while the disk was short ended that batch operation's wake-ups: a new driver picks up
    // every active one.
    this.batchDriver?.stop();
    this.batchDriver = new BatchOperationDriver(this, this.state);
    // Activations refused meanwhile left jobs waiting: open job streams are offered them again.
    for (const [type, jobs] of this.state.activatableJobs) if (jobs.size > 0) this.jobStreams.announce(type);
  }

  /** What the last free-space check of the data folder found, when the watermark is on. */
  diskSpace(): DiskSpaceStatus | undefined {
    return this.disk.status();
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

  protected submit<T>(draft: commands.CommandDraft, ctx?: CommandContext): Promise<T> {
    if (this.closed) return Promise.reject(new EngineRejection('RESOURCE_EXHAUSTED', 'Expected the engine to accept commands, but it is closed'));
    const diskRefusal = this.disk.refusal();
    if (diskRefusal) return Promise.reject(diskRefusal);
    return new Promise<T>((resolve, reject) => {
      this.processor.submit(
        { ...draft, recordType: 'COMMAND', actor: ctx?.actor },
        { resolve: (value) => resolve(value as T), reject },
      );
    });
  }

  async deployResources(resources: DeploymentResource[], tenantId?: string, ctx?: CommandContext): Promise<DeploymentResult> {
    // Refused before the resources are parsed on an isolation thread: nothing could be written anyway.
    const diskRefusal = this.disk.refusal();
    if (diskRefusal) throw diskRefusal;
    return this.submit(await commands.deploymentCommand(resources, tenantId), ctx);
  }

  createProcessInstanceWithResult(
    req: CreateProcessInstanceRequest & { fetchVariables?: string[] },
    requestTimeoutMs: number,
    ctx?: CommandContext,
  ): Promise<ProcessInstanceResult> {
    return this.resultWaiters.awaitResult(
      () => ({ ...commands.creationValue(req), fetchVariables: req.fetchVariables ?? [] }),
      req.fetchVariables,
      requestTimeoutMs,
      (value) => this.submit<ProcessInstanceCreated>({ key: '-1', valueType: ValueType.PROCESS_INSTANCE_CREATION, intent: 'CREATE_WITH_AWAITING_RESULT', value }, ctx),
    );
  }

  async activateJobs(req: ActivateJobsRequest, ctx?: CommandContext): Promise<ActivatedJob[]> {
    const available = this.state.activatableJobs.get(req.type);
    if (!available || available.size === 0) return [];
    return this.submit(commands.activateJobsCommand(req), ctx);
  }

  onJobsAvailable(listener: (type: string) => void): () => void {
    return this.jobStreams.onJobsAvailable(listener);
  }

  openJobStream(req: JobStreamRequest, push: (job: ActivatedJob) => boolean): JobStreamHandle {
    return this.jobStreams.open(req, push);
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
    return form ? toFormDefinition(form) : undefined;
  }

  getProcessDefinition(processDefinitionKey: Key): ProcessDefinitionInfo | undefined {
    const p = this.state.processes.get(processDefinitionKey);
    return p ? toProcessDefinitionInfo(p) : undefined;
  }

  getDecisionRequirements(decisionRequirementsKey: Key): DecisionRequirementsInfo | undefined {
    const drg = this.state.decisionRequirements.get(decisionRequirementsKey);
    return drg ? toDecisionRequirementsInfo(drg) : undefined;
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
    const diskRefusal = this.disk.refusal();
    if (diskRefusal) return { up: false, detail: diskRefusal.message };
    if (this.closed) return { up: false, detail: 'the engine is closing' };
    return { up: true, detail: 'taking commands; the record log is writable' };
  }

  openProcessInstanceCount(): number {
    return this.state.openProcessInstanceCount();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.disk.stop();
    this.logRecovery?.stop();
    this.scheduler.stop();
    this.batchDriver?.stop();
    await this.processor.close();
    this.resultWaiters.rejectAll();
    await this.snapshotter?.close();
    await this.log.close();
    this.folderLock.release();
  }

  private async recordClock(intent: 'PIN' | 'RESET', time: number, ctx?: CommandContext): Promise<void> {
    this.scheduler.check();
    await this.submit({ key: '-1', valueType: ValueType.CLOCK, intent, value: { time } }, ctx).catch(() => undefined);
    await this.processor.whenIdle();
  }
}
