import { EngineRejection, type Variables } from './api';
import { lazyJson } from './lazy-variable-values';
import { markPlainJson } from './variable-json';

/**
 * How deep a variable document may nest. Zeebe converts documents to MessagePack, where very deep nesting
 * overflows the stack; ours would overflow while the batch is encoded and stop the engine for everyone. No
 * form or worker in a service centre nests anywhere near this.
 */
export const MAX_VARIABLE_DEPTH = 100;

/** Most variables one command may carry at its top level. */
export const MAX_VARIABLES_PER_COMMAND = 10_000;

function describeJsonType(value: unknown): string {
  if (Array.isArray(value)) return 'ARRAY';
  if (value === null) return 'NIL';
  return typeof value === 'string' ? 'STRING' : typeof value === 'number' ? 'NUMBER' : typeof value === 'boolean' ? 'BOOLEAN' : 'UNKNOWN';
}

/**
 * The depth of the deepest value in a JSON document, walked without recursion (a hostile document must not
 * overflow the stack while it is being measured); stops as soon as it passes `limit`.
 */
export function nestingDepth(document: unknown, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[document, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
  return deepest;
}

/**
 * Walks one top-level variable value (an object or array, at depth 2 of its document) once, without recursion:
 * answers whether it nests deeper than `limit`, whether it is plain JSON (what `JSON.parse` makes) and how many
 * names and items it holds. The
 * value is visited once for both, and cheaply — a 4 MB form's 40,000 rows used to be walked twice, with an
 * array allocated per object (issue 13).
 */
function walkValue(root: object, limit: number): { tooDeep: boolean; plain: boolean; nodes: number } {
  let plain = true;
  let nodes = 0;
  const values: object[] = [root];
  const depths: number[] = [2];
  while (values.length > 0) {
    const value = values.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return { tooDeep: true, plain: false, nodes };
    if (Array.isArray(value)) {
      nodes += value.length;
      for (let index = 0; index < value.length; index++) {
        const child: unknown = value[index];
        if (child !== null && typeof child === 'object') {
          values.push(child);
          depths.push(depth + 1);
        } else if (plain && !isPlainLeaf(child)) plain = false;
      }
      continue;
    }
    if (plain) {
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null) plain = false;
    }
    for (const name in value) {
      nodes++;
      const child: unknown = (value as Record<string, unknown>)[name];
      if (child !== null && typeof child === 'object') {
        values.push(child);
        depths.push(depth + 1);
      } else if (plain && !isPlainLeaf(child)) plain = false;
    }
  }
  return { tooDeep: false, plain, nodes };
}

/** Values with fewer nested names and items are not marked as plain JSON: writing them again costs little. */
const MARK_PLAIN_FROM_NODES = 256;

function isPlainLeaf(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** Documents a gateway parsed from JSON text whose depth it has already measured, with the text's size in bytes. */
const checkedDocuments = new WeakMap<object, number>();

/** From this size on, a checked document's object values are marked plain JSON (see variable-json.ts). */
const MARK_PLAIN_FROM_BYTES = 16 * 1024;

/**
 * Notes that `document` was made by `JSON.parse` from `bytes` bytes of text already measured to nest at most
 * {@link MAX_VARIABLE_DEPTH} levels (the REST body guard does so on the raw bytes), so {@link checkVariables}
 * need not walk it again.
 */
export function rememberCheckedDocument(document: object, bytes: number): void {
  checkedDocuments.set(document, bytes);
}

/**
 * Variables must be a JSON object (Zeebe's rule and wording), nested at most {@link MAX_VARIABLE_DEPTH} levels
 * and with at most {@link MAX_VARIABLES_PER_COMMAND} top-level names; anything else is refused before any
 * work is done. Values found to be plain JSON on the way are marked so, which lets their JSON text be made once
 * and reused (see `engine/variable-json.ts`).
 */
export function checkVariables(variables: unknown): Variables {
  if (variables === undefined || variables === null) return {};
  if (typeof variables !== 'object' || Array.isArray(variables)) {
    throw new EngineRejection('INVALID_ARGUMENT', `Expected document to be a root level object, but was '${describeJsonType(variables)}'`);
  }
  const names = Object.keys(variables);
  if (names.length > MAX_VARIABLES_PER_COMMAND) {
    throw new EngineRejection('INVALID_ARGUMENT', `Expected at most ${MAX_VARIABLES_PER_COMMAND} variables in one command, but got ${names.length}`);
  }
  const checkedBytes = checkedDocuments.get(variables);
  if (checkedBytes !== undefined) {
    if (checkedBytes >= MARK_PLAIN_FROM_BYTES) {
      for (const name of names) {
        if (lazyJson(variables, name) !== undefined) continue; // text checked off the engine thread, kept unparsed
        const value = (variables as Record<string, unknown>)[name];
        if (value !== null && typeof value === 'object') markPlainJson(value);
      }
    }
    return variables as Variables;
  }
  for (const name of names) {
    // Lazy values are only made from text already checked (off the engine thread, or written by the engine).
    if (lazyJson(variables, name) !== undefined) continue;
    const value = (variables as Record<string, unknown>)[name];
    if (value === null || typeof value !== 'object') continue;
    const walked = walkValue(value, MAX_VARIABLE_DEPTH);
    if (walked.tooDeep) {
      throw new EngineRejection('INVALID_ARGUMENT', `Expected variables to be nested at most ${MAX_VARIABLE_DEPTH} levels deep, but they are nested deeper`);
    }
    // Small values are written again more cheaply than their text is kept (see variable-json.ts).
    if (walked.plain && walked.nodes >= MARK_PLAIN_FROM_NODES) markPlainJson(value);
  }
  return variables as Variables;
}
