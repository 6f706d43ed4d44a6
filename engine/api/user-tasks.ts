// Camunda user tasks as the engine shows them, and what an update may change.
import type { Key } from './keys-and-variables';

/** A Camunda user task as it stands now (open tasks only; history is in the record stream). */
export interface UserTask {
  userTaskKey: Key;
  /** CREATED while open; ASSIGNING/UPDATING/COMPLETING/CANCELING only inside a batch. */
  state: string;
  elementId: string;
  elementInstanceKey: Key;
  processInstanceKey: Key;
  processDefinitionKey: Key;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  tenantId: string;
  /** Empty string when unassigned. */
  assignee: string;
  candidateGroups: string[];
  candidateUsers: string[];
  /** ISO-8601 date-time or empty. */
  dueDate: string;
  followUpDate: string;
  /** Key of the linked deployed form, or "-1". */
  formKey: Key;
  externalFormReference: string;
  priority: number;
  customHeaders: Record<string, string>;
  /** Engine-clock epoch milliseconds. */
  creationTimestamp: number;
}

/** What UpdateUserTask may change; absent fields stay, null clears. */
export interface UserTaskChangeset {
  dueDate?: string | null;
  followUpDate?: string | null;
  candidateGroups?: string[] | null;
  candidateUsers?: string[] | null;
  priority?: number | null;
}
