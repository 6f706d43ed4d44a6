/**
 * The size of a FEEL value in steps of the call budget (issue 13), for the built-ins that go through all of
 * it: `to json`, `string`, `string join`, `distinct values`, `context merge` and the like. One step per list
 * item and context entry at every level (four per entry of a context past its thousandth), and one per 100
 * characters of its strings, so `to json` of a list of 100,000 items costs what a loop over them does.
 */

/**
 * Sizes of values measured before: a value passed to many calls is walked once. A walk cut short at its limit
 * is kept as a lower bound: enumerating a context's keys costs V8 all of them at once (~65 ms for 200,000 on
 * the loaded development machine), so a huge variable read by every evaluation is enumerated only once.
 */
const measured = new WeakMap<object, { steps: number; complete: boolean }>();

/** Entries after which a context's further entries cost {@link LARGE_CONTEXT_ENTRY_STEPS} each. */
const LARGE_CONTEXT = 1_000;
/**
 * Steps per entry of a large context: feelin copied a context of 100,000 entries in 520–610 ms (5–6 µs an entry,
 * V8 keeps such objects as dictionaries) against 0.5–1.7 µs per item of a list or entry of a small context.
 */
const LARGE_CONTEXT_ENTRY_STEPS = 4;

/** Whether `value` is a list or a context (plain object) whose contents a built-in goes through. */
function isContainer(value: unknown): value is object {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  // dates, durations, ranges and functions are class instances: one step, their fields are not walked
  return prototype === Object.prototype || prototype === null;
}

/**
 * Steps `value` costs: its list items and context entries at every depth, plus one per `charsPerStep`
 * characters of all its strings (counted together, so many short strings count too). The walk stops as soon
 * as the count passes `limit` (the steps the evaluation has left) and returns what it counted, so measuring a
 * value of millions of entries costs no more than the budget it is about to exceed.
 */
export function valueSteps(value: unknown, charsPerStep: number, limit: number): number {
  if (typeof value === 'string') return Math.floor(value.length / charsPerStep);
  if (!isContainer(value)) return 0;
  const known = measured.get(value);
  if (known !== undefined && (known.complete || known.steps > limit)) return known.steps;
  const steps = walk(value, charsPerStep, limit);
  measured.set(value, { steps, complete: steps <= limit });
  return steps;
}

function walk(value: object, charsPerStep: number, limit: number): number {
  let items = 0;
  let chars = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      chars += next.length;
    } else if (isContainer(next)) {
      const cached = next === value ? undefined : measured.get(next);
      if (cached?.complete) {
        items += cached.steps;
      } else {
        // checked before going through the children, so a list or context of millions stops here
        if (Array.isArray(next)) {
          items += next.length;
          if (items > limit) return items;
          for (const child of next) if (typeof child === 'string' || typeof child === 'object') pending.push(child);
        } else {
          let keys = 0;
          for (const key in next) {
            // a context of more than a thousand entries is a dictionary to V8: each entry costs several times more
            items += ++keys > LARGE_CONTEXT ? LARGE_CONTEXT_ENTRY_STEPS : 1;
            if (items > limit) return items;
            const child = (next as Record<string, unknown>)[key];
            if (typeof child === 'string' || typeof child === 'object') pending.push(child);
          }
        }
      }
    }
    if (items + chars / charsPerStep > limit) return items + Math.ceil(chars / charsPerStep);
  }
  return items + Math.floor(chars / charsPerStep);
}
