import { markPlainJson, rememberText } from './variable-json';

/**
 * Big variable values held as the JSON text they arrived as, parsed only when something reads them (issue 13).
 * A valid 4 MB form used to cost the engine thread 80–110 ms: the request body parsed, each big value written
 * back to JSON, escaped into its variable record, and the object graph collected again. Now an isolation
 * thread parses and checks the body (engine/isolation/json-body-split.ts) and hands back each big top-level
 * variable as its text; the engine writes that text to the log as it is and keeps it in state, and a value is
 * parsed on the engine thread only when an expression, a mapping or a response actually reads it.
 *
 * A lazy value is an own, enumerable accessor property: reading it (by any code — FEEL, a spread, `JSON.stringify`,
 * a snapshot's V8 serialization) parses the text once, replaces the accessor by the value and answers that
 * value. So code that does not know about lazy values still sees plain JSON values, only later. Code on the hot
 * path asks {@link lazyText} first and passes the text on without parsing. `JSON.parse(text)` is the value the
 * text stands for both live and on replay, so laziness changes when work happens, never what state holds.
 */

/** Values from this many characters on are kept lazily (smaller ones are parsed right away: that costs less). */
export const LAZY_FROM_CHARS = 64 * 1024;

/** The text of each lazy property of an object, by property name, until it is read. */
const lazyTexts = new WeakMap<object, Map<string, string>>();

/**
 * Defines `target[name]` as a lazy value standing for `text` (the JSON text of a plain JSON value whose depth
 * is already checked). Reading it parses the text; writing it replaces it.
 */
export function defineLazyValue(target: object, name: string, text: string): void {
  let texts = lazyTexts.get(target);
  if (!texts) lazyTexts.set(target, (texts = new Map()));
  texts.set(name, text);
  Object.defineProperty(target, name, {
    configurable: true,
    enumerable: true,
    get(this: object) {
      return materialize(target, name);
    },
    set(this: object, value: unknown) {
      lazyTexts.get(target)?.delete(name);
      Object.defineProperty(target, name, { configurable: true, enumerable: true, writable: true, value });
    },
  });
}

/** The JSON text `target[name]` stands for while it is lazy (not read yet); undefined otherwise. */
export function lazyText(target: object, name: string): string | undefined {
  return lazyTexts.get(target)?.get(name);
}

/** Whether any property of `target` is lazy. */
export function hasLazyValues(target: object): boolean {
  const texts = lazyTexts.get(target);
  return texts !== undefined && texts.size > 0;
}

/**
 * `target[name]`'s text if it is lazy, else the value itself, without parsing: for code that passes values on
 * (copies a document, collects a scope's variables) and wants big texts to stay text.
 */
export function copyProperty(from: object, name: string, to: object, toName = name): void {
  const text = lazyText(from, name);
  if (text !== undefined) defineLazyValue(to, toName, text);
  else (to as Record<string, unknown>)[toName] = (from as Record<string, unknown>)[name];
}

function materialize(target: object, name: string): unknown {
  const text = lazyTexts.get(target)?.get(name);
  if (text === undefined) return undefined;
  const value = JSON.parse(text) as unknown;
  if (value !== null && typeof value === 'object') {
    markPlainJson(value);
    rememberText(value, text);
  }
  lazyTexts.get(target)?.delete(name);
  Object.defineProperty(target, name, { configurable: true, enumerable: true, writable: true, value });
  return value;
}
