import type { Applier } from './index';
import type { UserTaskEntry } from '../engine-state';

function transition(to: UserTaskEntry['state']): Applier {
  return (state, record) => {
    const task = state.userTasks.get(record.key);
    if (task) task.state = to;
  };
}

function settle(): Applier {
  return (state, record) => {
    const task = state.userTasks.get(record.key);
    if (!task) return;
    task.state = 'CREATED';
    task.value = { ...(record.value as UserTaskEntry['value']) };
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

/** Camunda user tasks: CREATING → CREATED, then ASSIGNING/UPDATING/COMPLETING/CANCELING transitions. */
export const userTaskAppliers: Record<string, Applier> = {
  'USER_TASK:CREATING': (state, record) => {
    const value = { ...(record.value as UserTaskEntry['value']) };
    state.userTasks.set(record.key, { key: record.key, state: 'CREATING', value });
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
};
