import type { Applier } from './index';
import type { IncidentEntry } from '../engine-state';
import { addIncident, removeIncident } from '../live-indexes';

/** Incidents: created on a failure, resolved by a user (or when their element ends). */
export const incidentAppliers: Record<string, Applier> = {
  /** An incident on a job that could still be activated (MESSAGE_SIZE_EXCEEDED) takes it out until it is resolved. */
  'INCIDENT:CREATED': (state, record) => {
    const value = record.value as IncidentEntry['value'];
    state.incidents.set(record.key, { key: record.key, value: { ...value } });
    addIncident(state, value.elementInstanceKey, record.key);
    if (value.jobKey === '-1') {
      // A failed expression: resolving it runs the element's (or the task transition's) listeners from the first again.
      const instance = state.elementInstances.get(value.elementInstanceKey);
      if (instance) delete instance.executionListenerIndex;
      const task = instance?.userTaskKey ? state.userTasks.get(instance.userTaskKey) : undefined;
      if (task) delete task.taskListenerIndex;
      return;
    }
    const job = state.jobs.get(value.jobKey);
    if (job?.state === 'ACTIVATABLE') {
      job.state = 'FAILED';
      state.activatableJobs.get(job.value.type)?.delete(job.key);
    }
  },
  /** Migration: the incident stays open on the migrated element. */
  'INCIDENT:MIGRATED': (state, record) => {
    const incident = state.incidents.get(record.key);
    if (!incident) return;
    const value = record.value as IncidentEntry['value'];
    if (value.elementInstanceKey !== incident.value.elementInstanceKey) {
      removeIncident(state, incident.value.elementInstanceKey, record.key);
      addIncident(state, value.elementInstanceKey, record.key);
    }
    incident.value = { ...value };
  },
  /** A resolved job incident makes a job with retries left activatable again. */
  'INCIDENT:RESOLVED': (state, record) => {
    const incident = state.incidents.get(record.key);
    state.incidents.delete(record.key);
    if (incident) removeIncident(state, incident.value.elementInstanceKey, record.key);
    if (!incident || incident.value.jobKey === '-1') return;
    const job = state.jobs.get(incident.value.jobKey);
    if (job && (job.state === 'FAILED' || job.state === 'ERROR_THROWN') && job.value.retries > 0) {
      job.state = 'ACTIVATABLE';
      job.value.deadline = -1;
      let set = state.activatableJobs.get(job.value.type);
      if (!set) state.activatableJobs.set(job.value.type, (set = new Set()));
      set.add(job.key);
    }
  },
};
