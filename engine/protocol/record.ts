import type { EngineRecord, Key, RecordType, RejectionType } from '../api';

export type { EngineRecord, RecordType, RejectionType };

/** A record before the log gave it a position. */
export interface RecordDraft {
  key: Key;
  recordType: RecordType;
  valueType: string;
  intent: string;
  value: Record<string, unknown>;
  actor?: string;
  rejectionType?: RejectionType;
  rejectionReason?: string;
}

/** The value of a PROCESS_INSTANCE record, as Zeebe exports it. */
export interface ProcessInstanceRecordValue {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: Key;
  processInstanceKey: Key;
  elementId: string;
  flowScopeKey: Key;
  bpmnElementType: string;
  bpmnEventType: string;
  parentProcessInstanceKey: Key;
  parentElementInstanceKey: Key;
  tenantId: string;
  [extra: string]: unknown;
}
