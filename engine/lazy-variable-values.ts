import type { BytesPiece } from './log/batch-encoder';
import { markPlainJson, rememberText } from './variable-json';

/**
 * Big variable values held as the JSON text they arrived as, parsed only when something reads them (issue 13).
 * A valid 4 MB form used to cost the engine thread 80–110 ms: the request body parsed, each big value written
 * back to JSON, escaped into its variable record, and the object graph collected again. Now an isolation
 * thread parses and checks the body (engine/isolation/json-body-split.ts) and hands back each big top-level
 * variable as UTF-8 bytes in shared memory; the engine copies those bytes into the log as they are and keeps
 * them in state, and a value is decoded and parsed on the engine thread only when an expression, a mapping or
 * a response actually reads it. (A 4 MB string posted from another thread costs the receiver ~15 ms: V8 copies
 * it into fresh heap pages. Shared bytes cross for nothing.)
 *
 * A lazy value is an own, enumerable accessor property: reading it (by any code — FEEL, a spread, `JSON.stringify`,
 * a snapshot's V8 serialization) parses the text once, replaces the accessor by the value and answers that
 * value. So code that does not know about lazy values still sees plain JSON values, only later. Code on the hot
 * path asks {@link lazyJson} first and passes the text on without parsing. `JSON.parse(text)` is the value the
 * text stands for both live and on replay, so laziness changes when work happens, never what state holds.
 */

/** Values from this many characters on are kept lazily (smaller ones are parsed right away: that costs less). */
export const LAZY_FROM_CHARS = 64 * 1024;

/**
 * A plain JSON value's text, as a string or as UTF-8 bytes (at least one), and, where an isolation thread made
 * it, the text escaped as the JSON string a variable record carries, as UTF-8 bytes.
 */
export interface LazyJson {
  text?: string;
  utf8?: Uint8Array;
  escapedUtf8?: Uint8Array;
  /**
   * `utf8` and `escapedUtf8` deflated as the log splices them into a batch (engine/log/spliced-deflate.ts), made
   * by the isolation thread too: the log's writer thread then has only the small JSON around them to deflate.
   */
  deflated?: Uint8Array;
  escapedDeflated?: Uint8Array;
  /**
   * The value, once parsed: every copy of a lazy value (a scope's variables collected for each expression)
   * shares its LazyJson, so the text is parsed once however often it is read, as a parsed value was shared.
   */
  parsed?: { value: unknown };
}

/** The text of `json` as a string (decoded from its bytes once, when first asked). */
export function jsonText(json: LazyJson): string {
  json.text ??= Buffer.from(json.utf8!.buffer, json.utf8!.byteOffset, json.utf8!.byteLength).toString('utf8');
  return json.text;
}

/**
 * The text of `json` as a log piece: its bytes where it has them (spliced in as they are, deflated already when
 * the isolation thread did it), else its string.
 */
export function jsonPiece(json: LazyJson): string | BytesPiece {
  return json.utf8 ? { utf8: json.utf8, deflated: json.deflated } : json.text!;
}

/** The text of `json` escaped as a JSON string, as a log piece, where an isolation thread made it (else undefined). */
export function escapedPiece(json: LazyJson): BytesPiece | undefined {
  return json.escapedUtf8 ? { utf8: json.escapedUtf8, deflated: json.escapedDeflated } : undefined;
}

/** Each lazy property of an object, by property name, until it is read. */
const lazyValues = new WeakMap<object, Map<string, LazyJson>>();

/**
 * Defines `target[name]` as a lazy value standing for `json` (the JSON text of a plain JSON value whose depth
 * is already checked). Reading it parses the text; writing it replaces it.
 */
export function defineLazyValue(target: object, name: string, json: string | LazyJson): void {
  let values = lazyValues.get(target);
  if (!values) lazyValues.set(target, (values = new Map()));
  values.set(name, typeof json === 'string' ? { text: json } : json);
  Object.defineProperty(target, name, {
    configurable: true,
    enumerable: true,
    get(this: object) {
      return materialize(target, name);
    },
    set(this: object, value: unknown) {
      lazyValues.get(target)?.delete(name);
      Object.defineProperty(target, name, { configurable: true, enumerable: true, writable: true, value });
    },
  });
}

/** What `target[name]` stands for while it is lazy (not read yet); undefined otherwise. */
export function lazyJson(target: object, name: string): LazyJson | undefined {
  return lazyValues.get(target)?.get(name);
}

/** Whether any property of `target` is lazy. */
export function hasLazyValues(target: object): boolean {
  const values = lazyValues.get(target);
  return values !== undefined && values.size > 0;
}

/**
 * Copies `from[name]` to `to[toName]`, a lazy value as a lazy value (unparsed): for code that passes values on
 * (collects a scope's variables) and wants big texts to stay text until something reads them.
 */
export function copyProperty(from: object, name: string, to: object, toName = name): void {
  const json = lazyJson(from, name);
  if (json !== undefined) defineLazyValue(to, toName, json);
  else (to as Record<string, unknown>)[toName] = (from as Record<string, unknown>)[name];
}

function materialize(target: object, name: string): unknown {
  const json = lazyValues.get(target)?.get(name);
  if (json === undefined) return undefined;
  if (json.parsed === undefined) {
    const text = jsonText(json);
    const value = JSON.parse(text) as unknown;
    if (value !== null && typeof value === 'object') {
      markPlainJson(value);
      rememberText(value, text);
    }
    json.parsed = { value };
  }
  const value = json.parsed.value;
  lazyValues.get(target)?.delete(name);
  Object.defineProperty(target, name, { configurable: true, enumerable: true, writable: true, value });
  return value;
}

/**
 * Defines `target[name]` as the string `json` stands for, decoded from its bytes only when read: a variable
 * record's `value` text, which the log writes from the bytes (variable-json.ts) and hardly anything else reads.
 */
export function defineLazyText(target: object, name: string, json: LazyJson): void {
  if (json.text !== undefined || json.utf8 === undefined) {
    (target as Record<string, unknown>)[name] = json.text;
    return;
  }
  Object.defineProperty(target, name, {
    configurable: true,
    enumerable: true,
    get(this: object) {
      const value = jsonText(json);
      Object.defineProperty(target, name, { configurable: true, enumerable: true, writable: true, value });
      return value;
    },
    set(this: object, value: unknown) {
      Object.defineProperty(target, name, { configurable: true, enumerable: true, writable: true, value });
    },
  });
}

/**
 * Where a snapshot holds a value that was held as text: `{ key, [SNAPSHOT_TEXT]: text }` instead of
 * `{ key, value }` (snapshot format 4).
 */
const SNAPSHOT_TEXT = 'valueJson';

/**
 * A scope's variables as a snapshot writes them: a value still held as text goes in as that text. V8's
 * serializer reads a lazy value like any code does, so a snapshot parsed every big value on the engine thread,
 * wrote its whole object graph, and left it parsed in state (a 4 MB form: tens of milliseconds and ~10x the
 * memory). The same map when no value is lazy; otherwise a copy, the live map untouched.
 */
export function variablesForSnapshot<T extends { key: unknown }>(variables: Map<string, T>): Map<string, unknown> {
  let written: Map<string, unknown> | undefined;
  for (const [name, variable] of variables) {
    const json = lazyJson(variable, 'value');
    if (json === undefined) continue;
    written ??= new Map(variables);
    written.set(name, { key: variable.key, [SNAPSHOT_TEXT]: jsonText(json) });
  }
  return written ?? variables;
}

/** A scope's variables as {@link variablesForSnapshot} wrote them, values written as text lazy again. */
export function variablesFromSnapshot<T>(variables: Map<string, unknown>): Map<string, T> {
  for (const [name, variable] of variables) {
    if (variable === null || typeof variable !== 'object' || !Object.hasOwn(variable, SNAPSHOT_TEXT)) continue;
    const { key, [SNAPSHOT_TEXT]: text } = variable as Record<string, unknown>;
    const stored = { key } as Record<string, unknown>;
    defineLazyValue(stored, 'value', text as string);
    variables.set(name, stored);
  }
  return variables as Map<string, T>;
}

/** Marks a variables document with values held as text, as a snapshot holds it (a document is never a list). */
const SNAPSHOT_DOCUMENT = 'onego-document-with-texts';

/**
 * A variables document (a buffered message's, a start event's) as a snapshot writes it: as it is without values
 * held as text, else as `[SNAPSHOT_DOCUMENT, [name, isText, textOrValue][]]`, names in order, so the snapshot
 * neither parses nor writes the object graph of a big value (see {@link variablesForSnapshot}).
 */
export function documentForSnapshot(document: unknown): unknown {
  if (document === null || typeof document !== 'object' || !hasLazyValues(document)) return document;
  const entries: [string, 0 | 1, unknown][] = [];
  for (const name of Object.keys(document)) {
    const json = lazyJson(document, name);
    entries.push(json === undefined ? [name, 0, (document as Record<string, unknown>)[name]] : [name, 1, jsonText(json)]);
  }
  return [SNAPSHOT_DOCUMENT, entries];
}

/** A document as {@link documentForSnapshot} wrote it, values written as text lazy again. */
export function documentFromSnapshot(written: unknown): unknown {
  if (!Array.isArray(written) || written[0] !== SNAPSHOT_DOCUMENT) return written;
  const document: Record<string, unknown> = {};
  for (const [name, isText, value] of written[1] as [string, 0 | 1, unknown][]) {
    if (isText === 1) defineLazyValue(document, name, value as string);
    // defined, not assigned: a variable named `__proto__` must stay a variable
    else Object.defineProperty(document, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return document;
}
