import { Camunda8 } from '@camunda8/sdk';
import type { ZBWorkerTaskHandler, ZeebeJob } from '@camunda8/sdk/dist/zeebe/types';
import type { EngineRecord } from '../../../../engine/api';
import { RecordStream } from '../../../support/record-stream';
import { startGatewayTestBed, type GatewayTestBed, type SdkZeebeClient } from '../../gateway/support/test-bed';
import { parsedVariables } from './record-reading';

/** A job as the SDK's worker hands it to a task handler. */
export type SdkJob = Readonly<ZeebeJob>;

/** What a task handler returns: the acknowledgement of complete / fail / error. */
type JobAcknowledgement = ReturnType<ZBWorkerTaskHandler>;

/**
 * A real engine (gRPC + REST on port 0) and one `@camunda8/sdk` client, with the reads the conformance
 * tests need: every wait is on committed records, never on wall-clock sleeps.
 */
export interface ConformanceBed {
  readonly gateway: GatewayTestBed;
  /** The SDK client every deployment and command of the suite goes through. */
  readonly sdk: SdkZeebeClient;
  /** The SDK's REST client (8.7-style) on the engine's REST gateway, for what only REST offers (user tasks). */
  rest(): ReturnType<Camunda8['getCamundaRestClient']>;
  /** Deploy one or more BPMN models (one resource each) through the SDK's DeployResource. */
  deploy(...models: string[]): Promise<void>;
  /** Start an instance of the latest version through the SDK; resolves with its key. */
  start(bpmnProcessId: string, variables?: Record<string, unknown>): Promise<string>;
  /** A polling SDK worker for `type`; closed with the bed. */
  work(type: string, handler: (job: SdkJob) => JobAcknowledgement, fetchVariable?: string[]): void;
  /** The whole committed record stream, filterable. */
  readonly records: RecordStream;
  /** The committed PROCESS_INSTANCE events of one instance (and its element instances). */
  elements(processInstanceKey: string): RecordStream;
  /** `elementId:intent` of every PROCESS_INSTANCE event of an instance, in order. */
  trail(processInstanceKey: string): string[];
  /** Waits for the first committed record (past or future) that matches, failing after `timeoutMs`. */
  waitFor(description: string, predicate: (record: EngineRecord) => boolean, timeoutMs?: number): Promise<EngineRecord>;
  /** Waits until an element of the instance reached `intent` (ELEMENT_COMPLETED unless given). */
  waitForElement(processInstanceKey: string, elementId: string, intent?: string): Promise<EngineRecord>;
  /** Waits until the process instance completed. */
  waitForCompletion(processInstanceKey: string): Promise<EngineRecord>;
  /** Waits until the process instance was terminated. */
  waitForTermination(processInstanceKey: string): Promise<EngineRecord>;
  /** Waits for an incident CREATED on the instance. */
  waitForIncident(processInstanceKey: string): Promise<EngineRecord>;
  /** The variables of one scope as the VARIABLE records wrote them (last write wins). */
  variablesOf(scopeKey: string): Record<string, unknown>;
  /** Move the controlled engine clock forward (the clock change is committed when this resolves). */
  advanceClock(ms: number): Promise<void>;
  /**
   * One command round trip through the log (a message nobody waits for, TTL 0): everything the engine queued
   * before it, such as the scheduler's timer triggers after a clock change, has been processed when it resolves.
   * Lets a test assert that something did NOT happen without sleeping.
   */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_WAIT_MS = 5_000;

/** Start the engine for one conformance suite (`controlled` clock for timer suites). */
export async function startConformanceBed(options: { clock?: 'system' | 'controlled' } = {}): Promise<ConformanceBed> {
  const gateway = await startGatewayTestBed(options);
  const sdk = gateway.sdk();
  const engine = gateway.server.engine;
  const records = new RecordStream(() => engine.readRecords(0));
  let deployed = 0;

  function waitFor(description: string, predicate: (record: EngineRecord) => boolean, timeoutMs = DEFAULT_WAIT_MS) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Expected ${description} within ${timeoutMs} ms, but no such record was committed`)), timeoutMs);
    });
    return Promise.race([gateway.record(predicate), timeout]).finally(() => clearTimeout(timer));
  }

  const processInstanceEvent = (processInstanceKey: string, elementId: string | undefined, intent: string) => (r: EngineRecord) =>
    r.valueType === 'PROCESS_INSTANCE' &&
    r.recordType === 'EVENT' &&
    r.intent === intent &&
    r.value.processInstanceKey === processInstanceKey &&
    (elementId === undefined ? r.value.bpmnElementType === 'PROCESS' : r.value.elementId === elementId);

  const elements = (processInstanceKey: string) => records.processInstance().events().withProcessInstanceKey(processInstanceKey);

  return {
    gateway,
    sdk,
    records,
    rest() {
      return new Camunda8({ ZEEBE_REST_ADDRESS: gateway.server.restUrl, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none' } as never).getCamundaRestClient();
    },
    async deploy(...models) {
      for (const model of models) {
        deployed += 1;
        await sdk.deployResource({ process: Buffer.from(model), name: `conformance-${deployed}.bpmn` });
      }
    },
    async start(bpmnProcessId, variables = {}) {
      const created = await sdk.createProcessInstance({ bpmnProcessId, variables: variables as never });
      return created.processInstanceKey;
    },
    work(type, handler, fetchVariable) {
      sdk.createWorker({ taskType: type, taskHandler: handler as never, fetchVariable: fetchVariable as never, pollInterval: 50 });
    },
    elements,
    trail(processInstanceKey) {
      return elements(processInstanceKey).elementIntents();
    },
    waitFor,
    waitForElement(processInstanceKey, elementId, intent = 'ELEMENT_COMPLETED') {
      return waitFor(`${elementId} ${intent} in instance ${processInstanceKey}`, processInstanceEvent(processInstanceKey, elementId, intent));
    },
    waitForCompletion(processInstanceKey) {
      return waitFor(`instance ${processInstanceKey} to complete`, processInstanceEvent(processInstanceKey, undefined, 'ELEMENT_COMPLETED'));
    },
    waitForTermination(processInstanceKey) {
      return waitFor(`instance ${processInstanceKey} to be terminated`, processInstanceEvent(processInstanceKey, undefined, 'ELEMENT_TERMINATED'));
    },
    waitForIncident(processInstanceKey) {
      return waitFor(
        `an incident in instance ${processInstanceKey}`,
        (r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && r.value.processInstanceKey === processInstanceKey,
      );
    },
    variablesOf(scopeKey) {
      return parsedVariables(records.variable().withValue('scopeKey', scopeKey).asList());
    },
    async advanceClock(ms) {
      await engine.clock.advance(ms);
    },
    async settle() {
      await sdk.publishMessage({ name: 'conformance-settle', correlationKey: 'none', timeToLive: 0, variables: {} });
    },
    close() {
      return gateway.close();
    },
  };
}
