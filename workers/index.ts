/**
 * OneGo's job workers: one file per job type in `jobs/`, built on `@camunda8/sdk`, validated with yup.
 * `loadJobWorkers()` finds them, `startJobWorkers()` runs them against any Zeebe gateway.
 */
export { defineWorker, bpmnError, BpmnError, isBpmnError, RetryableFailure, isRetryableFailure } from './define-worker';
export type { JobWorkerDefinition, JobContext, JobInfo, WorkerConfig, WorkerLogger } from './define-worker';
export { runJob, type JobOutcome } from './run-job';
export { loadJobWorkers } from './registry';
export { startJobWorkers, type StartJobWorkersOptions, type RunningJobWorkers } from './runtime';
