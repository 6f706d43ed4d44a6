import type { EngineRecord } from '../../../api';
import { isoDate, list, normalizedDate, num, str, stringMap } from '../../../history/record-values';

/** Camunda's user task states. */
export type UserTaskState = 'CREATING' | 'CREATED' | 'ASSIGNING' | 'UPDATING' | 'COMPLETING' | 'COMPLETED' | 'CANCELING' | 'CANCELED' | 'FAILED';

/** A user task as `GET /v2/user-tasks/{key}` answers it (names are filled in by the route). */
export interface UserTaskView {
  userTaskKey: string;
  name?: string;
  state: UserTaskState;
  assignee?: string;
  elementId: string;
  elementInstanceKey: string;
  candidateGroups: string[];
  candidateUsers: string[];
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersion: number;
  processInstanceKey: string;
  processName?: string;
  creationDate: string;
  completionDate?: string;
  dueDate?: string;
  followUpDate?: string;
  tenantId: string;
  formKey?: string;
  externalFormReference?: string;
  customHeaders: Record<string, string>;
  priority: number;
}

/** The states a transition record leaves a task in. */
const STATE_BY_INTENT: Record<string, UserTaskState> = {
  CREATING: 'CREATING',
  CREATED: 'CREATED',
  ASSIGNING: 'ASSIGNING',
  ASSIGNED: 'CREATED',
  UPDATING: 'UPDATING',
  UPDATED: 'CREATED',
  COMPLETING: 'COMPLETING',
  COMPLETED: 'COMPLETED',
  CANCELING: 'CANCELING',
  CANCELED: 'CANCELED',
  // a migrated task is still open; it now belongs to another definition and element
  MIGRATED: 'CREATED',
};

function addTo(index: Map<string, Set<string>>, value: string | undefined, key: string): void {
  if (value === undefined) return;
  let keys = index.get(value);
  if (!keys) index.set(value, (keys = new Set()));
  keys.add(key);
}

function removeFrom(index: Map<string, Set<string>>, value: string | undefined, key: string): void {
  if (value === undefined) return;
  index.get(value)?.delete(key);
}

/**
 * User tasks from USER_TASK events, indexed by state, assignee, candidate group, candidate user and
 * process instance, so the common task-list queries never scan every task ever created.
 */
export class UserTaskProjection {
  readonly tasks = new Map<string, UserTaskView>();
  readonly byState = new Map<string, Set<string>>();
  readonly byAssignee = new Map<string, Set<string>>();
  readonly byCandidateGroup = new Map<string, Set<string>>();
  readonly byCandidateUser = new Map<string, Set<string>>();
  readonly byProcessInstance = new Map<string, Set<string>>();

  apply(record: EngineRecord): void {
    if (record.valueType !== 'USER_TASK' || record.recordType !== 'EVENT') return;
    const state = STATE_BY_INTENT[record.intent];
    if (!state) return;
    const value = record.value;
    const key = str(value, 'userTaskKey') ?? record.key;
    const existing = this.tasks.get(key);
    if (existing) this.unindex(existing);
    const task: UserTaskView = existing ?? {
      userTaskKey: key,
      state,
      elementId: '',
      elementInstanceKey: '',
      candidateGroups: [],
      candidateUsers: [],
      processDefinitionId: '',
      processDefinitionKey: '',
      processDefinitionVersion: 0,
      processInstanceKey: '',
      creationDate: isoDate(num(value, 'creationTimestamp') ?? record.timestamp),
      tenantId: '<default>',
      customHeaders: {},
      priority: 50,
    };
    task.state = state;
    // Transitional events (…ING) carry the intended change; the settled event carries the result.
    if (!record.intent.endsWith('ING') || record.intent === 'CREATING') this.fill(task, value);
    if (state === 'COMPLETED' || state === 'CANCELED') task.completionDate = isoDate(record.timestamp);
    this.tasks.set(key, task);
    this.index(task);
  }

  private fill(task: UserTaskView, value: Record<string, unknown>): void {
    task.elementId = str(value, 'elementId') ?? task.elementId;
    task.elementInstanceKey = str(value, 'elementInstanceKey') ?? task.elementInstanceKey;
    task.processDefinitionId = str(value, 'bpmnProcessId') ?? task.processDefinitionId;
    task.processDefinitionKey = str(value, 'processDefinitionKey') ?? task.processDefinitionKey;
    task.processDefinitionVersion = num(value, 'processDefinitionVersion') ?? task.processDefinitionVersion;
    task.processInstanceKey = str(value, 'processInstanceKey') ?? task.processInstanceKey;
    task.tenantId = str(value, 'tenantId') ?? task.tenantId;
    const assignee = str(value, 'assignee');
    task.assignee = assignee === '' ? undefined : (assignee ?? task.assignee);
    task.candidateGroups = list(value, 'candidateGroupsList', 'candidateGroups');
    task.candidateUsers = list(value, 'candidateUsersList', 'candidateUsers');
    task.dueDate = normalizedDate(str(value, 'dueDate'));
    task.followUpDate = normalizedDate(str(value, 'followUpDate'));
    const formKey = str(value, 'formKey');
    task.formKey = formKey && formKey !== '-1' ? formKey : undefined;
    task.externalFormReference = str(value, 'externalFormReference') || undefined;
    task.customHeaders = stringMap(value, 'customHeaders');
    task.priority = num(value, 'priority') ?? task.priority;
  }

  private index(task: UserTaskView): void {
    addTo(this.byState, task.state, task.userTaskKey);
    addTo(this.byAssignee, task.assignee, task.userTaskKey);
    for (const group of task.candidateGroups) addTo(this.byCandidateGroup, group, task.userTaskKey);
    for (const user of task.candidateUsers) addTo(this.byCandidateUser, user, task.userTaskKey);
    addTo(this.byProcessInstance, task.processInstanceKey, task.userTaskKey);
  }

  private unindex(task: UserTaskView): void {
    removeFrom(this.byState, task.state, task.userTaskKey);
    removeFrom(this.byAssignee, task.assignee, task.userTaskKey);
    for (const group of task.candidateGroups) removeFrom(this.byCandidateGroup, group, task.userTaskKey);
    for (const user of task.candidateUsers) removeFrom(this.byCandidateUser, user, task.userTaskKey);
    removeFrom(this.byProcessInstance, task.processInstanceKey, task.userTaskKey);
  }

  /** The tasks whose keys are in one index entry, in creation order. */
  fromIndex(index: Map<string, Set<string>>, value: string): UserTaskView[] {
    const keys = index.get(value);
    if (!keys) return [];
    const found: UserTaskView[] = [];
    for (const key of keys) {
      const task = this.tasks.get(key);
      if (task) found.push(task);
    }
    return found;
  }
}
