import { EngineRejection, type Variables } from './api';

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
 * Variables must be a JSON object (Zeebe's rule and wording), nested at most {@link MAX_VARIABLE_DEPTH} levels
 * and with at most {@link MAX_VARIABLES_PER_COMMAND} top-level names; anything else is refused before any
 * work is done.
 */
export function checkVariables(variables: unknown): Variables {
  if (variables === undefined || variables === null) return {};
  if (typeof variables !== 'object' || Array.isArray(variables)) {
    throw new EngineRejection('INVALID_ARGUMENT', `Expected document to be a root level object, but was '${describeJsonType(variables)}'`);
  }
  const names = Object.keys(variables).length;
  if (names > MAX_VARIABLES_PER_COMMAND) {
    throw new EngineRejection('INVALID_ARGUMENT', `Expected at most ${MAX_VARIABLES_PER_COMMAND} variables in one command, but got ${names}`);
  }
  if (nestingDepth(variables, MAX_VARIABLE_DEPTH) > MAX_VARIABLE_DEPTH) {
    throw new EngineRejection('INVALID_ARGUMENT', `Expected variables to be nested at most ${MAX_VARIABLE_DEPTH} levels deep, but they are nested deeper`);
  }
  return variables as Variables;
}
