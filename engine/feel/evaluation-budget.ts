import { FeelRange } from 'feelin';
import { readFileSync } from 'node:fs';
import { Script, createContext } from 'node:vm';
import { isMainThread } from 'node:worker_threads';

/**
 * How many range elements one FEEL evaluation may enumerate off the engine thread (`for x in 1..n`,
 * `some x in 1..n`, nested loops counted together; `ONEGO_FEEL_MAX_RANGE_ELEMENTS`, default 100,000). feelin is a
 * tree-walking interpreter that builds a context object per element, about 4 µs each; without a limit
 * `count(for x in 1..3e7 return x)` held the engine thread for 50 s and 4.6 GB (issue 13). The count is of
 * elements, not of milliseconds, so the outcome is the same on replay.
 */
export const FEEL_MAX_RANGE_ELEMENTS = readLimit('ONEGO_FEEL_MAX_RANGE_ELEMENTS', 100_000);

/**
 * The same count on the engine thread (`ONEGO_FEEL_ENGINE_MAX_RANGE_ELEMENTS`, default 10,000: ~40 ms at most,
 * where the province's models loop over lists of a few dozen items). It is the step budget that stops a
 * runaway range deterministically, before the time budget below has to.
 */
export const FEEL_ENGINE_MAX_RANGE_ELEMENTS = readLimit('ONEGO_FEEL_ENGINE_MAX_RANGE_ELEMENTS', 10_000);

/**
 * Wall-clock milliseconds one FEEL evaluation that loops or defines functions may take off the engine thread
 * (`ONEGO_FEEL_MAX_MILLIS`, default 2 s): `POST /v2/expression/evaluation` runs on a worker thread (see
 * `engine/isolation`), where a long evaluation holds nobody else. Ranges are counted above; this bounds the
 * rest: loops over long lists (`for x in l, y in l, z in l`), recursion (`{f: function(n) f(n-1) + f(n-1)}.f(40)`).
 */
export const FEEL_MAX_MILLIS = readLimit('ONEGO_FEEL_MAX_MILLIS', 2000);

/**
 * The same budget on the engine thread (`ONEGO_FEEL_ENGINE_MAX_MILLIS`, default 200 ms): element logic (gateway
 * conditions, mappings, loops over collections) and decision evaluations run there, and every other caller waits
 * while they run. Measured with `scripts/bench-feel-cost.ts` at load average 23 (scheduling and collection pauses
 * included), the expressions of the province's models over lists of 50 cases cost p50 0.04 ms, p99 26 ms, max
 * 69 ms, and a whole time-limit decision at most 24 ms: 200 ms is three times the worst seen, yet ten times less
 * than the 2 s a runaway expression held everybody before (issue 13). It is wall
 * time, so a long garbage-collection pause counts too; the default leaves room for that. A stopped evaluation is
 * an incident (or a failed decision) with a message naming this setting, recorded like any other outcome, so
 * replay does not depend on the machine's speed, and resolving the incident retries it. Zeebe bounds every FEEL
 * evaluation the same way since 8.8.10 (`camunda.expression.timeout`, a failed evaluation raising an incident).
 */
export const FEEL_ENGINE_MAX_MILLIS = readLimit('ONEGO_FEEL_ENGINE_MAX_MILLIS', 200);

/** The time budget that applies on the thread running now: the engine thread's, or the worker threads'. */
export function feelTimeBudget(): { millis: number; setting: string } {
  return isMainThread
    ? { millis: FEEL_ENGINE_MAX_MILLIS, setting: 'ONEGO_FEEL_ENGINE_MAX_MILLIS' }
    : { millis: FEEL_MAX_MILLIS, setting: 'ONEGO_FEEL_MAX_MILLIS' };
}

/** A positive integer setting from the environment, or `fallback` when it is not set. */
export function readLimit(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`Expected ${name} to be a positive integer, but it is '${text}'`);
  }
  return value;
}

/**
 * Only loops (`for`, `some`, `every`) and user-defined functions can make an evaluation run long: without them
 * its cost is bounded by the expression's and the data's size. The others skip the guard, which costs a
 * watchdog thread per call (~0.1 ms). The pattern functions (`matches`, `replace`, `split`, `extract`) no
 * longer need it: they run on re2js, which does not backtrack, and charge what they scan to the step budget
 * (`regex-meter.ts`), so they stop by count, the same way on every machine.
 */
const MAY_RUN_LONG = /\b(for|some|every|function)\b/;

/** Clock ticks per second of `/proc/<pid>/task/<tid>/stat` (USER_HZ, 100 on every Linux Node runs on). */
const TICKS_PER_SECOND = 100;

/**
 * Milliseconds of CPU this thread has used (Linux: utime + stime of `/proc/thread-self/stat`, 10 ms steps), or
 * wall time where that is not readable. A budget counted in CPU time does not run out while the thread waits for
 * a core on a loaded machine (load average 20 on two cores gives a thread a tenth of one), so a sound
 * evaluation is not stopped for the machine's sake; a runaway one uses CPU and is stopped all the same.
 */
export function threadCpuMillis(): number {
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync('/proc/thread-self/stat', 'latin1');
      // The command name (field 2) may hold spaces; fields are counted after its closing parenthesis.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    } catch {
      // not readable here: wall time below
    }
  }
  return performance.now();
}

/** Whether an expression body needs the time guard of {@link withinFeelTimeBudget}. */
export function mayRunLong(body: string): boolean {
  return MAY_RUN_LONG.test(body);
}

/** Thrown when an evaluation ran out of time; the evaluation fails with this message. */
export class FeelTimeBudgetExceeded extends Error {
  constructor(limit: number, setting = 'ONEGO_FEEL_MAX_MILLIS') {
    super(`FEEL 求值超时：最多 ${limit} 毫秒 / Expected the expression to be evaluated within ${limit} ms (${setting}), but it takes longer`);
    this.name = 'FeelTimeBudgetExceeded';
  }
}

/** One context and script, reused: the script only calls the thunk it is given (creating contexts is costly). */
const guardContext = createContext({ run: undefined as (() => unknown) | undefined });
const guardScript = new Script('run()');

/**
 * Run `evaluate` under Node's script watchdog: after {@link feelTimeBudget} (the engine thread's or the worker
 * threads') V8 stops all JavaScript on this thread, feelin's included, and the call throws
 * {@link FeelTimeBudgetExceeded}. The engine thread is never held longer than that by one expression. A stopped evaluation runs no `finally` block inside `evaluate`, so
 * pass only code that keeps no state across calls (feelin's evaluate; the range budget is reset per call).
 */
export function withinFeelTimeBudget<T>(evaluate: () => T): T {
  const budget = feelTimeBudget();
  guardContext.run = evaluate;
  try {
    return guardScript.runInContext(guardContext, { timeout: budget.millis }) as T;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new FeelTimeBudgetExceeded(budget.millis, budget.setting);
    throw error;
  } finally {
    guardContext.run = undefined;
  }
}

/** The range budget that applies on the thread running now: the engine thread's, or the worker threads'. */
export function feelRangeBudget(): { elements: number; setting: string } {
  return isMainThread
    ? { elements: FEEL_ENGINE_MAX_RANGE_ELEMENTS, setting: 'ONEGO_FEEL_ENGINE_MAX_RANGE_ELEMENTS' }
    : { elements: FEEL_MAX_RANGE_ELEMENTS, setting: 'ONEGO_FEEL_MAX_RANGE_ELEMENTS' };
}

/** Thrown out of feelin when an evaluation exceeds its budget; the evaluation fails with this message. */
export class FeelBudgetExceeded extends Error {
  constructor(limit: number, setting = 'ONEGO_FEEL_MAX_RANGE_ELEMENTS') {
    super(`FEEL 求值超出预算：最多遍历 ${limit} 个区间元素 / Expected the expression to enumerate at most ${limit} range elements (${setting}), but it needs more`);
    this.name = 'FeelBudgetExceeded';
  }
}

/** Elements enumerated by the evaluation running now (evaluation is synchronous, so one counter suffices). */
let spent = 0;

/** Start a fresh budget for the next evaluation. */
export function resetFeelBudget(): void {
  spent = 0;
}

const rangeBudget = feelRangeBudget();

function spend(elements: number): void {
  spent += elements;
  if (spent > rangeBudget.elements) throw new FeelBudgetExceeded(rangeBudget.elements, rangeBudget.setting);
}

/** The number of elements a closed number range enumerates, or undefined if it is not one. */
function numberRangeSize(range: FeelRange & { start: unknown; end: unknown }): number | undefined {
  const { start, end } = range;
  if (typeof start !== 'number' || typeof end !== 'number') return undefined;
  return Math.floor(Math.abs(end - start)) + 1;
}

const PATCHED = Symbol.for('onego.feelin.rangeBudget');
const prototype = FeelRange.prototype as unknown as Record<symbol, boolean> & { map: (fn: (value: unknown) => unknown) => unknown[] };
if (!prototype[PATCHED]) {
  const map = prototype.map;
  // Every enumeration of a range goes through FeelRange#map (feelin's `for`, `some`/`every` and `in`
  // contexts), so charging the size before enumerating stops a huge range before it allocates anything.
  prototype.map = function mapWithinBudget(this: FeelRange & { start: unknown; end: unknown }, fn: (value: unknown) => unknown) {
    const size = numberRangeSize(this);
    if (size !== undefined) spend(size);
    return map.call(this, fn);
  };
  prototype[PATCHED] = true;
}
