/**
 * User task listeners (Camunda 8.8): a user task transition (creating, assigning, updating, completing,
 * canceling) waits in its transitional state while the listener jobs of its event type run one after the
 * other; each may correct the task data (CORRECTED) and, for assigning, updating and completing, deny the
 * transition (…_DENIED: the task is as before). Then the transition settles (CREATED, ASSIGNED, …).
 */
import type { Key } from '../../api';
import type { FlowNode, ListenerDefinition, TaskListenerEventType } from '../../model';
import { UserTaskIntent, ValueType, VariableDocumentIntent } from '../../protocol';
import type { ElementInstance, UserTaskEntry } from '../../state';
import type { BpmnBehaviors } from './bpmn-behaviors';
import { listenerJobPlan } from './execution-listener-behavior';
import { isFailure } from './failure';

type TransitionState = Exclude<UserTaskEntry['state'], 'CREATED'>;
type TaskValue = UserTaskEntry['value'];

const EVENT_OF: Record<TransitionState, TaskListenerEventType> = {
  CREATING: 'creating',
  ASSIGNING: 'assigning',
  UPDATING: 'updating',
  COMPLETING: 'completing',
  CANCELING: 'canceling',
};
const SETTLED: Record<TransitionState, string> = {
  CREATING: UserTaskIntent.CREATED,
  ASSIGNING: UserTaskIntent.ASSIGNED,
  UPDATING: UserTaskIntent.UPDATED,
  COMPLETING: UserTaskIntent.COMPLETED,
  CANCELING: UserTaskIntent.CANCELED,
};
/** Denied transitions: the event written, and Zeebe's rejection of the waiting command. */
const DENIAL: Partial<Record<TransitionState, { intent: string; command: string; what: string }>> = {
  ASSIGNING: { intent: UserTaskIntent.ASSIGNMENT_DENIED, command: 'ASSIGN', what: 'Assignment' },
  UPDATING: { intent: UserTaskIntent.UPDATE_DENIED, command: 'UPDATE', what: 'Update' },
  COMPLETING: { intent: UserTaskIntent.COMPLETION_DENIED, command: 'COMPLETE', what: 'Completion' },
};
/** Correction names (job result) and the task record fields they set. */
const CORRECTION_FIELDS: Record<string, string> = {
  assignee: 'assignee',
  dueDate: 'dueDate',
  followUpDate: 'followUpDate',
  candidateUsers: 'candidateUsersList',
  candidateGroups: 'candidateGroupsList',
  priority: 'priority',
};

/** The waiting key of a caller whose user task command waits for the task's listeners. */
export function userTaskWaitKey(userTaskKey: Key): string {
  return `user-task:${userTaskKey}`;
}

/** The task's data as reserved job headers, so a listener can read it (Camunda: "Accessing user task data"). */
function taskHeaders(task: TaskValue): Record<string, string> {
  const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
  const headers: Record<string, string> = {
    'io.camunda.zeebe:userTaskKey': text(task.userTaskKey),
    'io.camunda.zeebe:action': text(task.action),
    'io.camunda.zeebe:changedAttributes': JSON.stringify(task.changedAttributes ?? []),
    'io.camunda.zeebe:priority': text(task.priority),
  };
  if (task.assignee) headers['io.camunda.zeebe:assignee'] = text(task.assignee);
  const groups = task.candidateGroupsList as string[] | undefined;
  const users = task.candidateUsersList as string[] | undefined;
  if (groups?.length) headers['io.camunda.zeebe:candidateGroups'] = JSON.stringify(groups);
  if (users?.length) headers['io.camunda.zeebe:candidateUsers'] = JSON.stringify(users);
  if (task.dueDate) headers['io.camunda.zeebe:dueDate'] = text(task.dueDate);
  if (task.followUpDate) headers['io.camunda.zeebe:followUpDate'] = text(task.followUpDate);
  if (task.formKey !== undefined && task.formKey !== '-1') headers['io.camunda.zeebe:formKey'] = text(task.formKey);
  return headers;
}

/** The lifecycle of Camunda user tasks with task listeners. */
export class UserTaskListenerBehavior {
  constructor(private readonly b: BpmnBehaviors) {}

  /** Whether the element defines listeners for the transition the task is in. */
  hasListeners(node: FlowNode, state: TransitionState): boolean {
    return (node.taskListeners?.[EVENT_OF[state]]?.length ?? 0) > 0;
  }

  /**
   * After a transitional event (CREATING, ASSIGNING, …) was written: run the next listener of the transition,
   * or settle it when none is left.
   */
  proceed(taskKey: Key): void {
    const task = this.b.state.userTasks.get(taskKey);
    if (!task || task.state === 'CREATED') return;
    const instance = this.b.state.elementInstances.get(task.value.elementInstanceKey);
    if (!instance) return;
    const node = this.b.nodeOf(instance);
    const state = task.state as TransitionState;
    const listener = node.taskListeners?.[EVENT_OF[state]]?.[task.taskListenerIndex ?? 0];
    if (listener) {
      this.createJob(instance, task, listener, state);
      return;
    }
    this.settle(task, instance, state);
  }

  private createJob(instance: ElementInstance, task: UserTaskEntry, listener: ListenerDefinition, state: TransitionState): void {
    const pending = task.pending ?? task.value;
    const plan = listenerJobPlan(this.b, instance, listener, { ...((pending.customHeaders as Record<string, string>) ?? {}), ...taskHeaders(pending) });
    if (isFailure(plan)) {
      this.b.raiseIncident(instance, plan);
      return;
    }
    this.b.writeJob(instance, { ...plan, jobKind: 'TASK_LISTENER', listenerEventType: state });
  }

  /** The transition is through: write its settled event and let the element (or its caller) go on. */
  private settle(task: UserTaskEntry, instance: ElementInstance, state: TransitionState): void {
    const pending = { ...(task.pending ?? task.value) };
    const ctx = this.b.ctx;
    switch (state) {
      case 'CREATING': {
        // As Zeebe: the task is created unassigned; an assignee (from the model or a correction) is then assigned.
        const assignee = String(pending.assignee ?? '');
        ctx.writeEvent(task.key, ValueType.USER_TASK, UserTaskIntent.CREATED, { ...pending, assignee: '', changedAttributes: [] });
        if (assignee) this.beginAssignment(task.key, assignee, 'assign');
        return;
      }
      case 'COMPLETING':
        ctx.writeEvent(task.key, ValueType.USER_TASK, UserTaskIntent.COMPLETED, pending);
        ctx.answerDeferred(userTaskWaitKey(task.key), { value: pending });
        this.b.completeWithResult(instance.key, (pending.variables as Record<string, unknown>) ?? {});
        return;
      case 'CANCELING':
        ctx.writeEvent(task.key, ValueType.USER_TASK, UserTaskIntent.CANCELED, pending);
        // The element's termination waited for the canceling listeners.
        if (instance.state === 'ELEMENT_TERMINATING' && instance.activeChildren === 0) this.b.terminated(instance);
        return;
      default: {
        // An update by variables (SetVariables on the task): they are set now, then the document is UPDATED.
        const document = state === 'UPDATING' ? task.variableDocument : undefined;
        if (document) this.b.variables.setLocal(instance.key, (document.value.variables as Record<string, unknown>) ?? {});
        ctx.writeEvent(task.key, ValueType.USER_TASK, SETTLED[state], pending);
        if (document) {
          ctx.writeEvent(document.key, ValueType.VARIABLE_DOCUMENT, VariableDocumentIntent.UPDATED, document.value);
          ctx.answerDeferred(userTaskWaitKey(task.key), { value: { key: document.key } });
          return;
        }
        ctx.answerDeferred(userTaskWaitKey(task.key), { value: pending });
      }
    }
  }

  /** ASSIGNING with this assignee, then the assigning listeners or ASSIGNED. */
  beginAssignment(taskKey: Key, assignee: string, action: string): void {
    const task = this.b.state.userTasks.get(taskKey);
    if (!task) return;
    const value = { ...task.value, assignee, action, changedAttributes: ['assignee'] };
    this.b.ctx.writeEvent(taskKey, ValueType.USER_TASK, UserTaskIntent.ASSIGNING, value);
    this.proceed(taskKey);
  }

  /**
   * COMPLETE_TASK_LISTENER: the current listener's job completed. Its corrections (non-null values) change the
   * pending task data (CORRECTED, with the changed attributes measured against the task before the
   * transition), then the next listener runs or the transition settles.
   */
  completeListener(taskKey: Key, corrections: Record<string, unknown>): void {
    const task = this.b.state.userTasks.get(taskKey);
    if (!task || task.state === 'CREATED') {
      this.b.ctx.reject('INVALID_STATE', `Expected to complete a task listener of user task with key '${taskKey}' during a transition, but it is ${task ? task.state : 'not present'}`);
      return;
    }
    const entries = Object.entries(corrections).filter(([name, value]) => value !== null && value !== undefined && CORRECTION_FIELDS[name]);
    if (entries.length > 0) {
      const corrected: TaskValue = { ...(task.pending ?? task.value) };
      for (const [name, value] of entries) corrected[CORRECTION_FIELDS[name]] = value;
      const changed = new Set((corrected.changedAttributes as string[] | undefined) ?? []);
      for (const [name] of entries) {
        const field = CORRECTION_FIELDS[name];
        // Changed means: differs from the task before this transition (a correction back to it un-changes it).
        if (task.state === 'CREATING' || JSON.stringify(corrected[field]) !== JSON.stringify(task.value[field])) changed.add(field);
        else changed.delete(field);
      }
      corrected.changedAttributes = [...changed];
      this.b.ctx.writeEvent(taskKey, ValueType.USER_TASK, UserTaskIntent.CORRECTED, corrected);
    }
    this.proceed(taskKey);
  }

  /** DENY_TASK_LISTENER: the transition is rolled back; the waiting caller gets Zeebe's rejection. */
  denyListener(taskKey: Key, deniedReason: string): void {
    const task = this.b.state.userTasks.get(taskKey);
    const denial = task ? DENIAL[task.state as TransitionState] : undefined;
    if (!task || !denial) {
      this.b.ctx.reject('INVALID_STATE', `Expected to deny a transition of user task with key '${taskKey}', but it is ${task ? task.state : 'not present'}`);
      return;
    }
    const document = task.state === 'UPDATING' ? task.variableDocument : undefined;
    this.b.ctx.writeEvent(taskKey, ValueType.USER_TASK, denial.intent, { ...task.value, deniedReason, changedAttributes: [] });
    // Denied variables are not set (VARIABLE_DOCUMENT UPDATE_DENIED); the caller hears the same denial.
    if (document) this.b.ctx.writeEvent(document.key, ValueType.VARIABLE_DOCUMENT, VariableDocumentIntent.UPDATE_DENIED, document.value);
    this.b.ctx.answerDeferred(userTaskWaitKey(taskKey), {
      rejection: {
        type: 'INVALID_STATE',
        reason: `Command '${denial.command}' rejected with code 'INVALID_STATE': ${denial.what} of the User Task with key '${taskKey}' was denied by Task Listener. Reason to deny: '${deniedReason}'`,
      },
    });
  }
}
