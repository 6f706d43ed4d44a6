/**
 * The engine one test case runs on: fresh, in-process, on a controlled clock, with the test's resources
 * deployed and its job-worker mocks answering. Instructions and assertions act on it through the engine API and
 * read what happened from {@link RunRecords}.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../engine';
import type { DeploymentResource, EngineApi, Variables } from '../../engine/api';
import { ElementNames } from './element-names';
import { ExampleData } from './example-data';
import { RunRecords, type RunElementInstance } from './run-records';

/** A job-worker mock registered by MOCK_JOB_WORKER_COMPLETE_JOB or MOCK_JOB_WORKER_THROW_BPMN_ERROR. */
export type JobWorkerMock =
  | { kind: 'complete'; variables: Variables; useExampleData?: boolean }
  | { kind: 'error'; errorCode: string; errorMessage: string; variables: Variables };

/** An instruction or assertion that did not hold; the message says what was expected and what was found. */
export class TestCaseFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TestCaseFailure';
  }
}

const WORKER = 'onego-test-cases';
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** One test case's engine and what the case has set up on it. */
export class TestCaseRuntime {
  readonly records: RunRecords;
  readonly mocks = new Map<string, JobWorkerMock>();
  private constructor(
    readonly engine: EngineApi,
    private readonly dataDir: string,
    /** How long an assertion waits for its state (CPT's default is 10 s). */
    readonly assertionTimeoutMs: number,
    /** The names of the deployed elements, for `elementName` and `taskName` selectors. */
    readonly names: ElementNames,
    /** The deployed elements' example data, for `useExampleData`. */
    readonly exampleData: ExampleData,
  ) {
    this.records = new RunRecords(engine);
  }

  /** Opens a fresh engine in a temporary folder and deploys `resources` in one deployment. */
  static async start(resources: DeploymentResource[], assertionTimeoutMs: number): Promise<TestCaseRuntime> {
    const dataDir = mkdtempSync(join(tmpdir(), 'onego-test-case-'));
    const engine = await createEngine({ dataDir, clock: 'controlled', snapshot: { everyRecords: 0, everySeconds: 0 } });
    const runtime = new TestCaseRuntime(engine, dataDir, assertionTimeoutMs, await ElementNames.of(resources), await ExampleData.of(resources));
    if (resources.length > 0) await engine.deployResources(resources, undefined, { actor: WORKER });
    return runtime;
  }

  /** Deploys one more resource during the case (a MOCK_CHILD_PROCESS or MOCK_DMN_DECISION stand-in). */
  async deploy(name: string, content: string): Promise<void> {
    await this.engine.deployResources([{ name, content: Buffer.from(content, 'utf8') }], undefined, { actor: WORKER });
  }

  /** Whether a user task's element matches a CPT user-task selector (`elementId`, `taskName`, `processDefinitionId`). */
  taskMatches(selector: { elementId?: unknown; taskName?: unknown; processDefinitionId?: unknown }, task: { elementId: string; bpmnProcessId: string }): boolean {
    return (
      (selector.elementId === undefined || task.elementId === selector.elementId) &&
      (selector.taskName === undefined || this.names.idsNamed(String(selector.taskName)).includes(task.elementId)) &&
      (selector.processDefinitionId === undefined || task.bpmnProcessId === selector.processDefinitionId)
    );
  }

  /** The first process instance created for `processDefinitionId` (or the first of all when none is named). */
  processInstance(selector: { processDefinitionId?: unknown } | undefined): RunElementInstance | undefined {
    const id = selector?.processDefinitionId;
    return this.records.processInstances().find((instance) => id === undefined || instance.bpmnProcessId === id);
  }

  /** Activates the open jobs of `type` for this run, so one can be completed or fail with an error. */
  async activate(type: string): Promise<{ key: string; elementId: string; bpmnProcessId: string }[]> {
    return this.engine.activateJobs({ type, worker: WORKER, timeoutMs: 300_000, maxJobsToActivate: 1000 }, { actor: WORKER });
  }

  /** Lets every mock handle the jobs of its type that are open now. */
  async runMocks(): Promise<void> {
    for (const [type, mock] of this.mocks) {
      for (const job of await this.activate(type)) {
        if (mock.kind === 'complete') {
          const variables = mock.useExampleData ? this.exampleData.variablesOf(job.bpmnProcessId, job.elementId) : mock.variables;
          await this.engine.completeJob(job.key, variables, { actor: WORKER });
        }
        else await this.engine.throwError({ jobKey: job.key, errorCode: mock.errorCode, errorMessage: mock.errorMessage, variables: mock.variables }, { actor: WORKER });
      }
    }
  }

  /**
   * Waits until `check` passes (it throws {@link TestCaseFailure} while it does not), running the mocks in
   * between, for at most the assertion timeout; then throws the last failure.
   */
  async eventually<T>(check: () => T): Promise<T> {
    const deadline = Date.now() + this.assertionTimeoutMs;
    for (;;) {
      await this.runMocks();
      try {
        return check();
      } catch (error) {
        if (!(error instanceof TestCaseFailure) || Date.now() >= deadline) throw error;
      }
      await pause(20);
    }
  }

  async close(): Promise<void> {
    this.records.close();
    await this.engine.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
