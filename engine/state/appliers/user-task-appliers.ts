import type { Applier } from './index';
import type { UserTaskEntry } from '../engine-state';

/** A transition starts: the task holds the intended result as `pending` until the transition settles or is denied. */
function transition(to: UserTaskEntry['state']): Applier {
  return (state, record) => {
    const task = state.userTasks.get(record.key);
    if (!task) return;
    task.state = to;
    task.pending = { ...(record.value as UserTaskEntry['value']) };
    delete task.taskListenerIndex;
  };
}

/** The transition settled (or was denied): the event's value is the task now. */
function settle(): Applier {
  return (state, record) => {
    const task = state.userTasks.get(record.key);
    if (!task) return;
    task.state = 'CREATED';
    task.value = { ...(record.value as UserTaskEntry['value']) };
    delete task.pending;
    delete task.taskListenerIndex;
  };
}

function remove(): Applier {
  return (state, record) => {
    const task = state.userTasks.get(record.key);
    if (!task) return;
    state.userTasks.delete(record.key);
    const instance = state.elementInstances.get(task.value.elementInstanceKey);
    if (instance?.userTaskKey === record.key) delete instance.userTaskKey;
  };
}

/**
 * Camunda user tasks: CREATING → CREATED, then ASSIGNING/UPDATING/COMPLETING/CANCELING transitions. Task
 * listeners may correct the pending result (CORRECTED) or deny the transition (…_DENIED: back to CREATED).
 */
export const userTaskAppliers: Record<string, Applier> = {
  'USER_TASK:CREATING': (state, record) => {
    const value = { ...(record.value as UserTaskEntry['value']) };
    state.userTasks.set(record.key, { key: record.key, state: 'CREATING', value, pending: { ...value } });
    const instance = state.elementInstances.get(value.elementInstanceKey);
    if (instance) instance.userTaskKey = record.key;
  },
  'USER_TASK:CREATED': settle(),
  /** Migration: same task and assignee; its process definition and element id change. */
  'USER_TASK:MIGRATED': (state, record) => {
    const task = state.userTasks.get(record.key);
    if (task) task.value = { ...(record.value as UserTaskEntry['value']) };
  },
  'USER_TASK:ASSIGNING': transition('ASSIGNING'),
  'USER_TASK:ASSIGNED': settle(),
  'USER_TASK:UPDATING': transition('UPDATING'),
  'USER_TASK:UPDATED': settle(),
  'USER_TASK:COMPLETING': transition('COMPLETING'),
  'USER_TASK:COMPLETED': remove(),
  'USER_TASK:CANCELING': transition('CANCELING'),
  'USER_TASK:CANCELED': remove(),
  /** A task listener corrected the pending result; later listeners and the settled event see the correction. */
  'USER_TASK:CORRECTED': (state, record) => {
    const task = state.userTasks.get(record.key);
    if (task) task.pending = { ...(record.value as UserTaskEntry['value']) };
  },
  'USER_TASK:ASSIGNMENT_DENIED': settle(),
  'USER_TASK:UPDATE_DENIED': settle(),
  'USER_TASK:COMPLETION_DENIED': settle(),
};
