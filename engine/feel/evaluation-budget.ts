import { FeelRange } from 'feelin';

/**
 * How many range elements one FEEL evaluation may enumerate (`for x in 1..n`, `some x in 1..n`, nested
 * loops counted together). feelin is a tree-walking interpreter that builds a context object per element,
 * about 4 µs each, so the default of 100,000 keeps one evaluation well under a second; without it
 * `count(for x in 1..3e7 return x)` held the engine thread for 50 s and 4.6 GB (issue 13). The count is
 * of elements, not of milliseconds, so the outcome is the same on replay. Set `ONEGO_FEEL_MAX_RANGE_ELEMENTS`.
 */
export const FEEL_MAX_RANGE_ELEMENTS = readLimit(process.env.ONEGO_FEEL_MAX_RANGE_ELEMENTS, 100_000);

function readLimit(text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`Expected ONEGO_FEEL_MAX_RANGE_ELEMENTS to be a positive integer, but it is '${text}'`);
  }
  return value;
}

/** Thrown out of feelin when an evaluation exceeds its budget; the evaluation fails with this message. */
export class FeelBudgetExceeded extends Error {
  constructor(limit: number) {
    super(`FEEL 求值超出预算：最多遍历 ${limit} 个区间元素 / Expected the expression to enumerate at most ${limit} range elements (ONEGO_FEEL_MAX_RANGE_ELEMENTS), but it needs more`);
    this.name = 'FeelBudgetExceeded';
  }
}

/** Elements enumerated by the evaluation running now (evaluation is synchronous, so one counter suffices). */
let spent = 0;

/** Start a fresh budget for the next evaluation. */
export function resetFeelBudget(): void {
  spent = 0;
}

function spend(elements: number): void {
  spent += elements;
  if (spent > FEEL_MAX_RANGE_ELEMENTS) throw new FeelBudgetExceeded(FEEL_MAX_RANGE_ELEMENTS);
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
