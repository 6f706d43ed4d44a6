import { FeelDate, FeelDateTime, FeelDuration, FeelRange, FeelTime } from 'feelin';
import { describeValue } from './describe-value';

/**
 * feelin answers `"99" >= 100` with `false`; Camunda's FEEL answers `null` ("a value is compared to
 * another value of a different type"), which makes Zeebe raise an incident instead of silently taking
 * the other branch of a gateway. feelin routes every ordering comparison (`<`, `>=`, `[a..b]`, unary
 * `> 5`) through `FeelRange#includes`, so this one patch aligns them all. It is applied once, on import.
 */
const PATCHED = Symbol.for('onego.feelin.rangeTypeCheck');

/**
 * The NOT_COMPARABLE warnings of the evaluation running now (feel-scala reports them; the patched method
 * has no access to feelin's warning list, and evaluation is synchronous, so one list suffices).
 */
let comparisonWarnings: string[] = [];

/** Returns and clears the NOT_COMPARABLE warnings collected since the last call. */
export function takeComparisonWarnings(): string[] {
  const warnings = comparisonWarnings;
  comparisonWarnings = [];
  return warnings;
}

type RangeBounds = FeelRange & { start: unknown; end: unknown };

/**
 * The FEEL type of a value as feel-scala tells types apart when it orders them. Camunda keeps apart
 * what feelin lumps together: a local and a zoned date-time (or time) are different types, and so are a
 * days-time and a years-months duration ("Two values of the same type can be compared"), so
 * `duration("P1D") < duration("P1Y")` is null there, not true.
 */
function kindOf(value: unknown): string {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (value instanceof FeelDate) return 'date';
  if (value instanceof FeelDateTime) return value.zone === null ? 'local date-time' : 'zoned date-time';
  if (value instanceof FeelTime) return value.zone === null ? 'local time' : 'zoned time';
  if (value instanceof FeelDuration) return value.yearsMonths ? 'years-months duration' : 'days-time duration';
  return 'other';
}

/** The bound of `range` whose type `value` does not share, or undefined if it shares both bounds' types. */
function boundOfOtherKind(range: RangeBounds, value: unknown): unknown {
  const kind = kindOf(value);
  for (const bound of [range.start, range.end]) {
    if (bound === null || bound === undefined) continue;
    const boundKind = kindOf(bound);
    if (boundKind !== 'other' && boundKind !== kind) return bound;
  }
  return undefined;
}

const prototype = FeelRange.prototype as unknown as Record<symbol, boolean> & { includes: (value: unknown) => boolean | null };
if (!prototype[PATCHED]) {
  const includes = prototype.includes;
  prototype.includes = function includesSameKind(this: RangeBounds, value: unknown) {
    if (value !== null && value !== undefined && !(value instanceof FeelRange)) {
      const other = boundOfOtherKind(this, value);
      if (other !== undefined) {
        if (comparisonWarnings.length < 100) {
          comparisonWarnings.push(`[NOT_COMPARABLE] Can't compare '${describeValue(value)}' with '${describeValue(other)}'`);
        }
        return null;
      }
    }
    return includes.call(this, value);
  };
  prototype[PATCHED] = true;
}
