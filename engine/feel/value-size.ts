/**
 * The size of a FEEL value in steps of the call budget (issue 13), for the built-ins that go through all of
 * it: `to json`, `string`, `string join`, `distinct values`, `context merge` and the like. One step per list
 * item and context entry at every level, and one per 100 characters of its strings, so `to json` of a context
 * of 100,000 entries costs what a loop over 100,000 items does.
 */

/**
 * Sizes of values measured before: a value passed to many calls is walked once. A walk cut short at its limit
 * is kept as a lower bound: enumerating a context's keys costs V8 all of them at once (~65 ms for 200,000 on
 * the loaded development machine), so a huge variable read by every evaluation is enumerated only once.
 */
const measured = new WeakMap<object, { steps: number; complete: boolean }>();

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
          for (const key in next) {
            items += 1;
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
