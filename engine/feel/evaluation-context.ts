import { evaluate } from 'feelin';

/**
 * The context handed to feelin for one evaluation: only the variables and extension functions whose names
 * occur in the source. feelin resolves a name it cannot find directly (every built-in, like `count`) by
 * normalizing every key of the context with two regular expressions, and lezer-feel's parser consults the
 * keys too, so a process with fifty variables made each evaluation pay for all fifty. FEEL reaches a
 * top-level variable only by writing its name, so leaving out the unnamed ones changes no result. Keys with
 * spaces or symbols are always kept, since FEEL may spell them with different spacing (`a - b` for `a-b`).
 */
const PLAIN_NAME = /^[\p{L}_?][\p{L}\p{N}_?]*$/u;

export function evaluationContext(
  source: string,
  variables: Record<string, unknown>,
  functions: Record<string, unknown>,
  extra?: Record<string, unknown>,
): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  for (const key of Object.keys(variables ?? {})) {
    if (!source.includes(key) && PLAIN_NAME.test(key)) continue;
    // a variable `count` must not hide the built-in in `count(items)` (feel-scala keeps them apart)
    const builtin = PLAIN_NAME.test(key) && isCalled(key, source) ? feelinBuiltin(key) : undefined;
    context[key] = builtin ?? variables[key];
  }
  for (const name of Object.keys(functions)) {
    if (!source.includes(name)) continue;
    // feel-scala keeps functions and variables apart: a variable `today` stays readable as `today`, while
    // `today()` still calls the function. One context cannot hold both, so the source decides.
    if (Object.prototype.hasOwnProperty.call(context, name) && !isCalled(name, source)) continue;
    context[name] = functions[name];
  }
  return extra ? Object.assign(context, extra) : context;
}

/** Whether `source` calls `name` (the name followed by an opening parenthesis). */
function isCalled(name: string, source: string): boolean {
  if (!source.includes('(') || !source.includes(name)) return false;
  return new RegExp(`(^|[^\\p{L}\\p{N}_])${escapeRegExp(name)}\\s*\\(`, 'u').test(source);
}

const builtins = new Map<string, unknown>();

/** feelin's built-in function of that name, if there is one. */
function feelinBuiltin(name: string): unknown {
  if (!builtins.has(name)) {
    const value = evaluate(name, { [name]: undefined }).value;
    builtins.set(name, typeof value === 'function' ? value : undefined);
  }
  return builtins.get(name);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
