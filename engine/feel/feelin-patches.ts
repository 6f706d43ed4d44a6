import { FeelDate, FeelDateTime, FeelDuration, FeelRange, FeelTime } from 'feelin';

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

function show(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (value !== null && typeof value === 'object' && 'iso' in value) return String((value as { iso: string }).iso);
  return String(value);
}

type RangeWithType = FeelRange & { valueType: string | null };

function kindOf(value: unknown): string {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (value instanceof FeelDate || value instanceof FeelDateTime || value instanceof FeelTime) return 'temporal';
  if (value instanceof FeelDuration) return 'duration';
  return 'other';
}

const RANGE_KINDS: Record<string, string> = {
  number: 'number',
  string: 'string',
  date: 'temporal',
  'date time': 'temporal',
  time: 'temporal',
  duration: 'duration',
};

const prototype = FeelRange.prototype as unknown as Record<symbol, boolean> & { includes: (value: unknown) => boolean | null };
if (!prototype[PATCHED]) {
  const includes = prototype.includes;
  prototype.includes = function includesSameKind(this: RangeWithType, value: unknown) {
    const rangeKind = this.valueType === null ? undefined : RANGE_KINDS[this.valueType];
    if (rangeKind && value !== null && value !== undefined && !(value instanceof FeelRange) && kindOf(value) !== rangeKind) {
      if (comparisonWarnings.length < 100) {
        comparisonWarnings.push(`[NOT_COMPARABLE] Can't compare '${show(value)}' with '${show(this.start ?? this.end)}'`);
      }
      return null;
    }
    return includes.call(this, value);
  };
  prototype[PATCHED] = true;
}
