import { LAZY_FROM_CHARS, defineLazyValue, escapedPiece, hasLazyValues, jsonPiece, jsonText, lazyJson, type LazyJson } from './lazy-variable-values';
import { PRE_ENCODED, type BatchEncoder, type BytesPiece, type PreEncoded } from './log/batch-encoder';

/**
 * A variable's JSON text, made once. A big variable document (a form with thousands of rows, near the 4 MB
 * request limit) used to be turned into JSON four times on the engine thread — for the command record, for the
 * creation event, for the variable's own record, and once more when that record's text was escaped into the log —
 * and parsed back once more by the variable applier (issue 13: 0.3–1.2 s of the engine thread per batch).
 * Here each value a caller sent is written as JSON once and the text is kept next to the value; the log
 * writes that text wherever the value occurs ({@link preEncodedVariables}), and the applier takes the value the
 * processor already holds instead of parsing its text again ({@link rememberParsedValue}).
 *
 * Only values known to be plain JSON are treated so (what `JSON.parse` makes: plain objects, arrays, strings,
 * finite numbers, booleans, null — {@link checkVariables} marks them while it measures their depth). For them
 * the value and `JSON.parse(text)` are indistinguishable, so live state and replayed state stay the same.
 * Callers treat variable values as immutable (a change writes a new value), which is what makes sharing safe.
 */

/**
 * Texts shorter than this are not kept: writing them again costs less than the memory of keeping them for every
 * small variable of every live instance.
 */
const KEEP_TEXT_FROM = 4096;

/** Values that are plain JSON (marked by the variable check's walk). */
const plainJsonValues = new WeakSet<object>();
/** The JSON text of plain JSON values, once it has been made. */
const texts = new WeakMap<object, string>();
/** The parsed value a live record's text stands for, so the applier need not parse it back. */
const parsedValues = new WeakMap<object, unknown>();

/** Notes that `value` (an object or array) is plain JSON: what `JSON.parse` could have returned. */
export function markPlainJson(value: object): void {
  plainJsonValues.add(value);
}

/** Whether `value` is known to be plain JSON (primitives other than numbers that JSON cannot write are). */
export function isKnownPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'object' && plainJsonValues.has(value);
}

/** Keeps `text` as the JSON text of the plain JSON value `value` (when it is big enough to be worth keeping). */
export function rememberText(value: object, text: string): void {
  if (text.length >= KEEP_TEXT_FROM) texts.set(value, text);
}

/**
 * `JSON.stringify(value)`, made once per plain JSON object or array and kept while the value lives; other
 * values are written afresh each time (they are small or not ours to keep).
 */
export function variableText(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value === undefined ? null : value);
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    if (text.length >= KEEP_TEXT_FROM && plainJsonValues.has(value)) texts.set(value, text);
  }
  return text;
}

/**
 * The JSON text of a variables document in pieces, made from its values' kept texts: joined, equal to
 * `JSON.stringify(variables)` (names in the same order, absent values left out). Undefined when no value of it is
 * a plain JSON object or array, where stringifying the document directly is as cheap. The pieces stay apart
 * because V8 writes a concatenation of big strings to a buffer character by character.
 */
export function documentPieces(variables: Record<string, unknown>): string[] | undefined {
  const lazy = hasLazyValues(variables);
  if (!lazy && !hasKeptTexts(variables)) return undefined;
  return logPieces(variables, lazy).map((piece) => (typeof piece === 'string' ? piece : Buffer.from(piece.utf8.buffer, piece.utf8.byteOffset, piece.utf8.byteLength).toString('utf8')));
}

/** Whether some value of `variables` is a plain JSON object or array (whose text is kept once made). */
function hasKeptTexts(variables: Record<string, unknown>): boolean {
  for (const name in variables) {
    const value = variables[name];
    if (value !== null && typeof value === 'object' && plainJsonValues.has(value)) return true;
  }
  return false;
}

/** {@link documentPieces} for the log: a value still held as UTF-8 bytes is a piece of bytes, copied as they are. */
function logPieces(variables: Record<string, unknown>, lazy: boolean): (string | BytesPiece)[] {
  const pieces: (string | BytesPiece)[] = [];
  let separator = '{';
  for (const name of Object.keys(variables)) {
    // a value still held as text is written as that text, unparsed (lazy-variable-values.ts)
    const json = lazy ? lazyJson(variables, name) : undefined;
    if (json !== undefined) {
      pieces.push(`${separator}${JSON.stringify(name)}:`, jsonPiece(json));
      separator = ',';
      continue;
    }
    const value = variables[name];
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    pieces.push(`${separator}${JSON.stringify(name)}:`, variableText(value));
    separator = ',';
  }
  pieces.push(pieces.length === 0 ? '{}' : '}');
  return pieces;
}

/** `JSON.stringify(variables)`, reusing the kept texts of its values ({@link documentPieces}). */
export function documentJson(variables: Record<string, unknown> | undefined | null): string {
  const pieces = variables ? documentPieces(variables) : undefined;
  return pieces ? pieces.join('') : JSON.stringify(variables ?? {});
}

/** Notes that the variable record value `recordValue` (whose `value` is the text of `value`) stands for `value`. */
export function rememberParsedValue(recordValue: object, value: unknown): void {
  if (value !== null && typeof value === 'object' && plainJsonValues.has(value)) parsedValues.set(recordValue, value);
}

/**
 * A variable as state keeps it, from its record: with the value the processor held when it wrote the record
 * live; a big text (live or on replay) kept as text until read (lazy-variable-values.ts); else the text parsed.
 */
export function storedVariable(key: string, recordValue: { value: string }): { key: string; value: unknown } {
  const json = recordTexts.get(recordValue);
  if (json !== undefined) {
    // live, from a value held as text: state keeps the same text (its `value` field is not even decoded)
    const stored = { key } as { key: string; value: unknown };
    // without the escaped bytes, which only the record needed
    defineLazyValue(stored, 'value', json.escapedUtf8 ? withoutEscaped(json) : json);
    return stored;
  }
  const known = parsedValues.get(recordValue);
  if (known === undefined && recordValue.value.length >= LAZY_FROM_CHARS) {
    const stored = { key } as { key: string; value: unknown };
    defineLazyValue(stored, 'value', recordValue.value);
    return stored;
  }
  return { key, value: parsedVariableValue(recordValue) };
}

/**
 * The value a variable record stands for: the one the processor held when it wrote the record live, or its
 * text parsed (on replay, or for values that are not known plain JSON).
 */
export function parsedVariableValue(recordValue: { value: string }): unknown {
  const known = parsedValues.get(recordValue);
  if (known !== undefined) {
    parsedValues.delete(recordValue);
    return known;
  }
  const value = JSON.parse(recordValue.value) as unknown;
  if (value !== null && typeof value === 'object' && recordValue.value.length >= KEEP_TEXT_FROM) {
    plainJsonValues.add(value);
    texts.set(value, recordValue.value);
  }
  return value;
}

/**
 * The log encoder's hook ({@link BatchEncoder}): a record whose `value.variables` document has values with kept
 * texts (a command or event carrying a big document) is written with that document's text made from them.
 */
export function preEncodedVariables(record: unknown): PreEncoded | undefined {
  const value = (record as { value?: { variables?: unknown } } | null)?.value;
  if (value === undefined || value === null || typeof value !== 'object') return undefined;
  const held = recordTexts.get(value);
  if (held !== undefined) {
    // A variable record whose value is held as text: written escaped as an isolation thread made it, or escaped
    // here. Its fields are copied one by one, in order, so its lazily decoded `value` is not read.
    const item: Record<string, unknown> = {};
    for (const name of Object.keys(value)) item[name] = name === 'value' ? PRE_ENCODED : (value as Record<string, unknown>)[name];
    return { item: { ...(record as object), value: item }, pieces: [escapedPiece(held) ?? JSON.stringify(jsonText(held))] };
  }
  const variables = value.variables;
  if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) return undefined;
  const lazy = hasLazyValues(variables);
  if (!lazy && !hasKeptTexts(variables as Record<string, unknown>)) return undefined;
  const pieces = logPieces(variables as Record<string, unknown>, lazy);
  return { item: { ...(record as object), value: { ...value, variables: PRE_ENCODED } }, pieces };
}

/** What state keeps of a value held as text: the text, not the escaped or deflated forms only the log needed. */
function withoutEscaped(json: LazyJson): LazyJson {
  const { escapedUtf8: _escaped, deflated: _deflated, escapedDeflated: _escapedDeflated, ...rest } = json;
  return rest;
}

/** Variable record values whose `value` is a value held as text (lazy-variable-values.ts), with that text. */
const recordTexts = new WeakMap<object, LazyJson>();

/**
 * Notes that the variable record value `recordValue` carries `json`'s text as its `value`: the log writes it
 * from `json` ({@link preEncodedVariables}) and the applier keeps `json` in state ({@link storedVariable}).
 */
export function rememberRecordText(recordValue: object, json: LazyJson): void {
  recordTexts.set(recordValue, json);
}
