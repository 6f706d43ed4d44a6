import type { Applier } from './index';
import type { EngineState, JobEntry } from '../engine-state';

function makeActivatable(state: EngineState, job: JobEntry): void {
  job.state = 'ACTIVATABLE';
  job.value.deadline = -1;
  job.value.worker = '';
  let set = state.activatableJobs.get(job.value.type);
  if (!set) state.activatableJobs.set(job.value.type, (set = new Set()));
  set.add(job.key);
}

function makeUnavailable(state: EngineState, job: JobEntry): void {
  const set = state.activatableJobs.get(job.value.type);
  if (set) {
    set.delete(job.key);
    if (set.size === 0) state.activatableJobs.delete(job.value.type);
  }
}

function removeJob(state: EngineState, key: string): void {
  const job = state.jobs.get(key);
  if (!job) return;
  makeUnavailable(state, job);
  state.jobs.delete(key);
  const instance = state.elementInstances.get(job.value.elementInstanceKey);
  if (instance?.jobKey === key) delete instance.jobKey;
}

/** Jobs: created → activated (deadline) → completed / failed / timed out / error thrown / canceled. */
export const jobAppliers: Record<string, Applier> = {
  'JOB:CREATED': (state, record) => {
    const job: JobEntry = { key: record.key, state: 'ACTIVATABLE', value: { ...(record.value as JobEntry['value']) } };
    state.jobs.set(record.key, job);
    makeActivatable(state, job);
    const instance = state.elementInstances.get(job.value.elementInstanceKey);
    if (instance) instance.jobKey = record.key;
  },
  'JOB_BATCH:ACTIVATED': (state, record) => {
    const value = record.value as { jobKeys: string[]; worker: string; deadline: number };
    for (const key of value.jobKeys) {
      const job = state.jobs.get(key);
      if (!job) continue;
      makeUnavailable(state, job);
      job.state = 'ACTIVATED';
      job.value.deadline = value.deadline;
      job.value.worker = value.worker;
      state.onDue({ dueAt: value.deadline, kind: 'job-deadline', key });
    }
  },
  /** A listener's job completed: its element (or user task transition) moves on to the next listener. */
  'JOB:COMPLETED': (state, record) => {
    const job = state.jobs.get(record.key);
    if (job?.value.jobKind === 'EXECUTION_LISTENER') {
      const instance = state.elementInstances.get(job.value.elementInstanceKey);
      if (instance) instance.executionListenerIndex = (instance.executionListenerIndex ?? 0) + 1;
    } else if (job?.value.jobKind === 'TASK_LISTENER') {
      const instance = state.elementInstances.get(job.value.elementInstanceKey);
      const task = instance?.userTaskKey ? state.userTasks.get(instance.userTaskKey) : undefined;
      if (task) task.taskListenerIndex = (task.taskListenerIndex ?? 0) + 1;
    }
    removeJob(state, record.key);
  },
  /** Migration: same job, same state and type; its process definition and element id change. */
  'JOB:MIGRATED': (state, record) => {
    const job = state.jobs.get(record.key);
    if (job) job.value = { ...(record.value as typeof job.value) };
  },
  'JOB:CANCELED': (state, record) => removeJob(state, record.key),
  'JOB:FAILED': (state, record) => {
    const job = state.jobs.get(record.key);
    if (!job) return;
    const value = record.value as { retries: number; errorMessage: string; retryBackoff: number; recurringTime: number };
    job.value.retries = value.retries;
    job.value.errorMessage = value.errorMessage;
    job.value.retryBackoff = value.retryBackoff;
    job.value.recurringTime = value.recurringTime;
    if (value.retries > 0 && value.retryBackoff > 0) {
      makeUnavailable(state, job);
      job.state = 'FAILED';
      job.value.deadline = -1;
      state.onDue({ dueAt: value.recurringTime, kind: 'job-backoff', key: record.key });
    } else if (value.retries > 0) {
      makeActivatable(state, job);
    } else {
      makeUnavailable(state, job);
      job.state = 'FAILED';
      job.value.deadline = -1;
    }
  },
  'JOB:TIMED_OUT': (state, record) => {
    const job = state.jobs.get(record.key);
    if (job) makeActivatable(state, job);
  },
  'JOB:YIELDED': (state, record) => {
    const job = state.jobs.get(record.key);
    if (job) makeActivatable(state, job);
  },
  'JOB:RECURRED_AFTER_BACKOFF': (state, record) => {
    const job = state.jobs.get(record.key);
    if (job) makeActivatable(state, job);
  },
  'JOB:RETRIES_UPDATED': (state, record) => {
    const job = state.jobs.get(record.key);
    if (job) job.value.retries = (record.value as { retries: number }).retries;
  },
  'JOB:TIMEOUT_UPDATED': (state, record) => {
    const job = state.jobs.get(record.key);
    if (!job) return;
    job.value.deadline = (record.value as { deadline: number }).deadline;
    state.onDue({ dueAt: job.value.deadline, kind: 'job-deadline', key: record.key });
  },
  'JOB:ERROR_THROWN': (state, record) => {
    const job = state.jobs.get(record.key);
    if (!job) return;
    const value = record.value as { errorCode: string; errorMessage: string };
    makeUnavailable(state, job);
    job.state = 'ERROR_THROWN';
    job.value.errorCode = value.errorCode;
    job.value.errorMessage = value.errorMessage;
  },
};
