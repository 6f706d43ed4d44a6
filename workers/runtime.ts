/**
 * Runs worker definitions against a Zeebe gateway through the official `@camunda8/sdk` gRPC client —
 * our embedded engine or a real Camunda 8 cluster alike, configured by the SDK's standard environment.
 */
import type { Camunda8 } from '@camunda8/sdk';
import type { JobWorkerDefinition, MessagePublisher, WorkerConfig, WorkerLogger } from './define-worker';
import { runJob } from './run-job';
import type { ConnectionReporter } from './connection-reporter';

type ZeebeClient = ReturnType<Camunda8['getZeebeGrpcApiClient']>;
/** The SDK types variables as JSON documents; our outcomes are validated plain objects of the same shape. */
type JsonDocument = Parameters<Parameters<ZeebeClient['createWorker']>[0]['taskHandler']>[0]['variables'];

/** Options for {@link startJobWorkers}. */
export interface StartJobWorkersOptions {
  zeebe: ZeebeClient;
  definitions: JobWorkerDefinition[];
  config?: Partial<WorkerConfig>;
  /** Name reported to the engine as the worker; defaults to "onego-workers". */
  workerName?: string;
  log?: (line: string) => void;
  /** Where a job's warnings go (a failed attempt); default: `log` with a WARN tag. */
  warn?: (line: string) => void;
  /** Receives the SDK's connection errors and ready events instead of the SDK's own per-retry log lines. */
  connection?: ConnectionReporter;
}

/** A handle on the running workers. */
export interface RunningJobWorkers {
  close(): Promise<void>;
}

function fetchVariablesOf(definition: JobWorkerDefinition): string[] {
  return definition.fetchVariables ?? Object.keys(definition.input.fields);
}

/** Starts one polling SDK worker per definition; resolves once all are registered. */
export function startJobWorkers(options: StartJobWorkersOptions): RunningJobWorkers {
  const config: WorkerConfig = { env: process.env, random: Math.random, ...options.config };
  const print = options.log ?? ((line: string) => console.log(line));
  const messages: MessagePublisher = {
    async publish(message) {
      try {
        await options.zeebe.publishMessage({
          name: message.name,
          correlationKey: message.correlationKey,
          variables: message.variables as JsonDocument,
          timeToLive: message.timeToLiveMs ?? 60_000,
          ...(message.messageId ? { messageId: message.messageId } : {}),
        });
      } catch (error) {
        // A retried job publishing the same message id again: the first one is already buffered, which is what we want.
        if (message.messageId && /ALREADY_EXISTS/i.test(String((error as Error).message ?? error))) return;
        throw error;
      }
    },
  };
  const workers = options.definitions.map((definition) => {
    const log: WorkerLogger = {
      info: (message, details) => print(`[${definition.type}] ${message}${details ? ' ' + JSON.stringify(details) : ''}`),
      warn: (message, details) =>
        (options.warn ?? ((line: string) => print(`WARN ${line}`)))(`[${definition.type}] ${message}${details ? ' ' + JSON.stringify(details) : ''}`),
    };
    return options.zeebe.createWorker({
      taskType: definition.type,
      id: options.workerName ?? 'onego-workers',
      timeout: definition.timeoutMs ?? 30_000,
      fetchVariable: fetchVariablesOf(definition) as never,
      ...(options.connection ? { stdout: options.connection.sink, onReady: () => options.connection!.ready() } : {}),
      taskHandler: async (job) => {
        const outcome = await runJob(definition, job.variables as Record<string, unknown>, {
          job: {
            key: job.key,
            type: job.type,
            processInstanceKey: job.processInstanceKey,
            bpmnProcessId: job.bpmnProcessId,
            elementId: job.elementId,
            retries: job.retries,
            customHeaders: job.customHeaders as Record<string, string>,
          },
          config,
          log,
          messages,
        });
        switch (outcome.kind) {
          case 'complete':
            return job.complete(outcome.variables as JsonDocument);
          case 'error':
            return job.error({ errorCode: outcome.errorCode, errorMessage: outcome.errorMessage, variables: outcome.variables as JsonDocument });
          case 'fail':
            log.warn(outcome.errorMessage, { jobKey: job.key, retriesLeft: outcome.retries });
            return job.fail({ errorMessage: outcome.errorMessage, retries: outcome.retries, retryBackOff: outcome.retryBackOffMs });
        }
      },
    });
  });
  return {
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      options.connection?.close();
    },
  };
}
