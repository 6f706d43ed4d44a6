import { storedVariable } from '../../variable-json';
import type { Applier } from './index';

function setVariable(state: Parameters<Applier>[0], record: Parameters<Applier>[1]): void {
  const value = record.value as { name: string; value: string; scopeKey: string };
  let scope = state.variables.get(value.scopeKey);
  if (!scope) state.variables.set(value.scopeKey, (scope = new Map()));
  // the value the processor wrote the record from, when live; a big text kept unparsed until read; else the
  // text parsed (variable-json.ts)
  scope.set(value.name, storedVariable(record.key, value));
}

/** Variables: the record carries the value as JSON text (as Zeebe exports it); state holds it parsed. */
export const variableAppliers: Record<string, Applier> = {
  'VARIABLE:CREATED': setVariable,
  'VARIABLE:UPDATED': setVariable,
  // State keeps a variable by scope and name only; the process definition a MIGRATED event points it at is
  // for exporters and read models, so there is nothing to change here (as in Zeebe).
  'VARIABLE:MIGRATED': () => undefined,
  /** Variables set on a Camunda user task wait with the task until its `updating` listeners are through. */
  'VARIABLE_DOCUMENT:UPDATING': (state, record) => {
    const scopeKey = (record.value as { scopeKey: string }).scopeKey;
    const taskKey = state.elementInstances.get(scopeKey)?.userTaskKey;
    const task = taskKey ? state.userTasks.get(taskKey) : undefined;
    if (task) task.variableDocument = { key: record.key, value: { ...record.value } };
  },
  'VARIABLE_DOCUMENT:UPDATED': (state, record) => forgetDocument(state, record),
  'VARIABLE_DOCUMENT:UPDATE_DENIED': (state, record) => forgetDocument(state, record),
};

function forgetDocument(state: Parameters<Applier>[0], record: Parameters<Applier>[1]): void {
  const scopeKey = (record.value as { scopeKey: string }).scopeKey;
  const taskKey = state.elementInstances.get(scopeKey)?.userTaskKey;
  const task = taskKey ? state.userTasks.get(taskKey) : undefined;
  if (task?.variableDocument?.key === record.key) delete task.variableDocument;
}
