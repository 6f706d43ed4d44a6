/**
 * Reads the head of a record's JSON straight from a batch's bytes: its position, where its key lies, and its
 * kind (record type, value type, intent), without making a string of it. Every record of the log goes through
 * here (34 a case), so a slice of 200 bytes, a RegExp and four captured strings per record cost more than the
 * parse of the records history keeps; a few dozen kinds make up the whole log, each worked out once.
 */

/** One kind of record (record type, value type, intent) and what the exporter does with it, worked out once. */
export interface RecordKind {
  readonly recordType: string;
  readonly valueType: string;
  readonly intent: string;
  /** The bytes from the record type to the intent's closing quote, as they stand in the JSON (to tell kinds apart). */
  readonly bytes: Uint8Array;
}

/** What {@link readHead} read of one record (one object, reused: read it before the next call). */
export interface Head<Kind extends RecordKind> {
  position: number;
  kind: Kind;
  /** The key's text in the JSON, quotes excluded (`keyQuoted`: it was a JSON string of digits). */
  keyStart: number;
  keyEnd: number;
  keyDigits: boolean;
  /** Where `,"value":` starts: right after the intent. */
  valueStart: number;
}

const QUOTE = 0x22;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const POSITION = Buffer.from('{"position":', 'latin1');
const KEY = Buffer.from(',"key":', 'latin1');
const RECORD_TYPE = Buffer.from(',"recordType":"', 'latin1');
/** What lies between the record type and the intent; checked once per kind (see {@link KindTable.kindOf}). */
const SPAN = /^([A-Z_]+)","valueType":"([A-Z_]+)","intent":"([A-Z_]+)$/;
/** `","valueType":"` and `","intent":"`: what lies between the names. */
const VALUE_TYPE_GAP = 15;
const INTENT_GAP = 12;
/** More than any head needs (keys are at most 20 digits, type names short). */
const HEAD_BYTES = 200;

/** Whether `expected`'s bytes stand in `json` at `at` (false past its end). */
export function startsWith(json: Uint8Array, at: number, expected: Uint8Array): boolean {
  if (at + expected.length > json.length) return false;
  for (let index = 0; index < expected.length; index += 1) if (json[at + index] !== expected[index]) return false;
  return true;
}

/**
 * The kinds met so far, found by a hash of their bytes (checked byte by byte, so a collision only costs a
 * string), made by `make` the first time a kind is met.
 */
export class KindTable<Kind extends RecordKind> {
  private readonly byHash = new Map<number, Kind>();
  private readonly byText = new Map<string, Kind | null>();
  private readonly head: Head<Kind>;

  constructor(private readonly make: (recordType: string, valueType: string, intent: string, bytes: Uint8Array) => Kind) {
    this.head = { position: 0, kind: undefined as unknown as Kind, keyStart: 0, keyEnd: 0, keyDigits: false, valueStart: 0 };
  }

  /**
   * The head of the record whose JSON lies in `json` from `start` to `end`; undefined when it is not shaped as
   * the engine writes heads (`{"position":…,"key":…,"recordType":"…","valueType":"…","intent":"…"`): such a
   * record is parsed whole.
   */
  readHead(json: Uint8Array, start: number, end: number): Head<Kind> | undefined {
    const limit = Math.min(end, start + HEAD_BYTES);
    if (!startsWith(json, start, POSITION)) return undefined;
    let at = start + POSITION.length;
    let position = 0;
    const digitsFrom = at;
    while (at < limit) {
      const byte = json[at];
      if (byte < ZERO || byte > NINE) break;
      position = position * 10 + (byte - ZERO);
      at += 1;
    }
    if (at === digitsFrom || !startsWith(json, at, KEY)) return undefined;
    at += KEY.length;
    let keyStart: number;
    let keyEnd: number;
    let keyDigits = true;
    if (json[at] === QUOTE) {
      keyStart = at + 1;
      at = keyStart;
      while (at < limit && json[at] !== QUOTE) {
        if (json[at] < ZERO || json[at] > NINE) keyDigits = false;
        at += 1;
      }
      if (at >= limit) return undefined;
      keyEnd = at;
      at += 1;
      if (keyEnd === keyStart) keyDigits = false;
    } else {
      keyStart = at;
      if (json[at] === MINUS) at += 1;
      const from = at;
      while (at < limit && json[at] >= ZERO && json[at] <= NINE) at += 1;
      if (at === from) return undefined;
      keyEnd = at;
      keyDigits = false;
    }
    if (!startsWith(json, at, RECORD_TYPE)) return undefined;
    at += RECORD_TYPE.length;
    const spanStart = at;
    // Only the three names are hashed; the literal text between them is skipped here and checked with the
    // kind's bytes (a head whose literals differ is then no kind's and is parsed).
    let hash = 0x811c9dc5;
    for (let name = 0; name < 3; name += 1) {
      while (at < limit && json[at] !== QUOTE) hash = Math.imul(hash ^ json[at++], 0x01000193);
      if (at >= limit) return undefined;
      if (name < 2) at += name === 0 ? VALUE_TYPE_GAP : INTENT_GAP;
    }
    // A small integer key: a Map finds it without boxing a number.
    const kind = this.kindOf(json, spanStart, at, hash & 0x3fffffff);
    if (kind === undefined) return undefined;
    const head = this.head;
    head.position = position;
    head.kind = kind;
    head.keyStart = keyStart;
    head.keyEnd = keyEnd;
    head.keyDigits = keyDigits;
    head.valueStart = at + 1;
    return head;
  }

  /** The kind whose bytes lie from `from` to `to` (undefined: not a kind's shape). */
  private kindOf(json: Uint8Array, from: number, to: number, hash: number): Kind | undefined {
    const known = this.byHash.get(hash);
    if (known !== undefined && known.bytes.length === to - from) {
      let same = true;
      for (let index = 0; index < known.bytes.length; index += 1) {
        if (known.bytes[index] !== json[from + index]) {
          same = false;
          break;
        }
      }
      if (same) return known;
    }
    const text = Buffer.from(json.buffer, json.byteOffset + from, to - from).toString('latin1');
    let kind = this.byText.get(text);
    if (kind === undefined) {
      const names = SPAN.exec(text);
      kind = names === null ? null : this.make(names[1], names[2], names[3], Uint8Array.from(json.subarray(from, to)));
      this.byText.set(text, kind);
    }
    if (kind !== null && !this.byHash.has(hash)) this.byHash.set(hash, kind);
    return kind ?? undefined;
  }
}
