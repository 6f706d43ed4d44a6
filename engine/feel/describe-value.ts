import { FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';

/**
 * A FEEL value as feel-scala prints it inside a warning (`Can't compare '"99"' with '100'`): strings in
 * double quotes, temporal values in their ISO form, lists and contexts in FEEL literal syntax.
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `"${value}"`;
  if (value instanceof FeelDate || value instanceof FeelDateTime || value instanceof FeelTime || value instanceof FeelDuration) {
    return value.iso;
  }
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value as Record<string, unknown>).map(([key, entry]) => `${key}:${describeValue(entry)}`);
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}
