import { FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';

/**
 * Checks a decision's result against its variable's typeRef, as dmn-scala's TypeChecker does: null always
 * passes, the FEEL base types are enforced (with or without a `feel:` prefix) and any other typeRef (`Any`,
 * item definitions) is not checked. Returns the failure message, or undefined if the result fits.
 */
export function resultTypeFailure(value: unknown, typeRef: string | undefined): string | undefined {
  if (!typeRef || value === null || value === undefined) return undefined;
  const type = typeRef.replace(/^feel:/, '');
  const fits = CHECKS[type];
  if (!fits || fits(value)) return undefined;
  return `expected '${type}' but found '${describe(value)}'`;
}

const CHECKS: Record<string, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number',
  boolean: (value) => typeof value === 'boolean',
  time: (value) => value instanceof FeelTime,
  date: (value) => value instanceof FeelDate,
  dateTime: (value) => value instanceof FeelDateTime,
  dayTimeDuration: (value) => value instanceof FeelDuration && !value.yearsMonths,
  yearMonthDuration: (value) => value instanceof FeelDuration && value.yearsMonths,
};

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'object' && value !== null && 'iso' in value) return String((value as { iso: string }).iso);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
