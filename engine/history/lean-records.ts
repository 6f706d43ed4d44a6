/**
 * Records the exporter reads from a batch's bytes without JSON.parse of the whole record: element events whose
 * value is parsed only when read (lean), and the kinds history reads most — a variable's creation or update, an
 * element's activation, a job's events — built from one RegExp over their value and tail when it has exactly the
 * shape the engine writes (shaped; a job's variables and headers are parsed alone). Anything else, or anything with an escape where none is expected, is
 * parsed whole, so every record equals what JSON.parse gives.
 */
import type { EngineRecord } from '../api';
import { startsWith } from './record-heads';
import { str } from './record-values';

/** What history keeps of a taken sequence flow. */
export interface TakenFlow {
  processInstanceKey: string;
  elementId: string;
}

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

/** A record's tail as the engine writes it, with no rejection (an actor, when there is one, last). */
const TAIL = /,"timestamp":(\d+),"sourceRecordPosition":(-?\d+)(?:,"actor":("(?:[^"\\]|\\.)*"))?\}$/;
const TAIL_BYTES = 160;
/** The same tail after a shaped value (see {@link SHAPES}): three groups more. */
const SHAPED_TAIL = String.raw`,"timestamp":(\d+),"sourceRecordPosition":(-?\d+)(?:,"actor":("(?:[^"\\]|\\.)*"))?\}$`;

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

/**
 * The record from its head and tail (`valueStart`: where `,"value":` starts); undefined when it is not so
 * shaped (it is then parsed whole).
 */
export function leanRecord(
  json: Buffer, start: number, end: number, valueStart: number, position: number, key: string, valueType: string, intent: string,
): EngineRecord | undefined {
  let timestamp: number;
  let source: number;
  let actor: string | undefined;
  if (readPlainTail(json, start, end)) {
    timestamp = plainTail.timestamp;
    source = plainTail.source;
  } else {
    const tail = TAIL.exec(json.toString('utf8', Math.max(start, end - TAIL_BYTES), end));
    if (!tail) return undefined;
    timestamp = Number(tail[1]);
    source = Number(tail[2]);
    if (tail[3] !== undefined) actor = JSON.parse(tail[3]) as string;
  }
  let flow: RegExpExecArray | null = null;
  if (intent === 'SEQUENCE_FLOW_TAKEN') {
    flow = FLOW_VALUE.exec(json.toString('utf8', valueStart, Math.min(end, valueStart + FLOW_BYTES)));
    if (flow === null) return undefined;
  }
  const record = new LeanRecord(position, key, valueType, intent, timestamp, source, json, start, end);
  if (actor !== undefined) record.actor = actor;
  if (flow !== null) record.flow = { processInstanceKey: flow[1], elementId: flow[2] };
  return record as unknown as EngineRecord;
}

const TIMESTAMP_FIELD = Buffer.from(',"timestamp":', 'latin1');
const SOURCE_FIELD = Buffer.from(',"sourceRecordPosition":', 'latin1');
/** What {@link readPlainTail} read last (one object, reused). */
const plainTail = { timestamp: 0, source: 0 };

/**
 * Reads a tail without an actor or a rejection (`,"timestamp":T,"sourceRecordPosition":S}`, the engine's own
 * records) from the bytes, backwards, into {@link plainTail}; false for any other ending (the RegExp reads it).
 */
function readPlainTail(json: Buffer, start: number, end: number): boolean {
  let at = end - 1;
  if (json[at] !== 0x7d) return false;
  const source = digitsBefore(json, start, at, true);
  if (source === undefined) return false;
  at = numberStart - SOURCE_FIELD.length;
  if (at < start || !startsWith(json, at, SOURCE_FIELD)) return false;
  const timestamp = digitsBefore(json, start, at, false);
  if (timestamp === undefined) return false;
  at = numberStart - TIMESTAMP_FIELD.length;
  if (at < start || !startsWith(json, at, TIMESTAMP_FIELD)) return false;
  plainTail.timestamp = timestamp;
  plainTail.source = source;
  return true;
}

/** Where the number {@link digitsBefore} read last starts. */
let numberStart = 0;

/** The integer whose digits end just before `end` (a minus sign allowed when `signed`); undefined when there is none. */
function digitsBefore(json: Buffer, start: number, end: number, signed: boolean): number | undefined {
  let at = end;
  while (at > start && json[at - 1] >= 0x30 && json[at - 1] <= 0x39) at -= 1;
  if (at === end || end - at > 15) return undefined;
  let value = 0;
  for (let index = at; index < end; index += 1) value = value * 10 + (json[index] - 0x30);
  if (signed && at > start && json[at - 1] === 0x2d) {
    at -= 1;
    value = -value;
  }
  numberStart = at;
  return value;
}

const BACKSLASH = 0x5c;
const QUOTE = 0x22;

/** A string JSON escaped: unescaped. */
function unescaped(text: string): string {
  // The commonest variable, a string with no escape of its own (`\"…\"`), without a parse (a quarter of the time).
  const last = text.length - 2;
  if (last >= 2 && text.charCodeAt(0) === BACKSLASH && text.charCodeAt(1) === QUOTE && text.charCodeAt(last + 1) === QUOTE && text.indexOf('\\', 2) === last) {
    return `"${text.slice(2, last)}"`;
  }
  return text.includes('\\') ? (JSON.parse(`"${text}"`) as string) : text;
}

/** A value shape: the RegExp over `,"value":{…}` and the tail, and the value built from its groups. */
interface Shape {
  pattern: RegExp;
  /** Groups the value takes; the tail's three follow. */
  groups: number;
  value(groups: RegExpExecArray): Record<string, unknown>;
}

/** A string field without escapes, a key, a number, a name of upper-case letters. */
const TEXT = '"([^"\\\\]*)"';
const KEY = '"(-?\\d+)"';
const NUMBER = '(-?\\d+)';
const NAME = '"([A-Z_]+)"';

/** A variable's value as the variable behaviour writes it: its JSON text is a string, escaped (its quotes at least). */
const VARIABLE: Shape = {
  pattern: new RegExp(
    `^,"value":\\{"name":${TEXT},"value":"((?:[^"\\\\]|\\\\.)*)","scopeKey":${KEY},"processInstanceKey":${KEY},"processDefinitionKey":${KEY},` +
      `"bpmnProcessId":${TEXT},"tenantId":${TEXT}\\}${SHAPED_TAIL}`,
  ),
  groups: 7,
  value: (g) => ({ name: g[1], value: unescaped(g[2]), scopeKey: g[3], processInstanceKey: g[4], processDefinitionKey: g[5], bpmnProcessId: g[6], tenantId: g[7] }),
};

/** An element's value as the element activation behaviour writes it (no business id, no extra field). */
const ELEMENT: Shape = {
  pattern: new RegExp(
    `^,"value":\\{"bpmnProcessId":${TEXT},"version":${NUMBER},"processDefinitionKey":${KEY},"processInstanceKey":${KEY},"elementId":${TEXT},` +
      `"flowScopeKey":${KEY},"bpmnElementType":${NAME},"bpmnEventType":${NAME},"parentProcessInstanceKey":${KEY},"parentElementInstanceKey":${KEY},` +
      `"tenantId":${TEXT}\\}${SHAPED_TAIL}`,
  ),
  groups: 11,
  value: (g) => ({
    bpmnProcessId: g[1], version: Number(g[2]), processDefinitionKey: g[3], processInstanceKey: g[4], elementId: g[5], flowScopeKey: g[6],
    bpmnElementType: g[7], bpmnEventType: g[8], parentProcessInstanceKey: g[9], parentElementInstanceKey: g[10], tenantId: g[11],
  }),
};

/** A job's custom headers: none, or names and texts without escapes (parsed from the group). */
const HEADERS = '(\\{\\}|\\{"[^"\\\\]*":"[^"\\\\]*"(?:,"[^"\\\\]*":"[^"\\\\]*")*\\})';

/**
 * A job's value as the job behaviour writes it. Its variables may be any JSON object: the group takes
 * everything up to the last `},"elementId":"` that the fixed fields after it match to the record's end, which
 * is the variables' own end (no later text can match: the fields after it hold no quote), and is parsed alone.
 */
const JOB: Shape = {
  pattern: new RegExp(
    `^,"value":\\{"type":${TEXT},"worker":${TEXT},"retries":${NUMBER},"retryBackoff":${NUMBER},"recurringTime":${NUMBER},"deadline":${NUMBER},` +
      `"timeout":${NUMBER},"errorMessage":${TEXT},"errorCode":${TEXT},"customHeaders":${HEADERS},"variables":(\\{[^]*\\}),"elementId":${TEXT},` +
      `"elementInstanceKey":${KEY},"processInstanceKey":${KEY},"bpmnProcessId":${TEXT},"processDefinitionVersion":${NUMBER},"processDefinitionKey":${KEY},` +
      `"tenantId":${TEXT},"jobKind":${NAME},"listenerEventType":${NAME}\\}${SHAPED_TAIL}`,
  ),
  groups: 20,
  value: (g) => ({
    type: g[1], worker: g[2], retries: Number(g[3]), retryBackoff: Number(g[4]), recurringTime: Number(g[5]), deadline: Number(g[6]), timeout: Number(g[7]),
    errorMessage: g[8], errorCode: g[9], customHeaders: g[10] === '{}' ? {} : JSON.parse(g[10]), variables: g[11] === '{}' ? {} : JSON.parse(g[11]),
    elementId: g[12], elementInstanceKey: g[13], processInstanceKey: g[14], bpmnProcessId: g[15], processDefinitionVersion: Number(g[16]),
    processDefinitionKey: g[17], tenantId: g[18], jobKind: g[19], listenerEventType: g[20],
  }),
};

/** Records longer than this are parsed (a RegExp over a variable of megabytes gains nothing and risks its backtracking stack). */
const SHAPED_BYTES = 4096;

/** The shape of this kind's value, when the exporter reads it by shape (EVENTs only). */
export function shapeOf(valueType: string, intent: string): Shape | undefined {
  if (valueType === 'VARIABLE' && (intent === 'CREATED' || intent === 'UPDATED')) return VARIABLE;
  if (valueType === 'PROCESS_INSTANCE' && intent === 'ELEMENT_ACTIVATING') return ELEMENT;
  if (valueType === 'JOB') return JOB;
  return undefined;
}

/**
 * An EVENT built from its head and one RegExp over its value and tail, equal to what JSON.parse gives;
 * undefined when it has not exactly the shape (it is then parsed whole).
 */
export function shapedRecord(
  json: Buffer, start: number, end: number, valueStart: number, shape: Shape, position: number, key: string, valueType: string, intent: string,
): EngineRecord | undefined {
  if (end - start > SHAPED_BYTES) return undefined;
  const g = shape.pattern.exec(json.toString('utf8', valueStart, end));
  if (g === null) return undefined;
  const tail = shape.groups;
  const record: EngineRecord = {
    position, key, recordType: 'EVENT', valueType, intent, value: shape.value(g), timestamp: Number(g[tail + 1]), sourceRecordPosition: Number(g[tail + 2]),
  } as EngineRecord;
  if (g[tail + 3] !== undefined) record.actor = JSON.parse(g[tail + 3]) as string;
  return record;
}
