import { readFileSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { createEngine, type Engine } from '../../engine';
import type { ActivatedJob, DeploymentResult, EngineRecord, Key, ProcessInstanceResult, UserTask, Variables } from '../../engine/api';
import { RecordStream } from './record-stream';

/**
 * The engine in-process for tests: a temporary data directory, a controlled clock, fluent clients shaped
 * like Zeebe's test harness, and assertions over the committed record stream.
 *
 * @example
 * const engine = await TestEngine.start();
 * await engine.deployment().withXml(xml).deploy();
 * const key = await engine.processInstance().ofBpmnProcessId('order').withVariables({ amount: 5 }).create();
 * await engine.job().ofType('payment').complete({ paid: true });
 * expect(engine.records().processInstance().withIntent('ELEMENT_COMPLETED').withElementId('order').exists()).to.equal(true);
 * await engine.close();
 */
export class TestEngine {
  private cache: { at: number; records: EngineRecord[] } | undefined;

  private constructor(
    public engine: Engine,
    /** The data directory is a temporary one this harness made (removed on close). */
    private readonly ownsDataDir: boolean,
  ) {}

  /** Start an engine with a controlled clock (on `dataDir` if given, to reopen an existing log). */
  static async start(options: { dataDir?: string } = {}): Promise<TestEngine> {
    return new TestEngine(await createEngine({ dataDir: options.dataDir, clock: 'controlled' }), options.dataDir === undefined);
  }

  /** The data directory (to reopen the same log). */
  get dataDir(): string {
    return this.engine.dataDir;
  }

  /** Close and reopen on the same data directory, as after a crash or restart (`replayAll`: ignore snapshots). */
  async restart(options: { replayAll?: boolean } = {}): Promise<void> {
    const dir = this.engine.dataDir;
    await this.engine.close();
    this.engine = await createEngine({ dataDir: dir, clock: 'controlled', replayAll: options.replayAll });
    this.cache = undefined;
  }

  /** Close the engine; a temporary data directory goes with it. */
  async close(): Promise<void> {
    await this.engine.close();
    if (this.ownsDataDir) rmSync(this.engine.dataDir, { recursive: true, force: true });
  }

  /** The engine clock: `advance` moves time and resolves once every timer that came due was processed. */
  get clock() {
    const engine = this.engine;
    return {
      now: () => engine.clock.now(),
      advance: (ms: number) => engine.clock.advance(ms),
      pin: (epochMs: number) => engine.clock.pin(epochMs),
    };
  }

  /** Committed records, as a filterable stream. */
  records(): RecordStream {
    return new RecordStream(() => this.allRecords());
  }

  private allRecords(): EngineRecord[] {
    const cached = this.cache;
    const from = cached ? cached.at + 1 : 1;
    const fresh = this.engine.readRecords(from, 1_000_000);
    const records = cached ? cached.records.concat(fresh) : fresh;
    this.cache = { at: records.length > 0 ? records[records.length - 1].position : 0, records };
    return records;
  }

  deployment(): DeploymentBuilder {
    return new DeploymentBuilder(this.engine);
  }

  processInstance(): ProcessInstanceClient {
    return new ProcessInstanceClient(this.engine);
  }

  job(): JobClient {
    return new JobClient(this.engine);
  }

  message(): MessageBuilder {
    return new MessageBuilder(this.engine);
  }

  signal(name: string): { withVariables(v: Variables): { broadcast(): Promise<Key> }; broadcast(): Promise<Key> } {
    const engine = this.engine;
    const broadcast = async (variables: Variables = {}) => (await engine.broadcastSignal(name, variables)).key;
    return { withVariables: (v) => ({ broadcast: () => broadcast(v) }), broadcast: () => broadcast() };
  }

  incident(): IncidentClient {
    return new IncidentClient(this.engine, () => this.records());
  }

  userTask(): UserTaskClient {
    return new UserTaskClient(this.engine);
  }

  /** Variables visible from a scope (the process instance key for root variables). */
  variables(scopeKey: Key): Variables | undefined {
    return this.engine.getVariables(scopeKey);
  }

  /** Whether a process instance has completed (its process element's ELEMENT_COMPLETED was committed). */
  isCompleted(processInstanceKey: Key): boolean {
    return this.records()
      .processInstance()
      .withIntent('ELEMENT_COMPLETED')
      .withElementType('PROCESS')
      .withKey(processInstanceKey)
      .exists();
  }

  /** Whether a process instance was terminated (canceled). */
  isTerminated(processInstanceKey: Key): boolean {
    return this.records()
      .processInstance()
      .withIntent('ELEMENT_TERMINATED')
      .withElementType('PROCESS')
      .withKey(processInstanceKey)
      .exists();
  }
}

export class DeploymentBuilder {
  private readonly resources: { name: string; content: Buffer }[] = [];
  private tenantId: string | undefined;

  constructor(private readonly engine: Engine) {}

  /** Add BPMN XML (named `process.bpmn` unless given). */
  withXml(xml: string, name = `process-${this.resources.length + 1}.bpmn`): this {
    this.resources.push({ name, content: Buffer.from(xml) });
    return this;
  }

  /** Add any resource by name (.bpmn, .dmn, .form). */
  withResource(name: string, content: string | Buffer): this {
    this.resources.push({ name, content: Buffer.isBuffer(content) ? content : Buffer.from(content) });
    return this;
  }

  withFile(path: string): this {
    this.resources.push({ name: basename(path), content: readFileSync(path) });
    return this;
  }

  withTenant(tenantId: string): this {
    this.tenantId = tenantId;
    return this;
  }

  deploy(): Promise<DeploymentResult> {
    return this.engine.deployResources(this.resources, this.tenantId);
  }
}

export class ProcessInstanceClient {
  private bpmnProcessId: string | undefined;
  private processDefinitionKey: Key | undefined;
  private version: number | undefined;
  private variables: Variables = {};
  private startAt: string[] = [];

  constructor(private readonly engine: Engine) {}

  ofBpmnProcessId(id: string): this {
    this.bpmnProcessId = id;
    return this;
  }
  ofProcessDefinitionKey(key: Key): this {
    this.processDefinitionKey = key;
    return this;
  }
  withVersion(version: number): this {
    this.version = version;
    return this;
  }
  withVariables(variables: Variables): this {
    this.variables = variables;
    return this;
  }
  /** Start at these elements instead of the none start event. */
  withStartInstructions(...elementIds: string[]): this {
    this.startAt = elementIds;
    return this;
  }

  private request() {
    return {
      bpmnProcessId: this.bpmnProcessId,
      processDefinitionKey: this.processDefinitionKey,
      version: this.version,
      variables: this.variables,
      startInstructions: this.startAt.map((elementId) => ({ elementId })),
    };
  }

  /** Create the instance; resolves with its key. */
  async create(): Promise<Key> {
    return (await this.engine.createProcessInstance(this.request())).processInstanceKey;
  }

  /** Create and await completion (wall-clock `timeoutMs`). */
  createWithResult(timeoutMs = 5_000, fetchVariables?: string[]): Promise<ProcessInstanceResult> {
    return this.engine.createProcessInstanceWithResult({ ...this.request(), fetchVariables }, timeoutMs);
  }

  cancel(processInstanceKey: Key): Promise<void> {
    return this.engine.cancelProcessInstance(processInstanceKey);
  }
}

export class JobClient {
  private type = '';
  private worker = 'test-worker';
  private timeoutMs = 300_000;
  private fetchVariables: string[] | undefined;

  constructor(private readonly engine: Engine) {}

  ofType(type: string): this {
    this.type = type;
    return this;
  }
  byWorker(worker: string): this {
    this.worker = worker;
    return this;
  }
  withTimeout(ms: number): this {
    this.timeoutMs = ms;
    return this;
  }
  withFetchVariables(...names: string[]): this {
    this.fetchVariables = names;
    return this;
  }

  /** Activate up to `max` jobs of the type. */
  activate(max = 10): Promise<ActivatedJob[]> {
    return this.engine.activateJobs({
      type: this.type,
      worker: this.worker,
      timeoutMs: this.timeoutMs,
      maxJobsToActivate: max,
      fetchVariables: this.fetchVariables,
    });
  }

  /** Activate one job of the type; fails the test if there is none. */
  async activateOne(): Promise<ActivatedJob> {
    const [job] = await this.activate(1);
    if (!job) throw new Error(`Expected an activatable job of type '${this.type}', but there is none`);
    return job;
  }

  /** Activate one job of the type and complete it with `variables`. */
  async complete(variables: Variables = {}): Promise<ActivatedJob> {
    const job = await this.activateOne();
    await this.engine.completeJob(job.key, variables);
    return job;
  }

  /** Activate one job and fail it. */
  async fail(retries: number, errorMessage = 'failed', retryBackOffMs = 0): Promise<ActivatedJob> {
    const job = await this.activateOne();
    await this.engine.failJob({ jobKey: job.key, retries, errorMessage, retryBackOffMs });
    return job;
  }

  /** Activate one job and throw a BPMN error from it. */
  async throwError(errorCode: string, errorMessage = '', variables: Variables = {}): Promise<ActivatedJob> {
    const job = await this.activateOne();
    await this.engine.throwError({ jobKey: job.key, errorCode, errorMessage, variables });
    return job;
  }
}

export class MessageBuilder {
  private name = '';
  private correlationKey = '';
  private variables: Variables = {};
  private ttl = 0;
  private messageId: string | undefined;

  constructor(private readonly engine: Engine) {}

  withName(name: string): this {
    this.name = name;
    return this;
  }
  withCorrelationKey(key: string): this {
    this.correlationKey = key;
    return this;
  }
  withVariables(variables: Variables): this {
    this.variables = variables;
    return this;
  }
  withTimeToLive(ms: number): this {
    this.ttl = ms;
    return this;
  }
  withId(messageId: string): this {
    this.messageId = messageId;
    return this;
  }
  async publish(): Promise<Key> {
    return (
      await this.engine.publishMessage({
        name: this.name,
        correlationKey: this.correlationKey,
        variables: this.variables,
        timeToLiveMs: this.ttl,
        messageId: this.messageId,
      })
    ).key;
  }
  /** Correlate now (never buffered); resolves with the instance that took the message. */
  async correlate(): Promise<Key> {
    return (await this.engine.correlateMessage({ name: this.name, correlationKey: this.correlationKey, variables: this.variables })).processInstanceKey;
  }
}

export class IncidentClient {
  constructor(
    private readonly engine: Engine,
    private readonly records: () => RecordStream,
  ) {}

  /** Keys of incidents created and not resolved, optionally of one process instance. */
  open(processInstanceKey?: Key): EngineRecord[] {
    const stream = this.records().incident();
    const resolved = new Set(stream.withIntent('RESOLVED').asList().map((r) => r.key));
    let created = stream.withIntent('CREATED');
    if (processInstanceKey) created = created.withProcessInstanceKey(processInstanceKey);
    return created.asList().filter((r) => !resolved.has(r.key));
  }

  resolve(incidentKey: Key): Promise<void> {
    return this.engine.resolveIncident(incidentKey);
  }
}

export class UserTaskClient {
  constructor(private readonly engine: Engine) {}

  /** Open user tasks, optionally of one element or process instance. */
  list(filter: { elementId?: string; processInstanceKey?: Key } = {}): UserTask[] {
    return this.engine
      .listUserTasks()
      .filter((t) => (!filter.elementId || t.elementId === filter.elementId) && (!filter.processInstanceKey || t.processInstanceKey === filter.processInstanceKey));
  }

  /** The one open user task of an element; fails the test if there is not exactly one. */
  only(elementId: string): UserTask {
    const tasks = this.list({ elementId });
    if (tasks.length !== 1) throw new Error(`Expected one open user task '${elementId}', but found ${tasks.length}`);
    return tasks[0];
  }

  assign(userTaskKey: Key, assignee: string): Promise<void> {
    return this.engine.assignUserTask(userTaskKey, assignee);
  }

  complete(userTaskKey: Key, variables: Variables = {}): Promise<void> {
    return this.engine.completeUserTask(userTaskKey, variables);
  }
}
