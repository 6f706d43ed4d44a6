// What element instances hold while they wait or after they failed (Zeebe's JobState, UserTaskState,
// TimerInstanceState, IncidentState): jobs, user tasks, timers and incidents.
import type { Key } from '../api';

/** A job and where it is in its lifecycle. */
export interface JobEntry {
  key: Key;
  state: 'ACTIVATABLE' | 'ACTIVATED' | 'FAILED' | 'ERROR_THROWN';
  value: Record<string, unknown> & { type: string; retries: number; deadline: number; elementInstanceKey: Key };
}

/** A timer of a catch event, boundary event or timer start event, until it fires or is canceled. */
export interface TimerEntry {
  key: Key;
  value: {
    elementInstanceKey: Key;
    processInstanceKey: Key;
    processDefinitionKey: Key;
    targetElementId: string;
    dueDate: number;
    repetitions: number;
    tenantId: string;
  };
}

/** An open incident: the element (and job) that failed, and why. */
export interface IncidentEntry {
  key: Key;
  value: {
    errorType: string;
    errorMessage: string;
    bpmnProcessId: string;
    processDefinitionKey: Key;
    processInstanceKey: Key;
    elementId: string;
    elementInstanceKey: Key;
    jobKey: Key;
    variableScopeKey: Key;
    tenantId: string;
  };
}

/** A Camunda user task and the transition it is in. */
export interface UserTaskEntry {
  key: Key;
  state: 'CREATING' | 'CREATED' | 'ASSIGNING' | 'UPDATING' | 'COMPLETING' | 'CANCELING';
  value: Record<string, unknown> & { userTaskKey: Key; elementInstanceKey: Key; assignee: string };
  /**
   * While a transition waits for its task listeners: the task as the transition would leave it (the command's
   * data and the listeners' corrections so far). `value` keeps the task as it was, for a denial.
   */
  pending?: UserTaskEntry['value'];
  /** How many task listeners of the running transition completed. */
  taskListenerIndex?: number;
  /** Variables set on the task's element (SetVariables) that wait for its `updating` listeners (VARIABLE_DOCUMENT UPDATING). */
  variableDocument?: { key: Key; value: Record<string, unknown> };
}
