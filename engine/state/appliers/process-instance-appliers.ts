import type { Applier } from './index';
import type { ElementInstance, EngineState } from '../engine-state';
import type { ProcessInstanceRecordValue } from '../../protocol';
import { addToKeyList, removeFromKeyList } from '../key-list';
import { countLiveInstance } from '../live-indexes';

/** Consume the token(s) that led to this element: one per incoming flow for joins, otherwise one. */
function consumeTokens(state: EngineState, scope: ElementInstance, value: ProcessInstanceRecordValue): void {
  const node = state.executables.get(value.processDefinitionKey)?.nodes.get(value.elementId);
  if (!node || node.incoming.length === 0) return;
  const join = node.type === 'PARALLEL_GATEWAY' || node.type === 'INCLUSIVE_GATEWAY';
  for (const flowId of node.incoming) {
    const count = scope.takenFlows[flowId];
    if (!count) continue;
    if (count <= 1) delete scope.takenFlows[flowId];
    else scope.takenFlows[flowId] = count - 1;
    if (!join) return;
  }
}

function removeInstance(state: EngineState, record: { key: string; value: Record<string, unknown> }, completed: boolean): void {
  const instance = state.elementInstances.get(record.key);
  if (!instance) return;
  const startCorrelation = state.startCorrelationOfInstance.get(record.key);
  if (startCorrelation) {
    state.startCorrelationOfInstance.delete(record.key);
    if (state.activeStartCorrelations.get(startCorrelation.index) === record.key) state.activeStartCorrelations.delete(startCorrelation.index);
  }
  // A job whose error a catch event caught is over once its task ends (Zeebe deletes it when the error is
  // thrown; here the catch is only known after the ERROR_THROWN event, so it goes with its element).
  const job = instance.jobKey ? state.jobs.get(instance.jobKey) : undefined;
  if (job?.state === 'ERROR_THROWN') state.jobs.delete(job.key);
  state.elementInstances.delete(record.key);
  if (instance.value.bpmnElementType === 'PROCESS' && state.processInstanceCount !== undefined) state.processInstanceCount--;
  if (instance.value.flowScopeKey === '-1') {
    state.startEventTriggers.delete(record.key);
    countLiveInstance(state, instance.value.processDefinitionKey, -1);
  }
  state.variables.delete(record.key);
  state.children.delete(record.key);
  const scopeKey = instance.value.flowScopeKey;
  const scope = state.elementInstances.get(scopeKey);
  if (scope) {
    scope.activeChildren -= 1;
    const siblings = state.children.get(scopeKey);
    const left = siblings && removeFromKeyList(siblings, record.key);
    if (left && left !== siblings) state.children.set(scopeKey, left);
    if (completed && scope.multiInstance) scope.multiInstance.completed += 1;
  }
}

/** Element instances: their creation, state transitions, removal and the tokens between them. */
export const processInstanceAppliers: Record<string, Applier> = {
  'PROCESS_INSTANCE:ELEMENT_ACTIVATING': (state, record) => {
    const value = record.value as ProcessInstanceRecordValue;
    const instance: ElementInstance = {
      key: record.key,
      state: 'ELEMENT_ACTIVATING',
      value,
      activeChildren: 0,
      takenFlows: {},
    };
    if (value.bpmnElementType === 'MULTI_INSTANCE_BODY') instance.multiInstance = { total: 0, started: 0, completed: 0 };
    const isNew = !state.elementInstances.has(record.key);
    if (value.bpmnElementType === 'PROCESS' && state.processInstanceCount !== undefined && isNew) state.processInstanceCount++;
    if (value.flowScopeKey === '-1' && isNew) countLiveInstance(state, value.processDefinitionKey, 1);
    state.elementInstances.set(record.key, instance);
    const scope = state.elementInstances.get(value.flowScopeKey);
    if (scope) {
      scope.activeChildren += 1;
      const children = state.children.get(scope.key);
      const added = addToKeyList(children, record.key);
      if (added !== children) state.children.set(scope.key, added);
      if (scope.multiInstance) {
        scope.multiInstance.started += 1;
        instance.loopCounter = scope.multiInstance.started;
      } else {
        consumeTokens(state, scope, value);
      }
    }
    if (value.flowScopeKey === '-1' && value.parentElementInstanceKey !== '-1') {
      const caller = state.elementInstances.get(value.parentElementInstanceKey);
      if (caller) caller.calledChildInstanceKey = record.key;
    }
  },
  /** Migration: the instance keeps its key and place, and now belongs to another definition (and element id). */
  'PROCESS_INSTANCE:ELEMENT_MIGRATED': (state, record) => {
    const instance = state.elementInstances.get(record.key);
    if (!instance) return;
    const value = record.value as ProcessInstanceRecordValue;
    if (instance.value.flowScopeKey === '-1' && instance.value.processDefinitionKey !== value.processDefinitionKey) {
      countLiveInstance(state, instance.value.processDefinitionKey, -1);
      countLiveInstance(state, value.processDefinitionKey, 1);
    }
    instance.value = { ...value };
  },
  /** Start listeners are over once the element is activated; end listeners count from zero when it completes. */
  'PROCESS_INSTANCE:ELEMENT_ACTIVATED': (state, record) => {
    const instance = state.elementInstances.get(record.key);
    if (!instance) return;
    instance.state = 'ELEMENT_ACTIVATED';
    delete instance.executionListenerIndex;
  },
  'PROCESS_INSTANCE:ELEMENT_COMPLETING': (state, record) => {
    const instance = state.elementInstances.get(record.key);
    if (!instance) return;
    instance.state = 'ELEMENT_COMPLETING';
    delete instance.executionListenerIndex;
  },
  /** Cancel listeners (8.10) count from zero, whatever start or end listeners ran before. */
  'PROCESS_INSTANCE:ELEMENT_TERMINATING': (state, record) => {
    const instance = state.elementInstances.get(record.key);
    if (!instance) return;
    instance.state = 'ELEMENT_TERMINATING';
    delete instance.executionListenerIndex;
  },
  'PROCESS_INSTANCE:ELEMENT_COMPLETED': (state, record) => removeInstance(state, record, true),
  'PROCESS_INSTANCE:ELEMENT_TERMINATED': (state, record) => removeInstance(state, record, false),
  'PROCESS_INSTANCE:SEQUENCE_FLOW_TAKEN': (state, record) => {
    const value = record.value as ProcessInstanceRecordValue;
    const scope = state.elementInstances.get(value.flowScopeKey);
    if (scope) scope.takenFlows[value.elementId] = (scope.takenFlows[value.elementId] ?? 0) + 1;
  },
  'PROCESS_EVENT:TRIGGERING': (state, record) => {
    const value = record.value as { scopeKey: string; targetElementId: string; variables: Record<string, unknown>; processDefinitionKey: string; processInstanceKey: string };
    if (value.scopeKey === value.processDefinitionKey) {
      // A start event started this instance; its start listeners run first (see EngineState.startEventTriggers).
      state.startEventTriggers.set(value.processInstanceKey, { elementId: value.targetElementId, eventKey: record.key, variables: value.variables });
      return;
    }
    const scope = state.elementInstances.get(value.scopeKey);
    if (!scope) return;
    const node = state.executables.get(value.processDefinitionKey)?.nodes.get(value.targetElementId);
    if (node?.type === 'END_EVENT' && node.eventType === 'TERMINATE') {
      // A terminate end event: the scope takes no further tokens and completes once its children are gone.
      scope.interrupted = true;
      scope.takenFlows = {};
      return;
    }
    scope.pendingTrigger = { elementId: value.targetElementId, variables: value.variables, eventKey: record.key };
    if (node?.type === 'START_EVENT' && node.interrupting) {
      // An interrupting event subprocess: nothing else starts in this scope, tokens in flight are dropped.
      scope.interrupted = true;
      scope.takenFlows = {};
    }
  },
  'PROCESS_EVENT:TRIGGERED': (state, record) => {
    const value = record.value as { scopeKey: string; processDefinitionKey: string; processInstanceKey: string };
    if (value.scopeKey === value.processDefinitionKey) {
      state.startEventTriggers.delete(value.processInstanceKey);
      return;
    }
    const scope = state.elementInstances.get(value.scopeKey);
    if (scope) delete scope.pendingTrigger;
  },
};
