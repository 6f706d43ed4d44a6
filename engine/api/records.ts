// The record stream as Zeebe exports it: every command, event and rejection, in order.
import type { RejectionType } from './engine-rejection';
import type { Key } from './keys-and-variables';

/** Zeebe's record kinds. */
export type RecordType = 'COMMAND' | 'EVENT' | 'COMMAND_REJECTION';

/** One entry of the record stream, as Zeebe exports it. */
export interface EngineRecord {
  position: number;
  key: Key;
  recordType: RecordType;
  valueType: string;
  intent: string;
  value: Record<string, unknown>;
  /** Engine-clock epoch milliseconds. */
  timestamp: number;
  /** Who caused it (a user name, a worker name) when known; the audit trail reads it. */
  actor?: string;
  rejectionType?: RejectionType;
  rejectionReason?: string;
  /** Position of the command this record follows from; -1 for commands from outside. */
  sourceRecordPosition: number;
}
