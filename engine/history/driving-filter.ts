/**
 * A filter that can drive a search: for some values it names, as its own FROM item, the keys of the matching
 * rows in ascending key order straight out of an index, so a search sorted by key alone reads that index up
 * to the page's end and looks each row up, instead of building the list of every match first and then
 * walking the table (SQLite builds `key IN (SELECT …)` into a temporary b-tree on every query). The user-task
 * search by candidate group is the case: 25,000 open tasks of a department were listed on every request.
 */

/**
 * Returns an SQL FROM item (a parenthesised SELECT) yielding one column `driven_key`, ascending and without
 * duplicates, with its parameters pushed onto `params`; or undefined when this value cannot drive (the
 * filter then applies as an ordinary condition).
 */
export type DrivingFilter = (value: unknown, params: unknown[]) => string | undefined;

/** The FROM item's alias; its one column is `driver.driven_key`. */
export const DRIVER_ALIAS = 'driver';
/** The driven key as the search's SQL reads it. */
export const DRIVEN_KEY = `${DRIVER_ALIAS}.driven_key`;

/**
 * The one value an exact-match filter names: a plain string, `{ $eq: s }`, or `{ $in: [s] }` (Tasklist asks
 * for one department so). Anything else (several values, other operators) drives nothing: several values
 * could name the same row twice and would not come out in key order.
 */
export function singleValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length !== 1) return undefined;
  const [operator, operand] = entries[0];
  if (operator === '$eq' && typeof operand === 'string') return operand;
  if (operator === '$in' && Array.isArray(operand) && operand.length === 1 && typeof operand[0] === 'string') return operand[0];
  return undefined;
}

/** The first filter field of the request that drives the search, with its FROM item and parameters. */
export function drivingSource(
  drivers: Record<string, DrivingFilter> | undefined,
  filter: unknown,
): { field: string; source: string; params: unknown[] } | undefined {
  if (!drivers || typeof filter !== 'object' || filter === null || Array.isArray(filter)) return undefined;
  for (const [field, value] of Object.entries(filter)) {
    const driver = drivers[field];
    if (!driver || value === undefined || value === null) continue;
    const params: unknown[] = [];
    const source = driver(value, params);
    if (source) return { field, source, params };
  }
  return undefined;
}
