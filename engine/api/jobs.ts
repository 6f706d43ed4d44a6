// Jobs as workers see them: activation (polled or pushed through a stream), failure and BPMN errors.
import type { Key, Variables } from './keys-and-variables';

export interface ActivateJobsRequest {
  type: string;
  worker: string;
  /** How long the job stays locked to this worker, in milliseconds of engine time. */
  timeoutMs: number;
  maxJobsToActivate: number;
  /** Only these variables; empty or absent = all visible variables. */
  fetchVariables?: string[];
  tenantIds?: string[];
}

export interface ActivatedJob {
  key: Key;
  type: string;
  processInstanceKey: Key;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: Key;
  elementId: string;
  elementInstanceKey: Key;
  customHeaders: Record<string, string>;
  worker: string;
  retries: number;
  /** Epoch milliseconds (engine clock) when the activation times out. */
  deadline: number;
  variables: Variables;
  tenantId: string;
  /** Zeebe's JobKind: BPMN_ELEMENT, EXECUTION_LISTENER or TASK_LISTENER. */
  kind?: string;
  /** Zeebe's JobListenerEventType: START/END, CREATING/ASSIGNING/…, or UNSPECIFIED. */
  listenerEventType?: string;
}

export interface JobStreamRequest {
  type: string;
  worker: string;
  timeoutMs: number;
  fetchVariables?: string[];
  tenantIds?: string[];
}

/** A registered push stream; `push` returns false when the job could not be delivered (it is yielded back). */
export interface JobStreamHandle {
  close(): void;
}

export interface FailJobRequest {
  jobKey: Key;
  retries: number;
  errorMessage?: string;
  retryBackOffMs?: number;
  variables?: Variables;
}

export interface ThrowErrorRequest {
  jobKey: Key;
  errorCode: string;
  errorMessage?: string;
  variables?: Variables;
}
