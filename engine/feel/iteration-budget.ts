import { FeelFunction } from 'feelin';
import { SyntaxRewrite, type FeelSyntaxNode as SyntaxNode } from './syntax-rewrite';
import { isMainThread } from 'node:worker_threads';
import { readLimit } from './evaluation-budget';

/**
 * How many list items one FEEL evaluation may iterate over off the engine thread (`for x in l`, `some`/`every x
 * in l`, filters `l[item > 3]`; nested loops counted together: `for x in l, y in l` over 1,000 items counts
 * 1,001,000). `ONEGO_FEEL_MAX_ITERATIONS`, default 100,000, like the range elements there.
 */
export const FEEL_MAX_ITERATIONS = readLimit('ONEGO_FEEL_MAX_ITERATIONS', 100_000);

/**
 * The same count on the engine thread (`ONEGO_FEEL_ENGINE_MAX_ITERATIONS`, default 10,000, like its range
 * elements). Ranges have their own count (`ONEGO_FEEL_ENGINE_MAX_RANGE_ELEMENTS`); this one bounds loops over
 * lists, which were bounded only by the 200 ms time budget (issue 13). feelin spends about 4 µs per item of a
 * simple loop on a quiet machine (much more on a loaded one), so the default stops a runaway loop at about
 * 40 ms, well before the time budget, and by count: the same expression over the same data fails the same way on
 * every machine and on replay. Sound models loop over lists of a few dozen items.
 */
export const FEEL_ENGINE_MAX_ITERATIONS = readLimit('ONEGO_FEEL_ENGINE_MAX_ITERATIONS', 10_000);

/** The iteration budget of the thread running now. */
function iterationBudget(): { items: number; setting: string } {
  return isMainThread
    ? { items: FEEL_ENGINE_MAX_ITERATIONS, setting: 'ONEGO_FEEL_ENGINE_MAX_ITERATIONS' }
    : { items: FEEL_MAX_ITERATIONS, setting: 'ONEGO_FEEL_MAX_ITERATIONS' };
}

/** Thrown out of feelin when an evaluation iterates over more list items than its budget allows. */
export class FeelIterationBudgetExceeded extends Error {
  constructor(limit: number, setting: string) {
    super(
      `FEEL 求值超出预算：最多遍历 ${limit} 个列表元素（循环、过滤、自定义函数调用、内置函数处理的列表元素和字符串都计入） / ` +
        `Expected the expression to iterate over at most ${limit} list items (${setting}), but it needs more (loops, filters, calls of functions it defines, and the lists and strings built-in functions go through all count)`,
    );
    this.name = 'FeelIterationBudgetExceeded';
  }
}

const budget = iterationBudget();
/** Items iterated by the evaluation running now (evaluation is synchronous, so one counter suffices). */
let spent = 0;

/** Start a fresh iteration count for the next evaluation. */
export function resetIterationBudget(): void {
  spent = 0;
}

/**
 * Charge `steps` to the evaluation running now, throwing {@link FeelIterationBudgetExceeded} past the budget:
 * the loops' items here, function calls and built-ins' work in `call-budget.ts`.
 */
export function chargeIterations(steps: number): void {
  spent += steps;
  if (spent > budget.items) throw new FeelIterationBudgetExceeded(budget.items, budget.setting);
}

/** Steps the evaluation running now may still take before {@link chargeIterations} throws. */
export function iterationsLeft(): number {
  return Math.max(0, budget.items - spent);
}

const ITERATE = '__onego_iterate';

/** The hidden function the rewrite wraps around every iterated list: charges its length, returns it unchanged. */
export const iterationFunctions: Record<string, FeelFunction> = {
  [ITERATE]: new FeelFunction(
    (list: unknown) => {
      if (Array.isArray(list)) chargeIterations(list.length);
      return list;
    },
    ['list'],
  ),
};

const rewrites = new SyntaxRewrite((node, source) => rewrite(node, source));

/** Filters that test each item (`l[item > 3]`), as opposed to an index (`l[2]`), which costs nothing per item. */
const ITEM_TESTS = new Set(['Comparison', 'Conjunction', 'Disjunction', 'QuantifiedExpression', 'InstanceOfExpression']);

/**
 * `source` with every iterated list wrapped in a call of {@link iterationFunctions}, so feelin's loops are
 * counted (feelin iterates inside its interpreter, with no hook): `for x in l return x` becomes
 * `for x in __onego_iterate(l) return x`. Ranges (`1..n`) are left alone, as they are counted where feelin
 * enumerates them. `source` itself when it has no loop or filter. `context` must be the evaluation context (the
 * parse depends on its names); each distinct parse is rewritten once.
 */
export function withIterationBudget(source: string, context: Record<string, unknown>): string {
  if (!/\b(for|some|every)\b|\[/.test(source)) return source;
  return rewrites.apply(source, context);
}

function rewrite(node: SyntaxNode, source: string): string {
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
  if (node.name === 'IterationContext' && children.length === 1) {
    return `${ITERATE}(${rewrite(children[0], source)})`;
  }
  if (node.name === 'FilterExpression' && children.length >= 2) {
    const test = children.find((child, index) => index > 0 && ITEM_TESTS.has(child.name));
    if (test) {
      const target = children[0];
      return `${ITERATE}(${rewrite(target, source)})${rewriteRange(node, children.slice(1), source, target.to)}`;
    }
  }
  return rewriteRange(node, children, source, node.from);
}

/** The text of `node` from `from` on, with `children` rewritten in place. */
function rewriteRange(node: SyntaxNode, children: SyntaxNode[], source: string, from: number): string {
  let text = '';
  let position = from;
  for (const child of children) {
    text += source.slice(position, child.from) + rewrite(child, source);
    position = child.to;
  }
  return text + source.slice(position, node.to);
}
