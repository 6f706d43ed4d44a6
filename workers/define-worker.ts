/**
 * How a OneGo job worker is written: one definition per job type, with yup schemas for what it reads
 * and what it writes. The definition is plain data plus a handler, so it runs the same against our
 * engine or a real Camunda 8 cluster, and can be unit-tested with a fake job (see `runJob`).
 */
import type { ObjectSchema, AnyObject } from 'yup';

/** What a handler learns about the job besides its validated variables. */
export interface JobInfo {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  retries: number;
  customHeaders: Record<string, string>;
}

/** Runtime settings handed to every handler; each module reads its own settings from `env`. */
export interface WorkerConfig {
  /** The process environment (or a test's stand-in); modules validate the keys they read. */
  env: Record<string, string | undefined>;
  /** Random source for simulated external systems, so tests can make them deterministic. */
  random: () => number;
}

/** Where handlers write what they did; the runtime prefixes the job type and key. */
export interface WorkerLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
}

/** A message to publish to the gateway (Zeebe's PublishMessage), e.g. to start another process. */
export interface OutgoingMessage {
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
  /** Makes a retried job publish once: the gateway refuses a second message with the same id while the first is buffered. */
  messageId?: string;
  timeToLiveMs?: number;
}

/** Publishes messages through the same client the workers use (SDK `publishMessage`). */
export interface MessagePublisher {
  publish(message: OutgoingMessage): Promise<void>;
}

export interface JobContext {
  job: JobInfo;
  config: WorkerConfig;
  log: WorkerLogger;
  /** Present when the runtime has a gateway client; workers that publish say so clearly when it is missing. */
  messages?: MessagePublisher;
}

/**
 * A business error the model catches with an error boundary event: the handler returns it instead of
 * throwing, and the runtime answers the job with ThrowError.
 */
export class BpmnError {
  /** A brand instead of `instanceof`: a loader may evaluate this module twice (static and dynamic imports). */
  readonly kind = 'bpmn-error' as const;

  constructor(
    readonly errorCode: string,
    readonly errorMessage: string,
    readonly variables: Record<string, unknown> = {},
  ) {}
}

/** True for a {@link BpmnError} from any copy of this module. */
export function isBpmnError(value: unknown): value is BpmnError {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'bpmn-error';
}

/** Shorthand for `new BpmnError(...)` inside handlers. */
export function bpmnError(errorCode: string, errorMessage: string, variables?: Record<string, unknown>): BpmnError {
  return new BpmnError(errorCode, errorMessage, variables);
}

/**
 * A transient failure (an external system is down): the job is failed with one retry fewer and a
 * back-off, so the engine hands it out again later. Anything else thrown is treated the same way.
 */
export class RetryableFailure extends Error {
  constructor(
    message: string,
    readonly retryBackOffMs = 10_000,
  ) {
    super(message);
    this.name = 'RetryableFailure';
  }
}

/** True for a {@link RetryableFailure} from any copy of this module. */
export function isRetryableFailure(value: unknown): value is RetryableFailure {
  return value instanceof Error && value.name === 'RetryableFailure' && typeof (value as RetryableFailure).retryBackOffMs === 'number';
}

/** One job type's worker. */
export interface JobWorkerDefinition<Input extends AnyObject = AnyObject, Output extends AnyObject = AnyObject> {
  /** The `zeebe:taskDefinition` type; the file is named after it. */
  type: string;
  /** One line for logs and docs. */
  description: string;
  /** Validates (and casts) the job's variables before the handler sees them. */
  input: ObjectSchema<Input>;
  /** Validates what the handler returns before the job is completed with it. */
  output: ObjectSchema<Output>;
  /** Only these variables are fetched; defaults to the input schema's keys. */
  fetchVariables?: string[];
  /** How long a job stays locked to this worker (ms). Defaults to 30 s. */
  timeoutMs?: number;
  handle(input: Input, context: JobContext): Promise<Output | BpmnError>;
}

/**
 * Declares a worker. The identity function exists so TypeScript infers Input/Output from the schemas.
 *
 * @example
 * export default defineWorker({
 *   type: 'seal-carving',
 *   description: 'Orders the four free seals from the carving institution',
 *   input: object({ uscc: string().required() }),
 *   output: object({ sealOrderId: string().required() }),
 *   async handle({ uscc }) { return { sealOrderId: await carve(uscc) }; },
 * });
 */
export function defineWorker<Input extends AnyObject, Output extends AnyObject>(
  definition: JobWorkerDefinition<Input, Output>,
): JobWorkerDefinition<Input, Output> {
  return definition;
}
