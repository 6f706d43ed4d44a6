/**
 * The step budget of function calls (issue 13). Loops over lists are counted where feelin iterates them
 * (`iteration-budget.ts`), ranges where it enumerates them (`evaluation-budget.ts`); what neither sees is work
 * done inside a call: a function the expression defines calling itself (`{f: function(n) f(n-1) + f(n-1)}.f(40)`),
 * or a built-in going through a long list or string on every turn of a loop
 * (`for x in 1..10000 return sum(big)`). Those were bounded only by the time budget, which depends on the
 * machine's load. Every call goes through `FeelFunction#invoke`, so it is patched here to charge the same
 * iteration budget, by count, so the same expression over the same data stops the same way on every machine
 * and on replay:
 * - a call of a function the expression defines: one step, and one level of nesting, at most
 *   {@link FEEL_MAX_CALL_DEPTH} deep (before V8's stack runs out, which depends on where the evaluation runs);
 * - a built-in (feelin's or Camunda's): the items of each list argument and the entries of each context
 *   argument (`sort`: n·log₂n comparisons) and one step per {@link CHARS_PER_STEP} characters of each string
 *   argument; the built-ins that go through their arguments at every depth (`to json`, `string`, `string join`,
 *   `distinct values`, `context merge`, …, {@link DEEP_BUILTINS}) every item, entry and character inside them
 *   (`value-size.ts`); the built-ins whose cost does not grow with their arguments (`count`, `is defined`, …)
 *   are free; the pattern functions charge what they scan (`regex-meter.ts`);
 * - the engine's hidden functions (the rewrites' operators, the loop counter): free, they are counted already.
 * Only evaluations inside {@link meteringCalls} are charged (the budget is reset per evaluation there).
 */
import { evaluate, FeelFunction } from 'feelin';
import { readLimit } from './evaluation-budget';
import { chargeIterations, iterationsLeft } from './iteration-budget';
import { valueSteps } from './value-size';

/**
 * How deep calls of functions an expression defines may nest (`ONEGO_FEEL_MAX_CALL_DEPTH`, default 256, on every
 * thread). feelin needs several JavaScript frames per FEEL call: V8's stack ran out between 1,000 and 2,000 levels
 * on the engine thread, at a depth that depends on the caller's own stack; 256 stops well before, by count.
 */
export const FEEL_MAX_CALL_DEPTH = readLimit('ONEGO_FEEL_MAX_CALL_DEPTH', 256);

/**
 * Characters of a string argument a built-in may go through per step. One step is about one item of a feelin
 * loop (~4 µs); `upper case` or `contains` go through a thousand characters or more in that time, but `substring`
 * and `string length` split the string into code points first (tens of nanoseconds each), so a step is a hundred:
 * the names, numbers and addresses of a case cost nothing, and a 100 KB text once costs a tenth of the engine
 * thread's budget.
 */
export const CHARS_PER_STEP = 100;

/** Thrown when calls of functions the expression defines nest deeper than {@link FEEL_MAX_CALL_DEPTH}. */
export class FeelCallDepthExceeded extends Error {
  constructor(limit: number) {
    super(`FEEL 函数调用嵌套过深：最多 ${limit} 层 / Expected the functions the expression defines to nest at most ${limit} calls deep (ONEGO_FEEL_MAX_CALL_DEPTH), but they nest deeper`);
    this.name = 'FeelCallDepthExceeded';
  }
}

/** feelin's built-ins whose cost does not grow with their arguments. */
const FREE_BUILTINS = ['count', 'not', 'is', 'get value'];
/** Camunda extensions whose cost does not grow with their arguments (the others are charged like built-ins). */
const FREE_EXTENSIONS = new Set(['now', 'today', 'is defined', 'get or else', 'assert', 'is empty', 'uuid', 'random number', 'get value', 'date and time', 'years and months duration', 'last day of month']);

/**
 * Built-ins that go through their arguments at every depth: serializing (`to json`, `string`), comparing items
 * with FEEL equality, which descends into lists and contexts (`distinct values`, `duplicate values`, `union`,
 * `list contains`, `index of`), joining or merging what their list holds (`string join`, `context merge`,
 * `context`), flattening. Charged by {@link valueSteps}: one call over a context of 100,000 entries used to
 * cost one step and held the engine thread until the time budget.
 */
export const DEEP_BUILTINS = ['to json', 'string', 'string join', 'distinct values', 'duplicate values', 'union', 'list contains', 'index of', 'context merge', 'context', 'flatten'];

type Invocable = FeelFunction & { fn: ((...args: unknown[]) => unknown) & { $args?: unknown } };

/**
 * How a function is charged: the engine's hidden ones are free, extensions charged or free by name, and the
 * pattern functions (`regex-functions.ts`) charge their own work, which their arguments' sizes do not tell.
 */
const engineFunctions = new WeakMap<object, 'free' | 'charged' | 'deep' | 'self'>();
const freeBuiltins = new WeakSet<object>();
const deepBuiltins = new WeakSet<object>();
for (const [names, set] of [[FREE_BUILTINS, freeBuiltins], [DEEP_BUILTINS, deepBuiltins]] as const) {
  for (const name of names) {
    const value = evaluate(name, { [name]: undefined }).value;
    if (typeof value === 'function') set.add(value);
  }
}
const sortBuiltin = evaluate('sort', { sort: undefined }).value as object;

/** Registers the engine's hidden functions (rewrites' operators, the loop counter): calls of them are free. */
export function engineHiddenFunctions<T extends Record<string, unknown>>(functions: T): T {
  for (const value of Object.values(functions)) if (value instanceof FeelFunction) engineFunctions.set(value, 'free');
  return functions;
}

/** Registers Camunda's extension functions: charged like built-ins, but for those whose cost does not grow. */
export function camundaExtensionFunctions<T extends Record<string, unknown>>(functions: T): T {
  for (const [name, value] of Object.entries(functions)) {
    if (!(value instanceof FeelFunction) || engineFunctions.get(value) === 'self') continue;
    engineFunctions.set(value, FREE_EXTENSIONS.has(name) ? 'free' : DEEP_BUILTINS.includes(name) ? 'deep' : 'charged');
  }
  return functions;
}

/** Registers functions that charge their own work with {@link chargeBuiltinWork} (not by their arguments). */
export function selfChargedFunctions<T extends Record<string, unknown>>(functions: T): T {
  for (const value of Object.values(functions)) if (value instanceof FeelFunction) engineFunctions.set(value, 'self');
  return functions;
}

/** Charge `steps` of a built-in's own work to the evaluation running now; nothing outside {@link meteringCalls}. */
export function chargeBuiltinWork(steps: number): void {
  if (metering && steps > 0) chargeIterations(steps);
}

let metering = false;
let depth = 0;

/** Run `evaluate` with its function calls charged (and the call depth counted from zero). */
export function meteringCalls<T>(evaluate: () => T): T {
  const outer = { metering, depth };
  metering = true;
  depth = 0;
  try {
    return evaluate();
  } finally {
    metering = outer.metering;
    depth = outer.depth;
  }
}

/**
 * Charge the lists and contexts an evaluation is given (`context`, the variables its source names) before
 * feelin sees them: feelin copies every one of them, at every depth, on every evaluation (its
 * `coerceContext`), about 2 µs per list item or context entry, so an expression naming a context of 200,000
 * entries held the engine thread a second before any built-in ran. Half a step per item or entry (and per 200
 * characters of strings), measured no further than the budget allows and once per value (`value-size.ts`).
 */
export function chargeVariables(context: Record<string, unknown>): void {
  for (const value of Object.values(context)) {
    if (value === null || typeof value !== 'object') continue;
    chargeIterations(Math.ceil(valueSteps(value, CHARS_PER_STEP, 2 * iterationsLeft()) / 2));
  }
}

/** Steps a value passed to a built-in costs it: its length (a list, a string) or its entries (a context). */
function argumentSteps(value: unknown, deep: boolean): number {
  if (typeof value === 'string') return Math.floor(value.length / CHARS_PER_STEP);
  if (value === null || typeof value !== 'object') return 0;
  if (deep) return valueSteps(value, CHARS_PER_STEP, iterationsLeft());
  if (Array.isArray(value)) return value.length;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return 0;
  // a context's entries, counted no further than the budget left
  const limit = iterationsLeft();
  let entries = 0;
  for (const key in value) {
    void key;
    if (++entries > limit) break;
  }
  return entries;
}

/** Steps a built-in's arguments cost it (positional, or named in a context). */
function builtinSteps(fn: object, contextOrArgs: unknown, deep: boolean): number {
  const values = Array.isArray(contextOrArgs) ? contextOrArgs : contextOrArgs && typeof contextOrArgs === 'object' ? Object.values(contextOrArgs) : [];
  let steps = 0;
  for (const value of values) {
    const items = argumentSteps(value, deep);
    // A sort compares about n·log₂n pairs, calling the expression's function for each without `invoke`.
    steps += fn === sortBuiltin && Array.isArray(value) && items > 1 ? Math.ceil(items * Math.log2(items)) : items;
  }
  return steps;
}

const PATCHED = Symbol.for('onego.feelin.callBudget');
const prototype = FeelFunction.prototype as unknown as Record<symbol, boolean> & { invoke(this: Invocable, contextOrArgs: unknown): unknown };
if (!prototype[PATCHED]) {
  const invoke = prototype.invoke;
  prototype.invoke = function invokeWithinBudget(this: Invocable, contextOrArgs: unknown) {
    if (!metering) return invoke.call(this, contextOrArgs);
    const registered = engineFunctions.get(this);
    if (registered === 'free' || registered === 'self') return invoke.call(this, contextOrArgs);
    // feelin's built-ins carry their parameter names as `$args`; the functions an expression defines do not.
    const builtin = registered === 'charged' || registered === 'deep' || this.fn.$args !== undefined;
    if (builtin) {
      const deep = registered === 'deep' || deepBuiltins.has(this.fn);
      if (!freeBuiltins.has(this.fn)) chargeIterations(builtinSteps(this.fn, contextOrArgs, deep));
      return invoke.call(this, contextOrArgs);
    }
    chargeIterations(1);
    if (depth >= FEEL_MAX_CALL_DEPTH) throw new FeelCallDepthExceeded(FEEL_MAX_CALL_DEPTH);
    depth += 1;
    try {
      return invoke.call(this, contextOrArgs);
    } finally {
      depth -= 1;
    }
  };
  prototype[PATCHED] = true;
}
