/**
 * Which records the history writer reads. A third of the log is commands the engine gives itself and
 * transitional element steps that no history table holds; the exporter skips them unparsed when it knows
 * where each record's JSON lies in a batch, and drops them after parsing otherwise, so history is written from
 * the same records either way (live, after a crash, or in a rebuild).
 */
import type { EngineRecord } from '../api';
import { isAuditedCommand } from './audit-log';
import { str } from './record-values';

/** Events no history row comes from: elements' completing / terminating steps, and job batches (each job's own events say it all). */
const UNREAD_EVENTS = new Set(['PROCESS_INSTANCE:ELEMENT_COMPLETING', 'PROCESS_INSTANCE:ELEMENT_TERMINATING', 'JOB_BATCH:ACTIVATED']);

/**
 * The head every record's JSON starts with: the engine builds each record with these fields first, in this
 * order (`stream-processor.ts`), and they are ASCII. A record that does not start so is simply parsed.
 */
const HEAD = /^\{"position":(\d+),"key":(?:"[^"]*"|-?\d+),"recordType":"([A-Z_]+)","valueType":"([A-Z_]+)","intent":"([A-Z_]+)"/;
/** More than any head needs (keys are at most 20 digits, type names short). */
const HEAD_BYTES = 200;

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
/** The key of a lean record (always a quoted key there). */
const LEAN_KEY = /^\{"position":\d+,"key":"(\d+)"/;
/** A record's tail as the engine writes it, with no rejection (an actor, when there is one, last). */
const TAIL = /,"timestamp":(\d+),"sourceRecordPosition":(-?\d+)(?:,"actor":("(?:[^"\\]|\\.)*"))?\}$/;
const TAIL_BYTES = 160;

/**
 * An element event read from its head and tail; `value` is parsed from the batch's bytes on first read (a
 * getter on the class, so every lean record has one shape; a property defined per object cost more than the
 * parse it spares).
 */
class LeanRecord {
  recordType = 'EVENT' as const;
  declare actor?: string;
  // Private (#) fields: not enumerable, so a lean record spreads like a parsed one (its value aside).
  readonly #json: Buffer;
  readonly #start: number;
  readonly #end: number;
  #parsed: Record<string, unknown> | undefined;
  #flow: TakenFlow | undefined;

  constructor(
    readonly position: number,
    readonly key: string,
    readonly valueType: string,
    readonly intent: string,
    readonly timestamp: number,
    readonly sourceRecordPosition: number,
    json: Buffer,
    start: number,
    end: number,
  ) {
    this.#json = json;
    this.#start = start;
    this.#end = end;
  }

  get value(): Record<string, unknown> {
    return (this.#parsed ??= (JSON.parse(this.#json.toString('utf8', this.#start, this.#end)) as EngineRecord).value);
  }

  /** A taken sequence flow's instance and flow id, read with the head (see {@link takenFlowOf}). */
  get flow(): TakenFlow | undefined {
    return this.#flow;
  }

  set flow(flow: TakenFlow | undefined) {
    this.#flow = flow;
  }
}

/** What history keeps of a taken sequence flow. */
export interface TakenFlow {
  processInstanceKey: string;
  elementId: string;
}

/**
 * A SEQUENCE_FLOW_TAKEN's value as the engine writes it starts with these fields in this order; the flow's
 * instance and id are read from it without parsing the rest (an id with an escaped character is parsed).
 */
const FLOW_VALUE = /^,"value":\{"bpmnProcessId":"(?:[^"\\]|\\.)*","version":-?\d+,"processDefinitionKey":"-?\d+","processInstanceKey":"(\d+)","elementId":"([^"\\]*)"/;
/** More than the fields above take (a process id is at most a few hundred bytes). */
const FLOW_BYTES = 600;

/** A taken sequence flow's instance key and flow id: from its head when the exporter read it lean, else from its value. */
export function takenFlowOf(record: EngineRecord): TakenFlow {
  const lean = (record as { flow?: TakenFlow }).flow;
  if (lean) return lean;
  return { processInstanceKey: str(record.value, 'processInstanceKey') ?? record.key, elementId: str(record.value, 'elementId') ?? '' };
}

/** The record from its head and tail; undefined when it is not so shaped (it is then parsed whole). */
function leanRecord(json: Buffer, start: number, end: number, head: RegExpExecArray, headText: string): EngineRecord | undefined {
  const key = LEAN_KEY.exec(headText);
  const tail = key && TAIL.exec(json.toString('utf8', Math.max(start, end - TAIL_BYTES), end));
  if (!key || !tail) return undefined;
  let flow: RegExpExecArray | null = null;
  if (head[4] === 'SEQUENCE_FLOW_TAKEN') {
    flow = FLOW_VALUE.exec(json.toString('utf8', start + head[0].length, Math.min(end, start + head[0].length + FLOW_BYTES)));
    if (flow === null) return undefined;
  }
  const record = new LeanRecord(Number(head[1]), key[1], head[3], head[4], Number(tail[1]), Number(tail[2]), json, start, end);
  if (tail[3] !== undefined) record.actor = JSON.parse(tail[3]) as string;
  if (flow !== null) record.flow = { processInstanceKey: flow[1], elementId: flow[2] };
  return record as unknown as EngineRecord;
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
   * The same for a batch's JSON bytes with the end of each record's JSON: only wanted records are decoded and
   * parsed, each on its own (mostly ASCII, so one-byte strings), and those at or below `after` not at all.
   */
  selectEncoded(json: Buffer, itemEnds: Uint32Array, after: number): EngineRecord[] {
    const selected: EngineRecord[] = [];
    let start = 1;
    for (let index = 0; index < itemEnds.length; index += 1) {
      const end = itemEnds[index];
      const headText = json.toString('latin1', start, Math.min(end, start + HEAD_BYTES));
      const head = HEAD.exec(headText);
      if (head === null || (Number(head[1]) > after && this.wants(head[2], head[3], head[4]))) {
        const lean = head !== null && head[2] === 'EVENT' && isLean(head[3], head[4]) ? leanRecord(json, start, end, head, headText) : undefined;
        const record = lean ?? (JSON.parse(json.toString('utf8', start, end)) as EngineRecord);
        // A record without the usual head is judged once parsed.
        if (record.position > after && (head !== null || this.wants(record.recordType, record.valueType, record.intent))) {
          this.saw(record);
          selected.push(record);
        }
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
