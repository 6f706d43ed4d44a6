// Requests on process instances: creation (with or without an awaited result), modification, migration
// and setting variables.
import type { Key, Variables } from './keys-and-variables';

export interface CreateProcessInstanceRequest {
  /** Either a definition key or a BPMN process id (with `version`, -1 or absent = latest). */
  processDefinitionKey?: Key;
  bpmnProcessId?: string;
  version?: number;
  variables?: Variables;
  /** Start at these elements instead of the none start event. */
  startInstructions?: { elementId: string }[];
  tenantId?: string;
  operationReference?: string;
  /** Camunda 8.10: the instance's business id (a case number). */
  businessId?: string;
  /** Camunda 8.8: end the instance once one of these elements completes or is terminated. */
  runtimeInstructions?: { type?: 'TERMINATE_PROCESS_INSTANCE'; afterElementId: string }[];
}

export interface ProcessInstanceCreated {
  processDefinitionKey: Key;
  bpmnProcessId: string;
  version: number;
  processInstanceKey: Key;
  tenantId: string;
  /** Camunda 8.10: the business id given at creation, if any. */
  businessId?: string;
}

export interface ProcessInstanceResult extends ProcessInstanceCreated {
  variables: Variables;
}

export interface SetVariablesRequest {
  /** A process instance key or any element instance key (a scope). */
  elementInstanceKey: Key;
  variables: Variables;
  /** true: set on this scope only; false: propagate to the nearest scope that has each variable. */
  local: boolean;
  operationReference?: string;
}

export interface ModifyProcessInstanceRequest {
  processInstanceKey: Key;
  activateInstructions?: {
    elementId: string;
    /** The flow scope instance to activate in; absent or "-1" = find it, creating scopes as needed. */
    ancestorElementInstanceKey?: Key;
    variableInstructions?: { scopeId?: string; variables: Variables }[];
  }[];
  terminateInstructions?: { elementInstanceKey: Key }[];
  operationReference?: string;
}

export interface MigrateProcessInstanceRequest {
  processInstanceKey: Key;
  targetProcessDefinitionKey: Key;
  mappingInstructions: { sourceElementId: string; targetElementId: string }[];
  operationReference?: string;
}
