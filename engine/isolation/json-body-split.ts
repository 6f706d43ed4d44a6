import { LAZY_FROM_CHARS, type LazyJson } from '../lazy-variable-values';
import { deflatePiece } from '../log/spliced-deflate';
import { MAX_VARIABLE_DEPTH } from '../variable-document';

/**
 * A big JSON request body (or gRPC variables document) parsed and checked on an isolation thread, with its
 * top-level `variables` split into values small enough to hand back parsed and big ones handed back as their
 * JSON text in shared memory (issue 13); a parsed 4 MB object graph would be rebuilt on the engine thread at
 * about the cost of parsing it there. The engine keeps the big texts unparsed
 * (lazy-variable-values.ts) and writes them to the log as they are.
 */

/**
 * One big variable: `JSON.stringify` of its parsed value (so as plain as the engine writes it) and that text
 * escaped as the JSON string its variable record carries, both as UTF-8 in shared memory.
 */
export type BigVariable = [name: string, json: LazyJson];

/** What a split answers. */
export type SplitOutcome =
  | {
      kind: 'parsed';
      /** The body, its `variables` (if split) holding only the small values. */
      body: unknown;
      /** Whether `body.variables` was split: then `order` and `big` describe the whole document. */
      split: boolean;
      /** The names of the whole variables document in order (small and big). */
      order: string[];
      big: BigVariable[];
      /** How deep the body nests. */
      depth: number;
    }
  /** The text is not JSON: the parser's message, as express.json would report it. */
  | { kind: 'syntax'; message: string }
  /** The body nests deeper than allowed. */
  | { kind: 'too-deep'; depth: number };

/** What to split: a REST body's bytes (`variables` is a field of it) or a gRPC variables document (the whole). */
export interface SplitRequest {
  /** UTF-8 bytes of a REST body, or the text of a gRPC variables document. */
  json: Uint8Array | string;
  /** `body`: split the `variables` field of the parsed object; `document`: split the document itself. */
  shape: 'body' | 'document';
  /** Deepest nesting allowed for the whole text. */
  maxDepth: number;
}

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * How deep a JSON text nests, measured on its bytes without parsing (strings are jumped over with a native
 * search for the closing quote); stops counting once it passes `limit`.
 */
export function jsonDepth(bytes: Uint8Array, limit: number): number {
  let depth = 0;
  let deepest = 0;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index];
    if (byte === QUOTE) {
      index = closingQuote(bytes, index);
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
    }
  }
  return deepest;
}

/** Where the string opened at `open` ends (its closing quote), or the end of `bytes` if it does not. */
function closingQuote(bytes: Uint8Array, open: number): number {
  let quote = bytes.indexOf(QUOTE, open + 1);
  while (quote !== -1) {
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = bytes.indexOf(QUOTE, quote + 1);
  }
  return bytes.length;
}

/** body-parser's strict mode: a JSON body must open with an object or an array. */
const FIRST_NON_SPACE = /^[\x20\x09\x0a\x0d]*(.)/;

/** Parses, measures and splits `request` (runs on an isolation thread; see {@link SplitOutcome}). */
export function splitJson(request: SplitRequest): SplitOutcome {
  const bytes = typeof request.json === 'string' ? Buffer.from(request.json, 'utf8') : Buffer.from(request.json.buffer, request.json.byteOffset, request.json.byteLength);
  const depth = jsonDepth(bytes, request.maxDepth);
  if (depth > request.maxDepth) return { kind: 'too-deep', depth };
  const text = typeof request.json === 'string' ? request.json : bytes.toString('utf8');
  if (request.shape === 'body') {
    const first = FIRST_NON_SPACE.exec(text)?.[1];
    if (first !== '{' && first !== '[') return { kind: 'syntax', message: strictMessage(first, text) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: 'syntax', message: error instanceof Error ? error.message : String(error) };
  }
  const holder = request.shape === 'body' ? parsed : { variables: parsed };
  const variables = isObject(holder) ? holder.variables : undefined;
  // Split only a variables object whose depth the text already proves within the variable limit (the body adds
  // one level around it); anything else goes back whole, for the engine's own checks and Zeebe's wording.
  const variablesDepthLimit = request.shape === 'body' ? MAX_VARIABLE_DEPTH + 1 : MAX_VARIABLE_DEPTH;
  if (!isObject(variables) || depth > variablesDepthLimit) return { kind: 'parsed', body: parsed, split: false, order: [], big: [], depth };
  const order = Object.keys(variables);
  const big: BigVariable[] = [];
  for (const name of order) {
    const value = variables[name];
    if (value === null || (typeof value !== 'object' && typeof value !== 'string')) continue;
    if (typeof value === 'string' && value.length < LAZY_FROM_CHARS) continue;
    const valueText = JSON.stringify(value);
    if (valueText.length < LAZY_FROM_CHARS) continue;
    big.push([name, sharedUtf8(valueText)]);
    delete variables[name];
  }
  return { kind: 'parsed', body: request.shape === 'body' ? parsed : variables, split: true, order, big, depth };
}

/**
 * The text and the text escaped as a JSON string, as UTF-8 in shared memory: posted to the engine thread,
 * shared bytes cost it nothing, where a 4 MB string is copied into its heap (~15 ms there). Two pieces of
 * memory, so the escaped one goes once its variable record is written, while state keeps the text. Both are
 * deflated here as the log splices them into a batch (engine/log/spliced-deflate.ts): this thread runs below
 * the engine's priority, and the log's writer thread, which every commit's acknowledgement waits for, then
 * deflates only the small JSON around them (the text once, though the command and its event both carry it).
 */
function sharedUtf8(text: string): LazyJson {
  const utf8 = sharedBytes(text);
  const escapedUtf8 = sharedBytes(JSON.stringify(text));
  return { utf8, escapedUtf8, deflated: sharedCopy(deflatePiece(utf8)), escapedDeflated: sharedCopy(deflatePiece(escapedUtf8)) };
}

function sharedBytes(text: string): Uint8Array {
  const memory = Buffer.from(new SharedArrayBuffer(Buffer.byteLength(text, 'utf8')));
  memory.write(text, 0, 'utf8');
  return new Uint8Array(memory.buffer);
}

/** `bytes` copied into shared memory, which crosses to the engine and on to the log's writer thread uncopied. */
function sharedCopy(bytes: Uint8Array): Uint8Array {
  const memory = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  memory.set(bytes);
  return memory;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The message body-parser gives a strict-mode refusal (a body not opening with `{` or `[`). */
function strictMessage(first: string | undefined, text: string): string {
  if (first === undefined) return 'Unexpected end of JSON input';
  try {
    JSON.parse(`#${text.slice(text.indexOf(first) + 1)}`);
  } catch (error) {
    if (error instanceof Error) return error.message.replace('#', first);
  }
  return `Unexpected token ${first} in JSON`;
}
