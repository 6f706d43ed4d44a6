/**
 * Which records the history writer reads. A third of the log is commands the engine gives itself and
 * transitional element steps that no history table holds; the exporter skips them unparsed when it knows
 * where each record's JSON lies in a batch, and drops them after parsing otherwise, so history is written from
 * the same records either way (live, after a crash, or in a rebuild).
 */
import type { EngineRecord } from '../api';
import { isAuditedCommand } from './audit-log';
import { leanRecord, shapedRecord, shapeOf } from './lean-records';
import { KindTable, type RecordKind } from './record-heads';

export { takenFlowOf, type TakenFlow } from './lean-records';

/** Events no history row comes from: elements' completing / terminating steps, and job batches (each job's own events say it all). */
const UNREAD_EVENTS = new Set(['PROCESS_INSTANCE:ELEMENT_COMPLETING', 'PROCESS_INSTANCE:ELEMENT_TERMINATING', 'JOB_BATCH:ACTIVATED']);

/**
 * An element's ACTIVATED / COMPLETED / TERMINATED event, an instance's creation and its result: the writer
 * mostly needs only the head and tail (the row of the element or instance takes its position, time and actor),
 * so the value is parsed only when read. A third of the records history reads per case, each a full JSON
 * parse before (a result's value holds every variable of the instance).
 */
function isLean(valueType: string, intent: string): boolean {
  switch (valueType) {
    case 'PROCESS_INSTANCE':
      return intent === 'ELEMENT_ACTIVATED' || intent === 'ELEMENT_COMPLETED' || intent === 'ELEMENT_TERMINATED' || intent === 'SEQUENCE_FLOW_TAKEN';
    case 'PROCESS_INSTANCE_CREATION':
      return intent === 'CREATED';
    case 'PROCESS_INSTANCE_RESULT':
      return intent === 'COMPLETED';
    default:
      return false;
  }
}

/**
 * Commands history reads besides the audit log's: those a batch operation item can be (its COMMAND marks the
 * item completed) whose kind the audit log does not list.
 */
const BATCH_ITEM_COMMANDS = new Set(['PROCESS_INSTANCE_SUSPENSION:SUSPEND', 'PROCESS_INSTANCE_SUSPENSION:RESUME']);

/** Whether history reads a record of this kind, worked out (see {@link historyReads}). */
function judged(recordType: string, valueType: string, intent: string): boolean {
  if (recordType === 'COMMAND') return isAuditedCommand(valueType, intent) || BATCH_ITEM_COMMANDS.has(`${valueType}:${intent}`);
  return !UNREAD_EVENTS.has(`${valueType}:${intent}`);
}

/**
 * Answers of {@link historyReads} by record type, value type and intent: every record of the log is asked
 * about, and a few dozen kinds answer them all, so each is worked out once (joining the three names into a
 * key for every record cost more than the lookup).
 */
const READS = new Map<string, Map<string, Map<string, boolean>>>();

/** Whether history reads a record of this kind (commands: the user operations of the audit log, batch items). */
export function historyReads(recordType: string, valueType: string, intent: string): boolean {
  let byValueType = READS.get(recordType);
  if (!byValueType) READS.set(recordType, (byValueType = new Map()));
  let byIntent = byValueType.get(valueType);
  if (!byIntent) byValueType.set(valueType, (byIntent = new Map()));
  let reads = byIntent.get(intent);
  if (reads === undefined) byIntent.set(intent, (reads = judged(recordType, valueType, intent)));
  return reads;
}

/** A kind of record and how the exporter reads it. */
interface SelectedKind extends RecordKind {
  /** Whether history reads records of this kind (commands besides: an audited command's outcome, see {@link RecordSelection}). */
  readonly reads: boolean;
  /** Read lean (true), by shape (false), or parsed (undefined). */
  readonly lean: boolean | undefined;
  readonly shape: ReturnType<typeof shapeOf>;
}

const KINDS = new KindTable<SelectedKind>((recordType, valueType, intent, bytes) => {
  const event = recordType === 'EVENT';
  const shape = event ? shapeOf(valueType, intent) : undefined;
  const lean = event && isLean(valueType, intent) ? true : shape !== undefined ? false : undefined;
  return { recordType, valueType, intent, bytes, reads: historyReads(recordType, valueType, intent), lean, shape };
});

/**
 * Picks the records of one batch after another. An audited command's outcome is whichever record follows
 * from it first, of any kind, so after such a command every record is taken until that one — the next record,
 * as the engine writes a command's follow-ups right after it. The engine processes one command from outside at
 * a time, so the next command from outside also ends the wait (a command that had no follow-up at all).
 */
export class RecordSelection {
  private outcomeOf: number | undefined;

  /** Records of one batch (already parsed) history reads, those at or below `after` left out. */
  select(records: readonly EngineRecord[], after: number): EngineRecord[] {
    const selected: EngineRecord[] = [];
    for (const record of records) {
      if (record.position <= after || !this.wants(record.recordType, record.valueType, record.intent)) continue;
      this.saw(record);
      selected.push(record);
    }
    return selected;
  }

  /**
   * The same for a batch's JSON bytes with the end of each record's JSON: only wanted records are decoded, each
   * on its own (mostly ASCII, so one-byte strings), and those at or below `after` not at all. The head is read
   * from the bytes ({@link KindTable}); element events are read lean and the commonest kinds by shape
   * (lean-records.ts); the rest is parsed.
   */
  selectEncoded(json: Buffer, itemEnds: Uint32Array, after: number): EngineRecord[] {
    const selected: EngineRecord[] = [];
    let start = 1;
    for (let index = 0; index < itemEnds.length; index += 1) {
      const end = itemEnds[index];
      const head = KINDS.readHead(json, start, end);
      let record: EngineRecord | undefined;
      if (head === undefined) {
        record = JSON.parse(json.toString('utf8', start, end)) as EngineRecord;
        // A record without the usual head is judged once parsed.
        if (record.position <= after || !this.wants(record.recordType, record.valueType, record.intent)) record = undefined;
      } else if (head.position > after && (this.outcomeOf !== undefined || head.kind.reads)) {
        const kind = head.kind;
        if (kind.lean !== undefined && head.keyDigits) {
          const key = json.toString('latin1', head.keyStart, head.keyEnd);
          record = kind.lean
            ? leanRecord(json, start, end, head.valueStart, head.position, key, kind.valueType, kind.intent)
            : shapedRecord(json, start, end, head.valueStart, kind.shape!, head.position, key, kind.valueType, kind.intent);
        }
        record ??= JSON.parse(json.toString('utf8', start, end)) as EngineRecord;
      }
      if (record !== undefined) {
        this.saw(record);
        selected.push(record);
      }
      start = end + 1;
    }
    return selected;
  }

  private wants(recordType: string, valueType: string, intent: string): boolean {
    return this.outcomeOf !== undefined || historyReads(recordType, valueType, intent);
  }

  private saw(record: EngineRecord): void {
    if (this.outcomeOf !== undefined && (record.sourceRecordPosition === this.outcomeOf || record.sourceRecordPosition === -1)) this.outcomeOf = undefined;
    if (record.recordType === 'COMMAND' && record.sourceRecordPosition === -1 && isAuditedCommand(record.valueType, record.intent)) this.outcomeOf = record.position;
  }
}
