import { badRequest } from './problem';
import { likeMatches } from './like-pattern';

/** The body of every `POST /v2/<resource>/search`. */
export interface SearchRequest {
  filter?: Record<string, unknown>;
  sort?: { field: string; order?: string }[];
  page?: { from?: number; limit?: number; after?: string; before?: string };
}

/** The `page` of a search answer. */
export interface SearchPage {
  totalItems: number;
  hasMoreTotalItems: boolean;
  startCursor?: string;
  endCursor?: string;
}

type SortValue = string | number | undefined;

/** How to search one kind of item: which filter fields exist and how to read sortable fields. */
export interface SearchSpec<T> {
  /** What the items are called in messages, e.g. "user task". */
  noun: string;
  /** Filter field → does the item match this filter value? (the value has been type-checked by the matcher) */
  filters: Record<string, (item: T, filterValue: unknown, field: string) => boolean>;
  /** Sort field → value of the item. */
  sortFields: Record<string, (item: T) => SortValue>;
  /** The tiebreaker and default order: the item's key. */
  key: (item: T) => string;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;

function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  // Camunda sorts missing values last in ascending order.
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/** Keys are decimal strings of up to 64 bits: compare by length, then text. */
export function compareKeys(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function encodeCursor(values: SortValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64');
}

function decodeCursor(cursor: unknown, field: string, width: number): SortValue[] {
  if (typeof cursor !== 'string' || cursor === '') throw badRequest(`Expected '${field}' to be a cursor from an earlier answer, but was ${JSON.stringify(cursor)}.`);
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === width) return values.map((value) => (value === null ? undefined : (value as SortValue)));
  } catch {
    // fall through to the refusal
  }
  throw badRequest(`Expected '${field}' to be a cursor from an earlier answer with the same sort, but '${cursor}' is not one.`);
}

function readSort<T>(spec: SearchSpec<T>, sort: unknown): { read: (item: T) => SortValue; descending: boolean }[] {
  if (sort === undefined || sort === null) return [];
  if (!Array.isArray(sort)) throw badRequest(`Expected 'sort' to be an array, but was ${JSON.stringify(sort)}.`);
  return sort.map((entry: unknown, index) => {
    const { field, order } = (entry ?? {}) as { field?: unknown; order?: unknown };
    const read = typeof field === 'string' && Object.hasOwn(spec.sortFields, field) ? spec.sortFields[field] : undefined;
    if (!read) {
      throw badRequest(`Expected 'sort[${index}].field' to be one of [${Object.keys(spec.sortFields).join(', ')}], but was ${JSON.stringify(field)}.`);
    }
    const normalized = order === undefined || order === null ? 'ASC' : String(order).toUpperCase();
    if (normalized !== 'ASC' && normalized !== 'DESC') throw badRequest(`Expected 'sort[${index}].order' to be ASC or DESC, but was ${JSON.stringify(order)}.`);
    return { read, descending: normalized === 'DESC' };
  });
}

function readLimit(page: Record<string, unknown>): number {
  const limit = page.limit;
  if (limit === undefined || limit === null) return DEFAULT_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw badRequest(`Expected 'page.limit' to be an integer from 1 to ${MAX_LIMIT}, but was ${JSON.stringify(limit)}.`);
  }
  return limit;
}

/** Check the request's shape; unknown filter fields are refused with the field named. */
export function readSearchRequest(body: unknown, spec: SearchSpec<unknown>): SearchRequest {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('Expected a search request object, but the body is not one.');
  const request = body as SearchRequest;
  if (request.filter !== undefined && request.filter !== null) {
    if (typeof request.filter !== 'object' || Array.isArray(request.filter)) throw badRequest(`Expected 'filter' to be an object, but was ${JSON.stringify(request.filter)}.`);
    for (const field of Object.keys(request.filter)) {
      // own fields only: 'constructor' or '__proto__' would otherwise find Object.prototype's members
      if (!Object.hasOwn(spec.filters, field)) {
        throw badRequest(`Expected 'filter.${field}' to be one of the ${spec.noun} filters [${Object.keys(spec.filters).join(', ')}], but it is not.`);
      }
    }
  }
  if (request.page !== undefined && (typeof request.page !== 'object' || request.page === null || Array.isArray(request.page))) {
    throw badRequest(`Expected 'page' to be an object, but was ${JSON.stringify(request.page)}.`);
  }
  return request;
}

/**
 * Filter, sort and page items as Camunda's search endpoints do: offset paging (`from`, `limit`) or cursor
 * paging (`after` / `before` with the `endCursor` / `startCursor` of an earlier answer). The item key is
 * the final sort criterion, so cursors are stable while new items arrive.
 */
export function search<T>(candidates: Iterable<T>, spec: SearchSpec<T>, body: unknown, extraFilter?: (item: T) => boolean): { items: T[]; page: SearchPage } {
  const request = readSearchRequest(body, spec as SearchSpec<unknown>);
  const filterEntries = Object.entries(request.filter ?? {}).filter(([, value]) => value !== undefined && value !== null);
  const sorts = readSort(spec, request.sort);
  const sortValues = (item: T): SortValue[] => [...sorts.map((sort) => sort.read(item)), spec.key(item)];
  const compare = (a: SortValue[], b: SortValue[]): number => {
    for (let index = 0; index < sorts.length; index += 1) {
      const order = compareValues(a[index], b[index]);
      if (order !== 0) return sorts[index].descending ? -order : order;
    }
    return compareKeys(String(a[sorts.length]), String(b[sorts.length]));
  };

  const matched: { item: T; values: SortValue[] }[] = [];
  for (const item of candidates) {
    if (extraFilter && !extraFilter(item)) continue;
    if (!filterEntries.every(([field, value]) => spec.filters[field](item, value, `filter.${field}`))) continue;
    matched.push({ item, values: sortValues(item) });
  }
  matched.sort((a, b) => compare(a.values, b.values));

  const page = (request.page ?? {}) as Record<string, unknown>;
  const limit = readLimit(page);
  let window: typeof matched;
  if (page.after !== undefined) {
    const cursor = decodeCursor(page.after, 'page.after', sorts.length + 1);
    window = matched.filter((entry) => compare(entry.values, cursor) > 0).slice(0, limit);
  } else if (page.before !== undefined) {
    const cursor = decodeCursor(page.before, 'page.before', sorts.length + 1);
    const earlier = matched.filter((entry) => compare(entry.values, cursor) < 0);
    window = earlier.slice(Math.max(0, earlier.length - limit));
  } else {
    const from = page.from ?? 0;
    if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) throw badRequest(`Expected 'page.from' to be a non-negative integer, but was ${JSON.stringify(from)}.`);
    window = matched.slice(from, from + limit);
  }
  const result: SearchPage = { totalItems: matched.length, hasMoreTotalItems: false };
  if (window.length > 0) {
    result.startCursor = encodeCursor(window[0].values);
    result.endCursor = encodeCursor(window[window.length - 1].values);
  }
  return { items: window.map((entry) => entry.item), page: result };
}

// ----- filter properties (Camunda's `$eq`, `$neq`, `$exists`, `$in`, `$notIn`, `$like`, `$gt` …) -----

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const STRING_OPERATORS = new Set(['$eq', '$neq', '$exists', '$in', '$notIn', '$like']);

/** Does a string (or absent) value match a string filter property? Also used for keys and enums. */
export function matchesString(actual: string | undefined, filter: unknown, field: string): boolean {
  if (typeof filter === 'string' || typeof filter === 'number') return actual === String(filter);
  if (!isOperatorObject(filter)) throw badRequest(`Expected '${field}' to be a string or an operator object, but was ${JSON.stringify(filter)}.`);
  for (const [operator, operand] of Object.entries(filter)) {
    if (!STRING_OPERATORS.has(operator)) throw badRequest(`Expected '${field}' to use only the operators [${[...STRING_OPERATORS].join(', ')}], but it uses '${operator}'.`);
    switch (operator) {
      case '$eq':
        if (actual !== String(operand)) return false;
        break;
      case '$neq':
        if (actual === String(operand)) return false;
        break;
      case '$exists':
        if ((actual !== undefined) !== Boolean(operand)) return false;
        break;
      case '$in':
      case '$notIn': {
        if (!Array.isArray(operand)) throw badRequest(`Expected '${field}.${operator}' to be an array, but was ${JSON.stringify(operand)}.`);
        const found = actual !== undefined && operand.map(String).includes(actual);
        if (operator === '$in' ? !found : found) return false;
        break;
      }
      case '$like':
        if (typeof operand !== 'string') throw badRequest(`Expected '${field}.$like' to be a string, but was ${JSON.stringify(operand)}.`);
        if (actual === undefined || !likeMatches(operand, actual)) return false;
        break;
    }
  }
  return true;
}

/** A list field (candidate groups) matches when any of its entries matches. */
export function matchesAnyString(actual: readonly string[], filter: unknown, field: string): boolean {
  if (isOperatorObject(filter) && ('$neq' in filter || '$notIn' in filter)) {
    return actual.every((entry) => matchesString(entry, filter, field));
  }
  if (isOperatorObject(filter) && '$exists' in filter) return (actual.length > 0) === Boolean(filter.$exists);
  return actual.some((entry) => matchesString(entry, filter, field));
}

const ORDER_OPERATORS = new Set(['$eq', '$neq', '$exists', '$gt', '$gte', '$lt', '$lte', '$in']);

function matchesOrdered(actual: number | undefined, filter: unknown, field: string, parse: (raw: unknown, where: string) => number): boolean {
  if (!isOperatorObject(filter)) return actual === parse(filter, field);
  for (const [operator, operand] of Object.entries(filter)) {
    if (!ORDER_OPERATORS.has(operator)) throw badRequest(`Expected '${field}' to use only the operators [${[...ORDER_OPERATORS].join(', ')}], but it uses '${operator}'.`);
    const where = `${field}.${operator}`;
    if (operator === '$exists') {
      if ((actual !== undefined) !== Boolean(operand)) return false;
      continue;
    }
    if (operator === '$in') {
      if (!Array.isArray(operand)) throw badRequest(`Expected '${where}' to be an array, but was ${JSON.stringify(operand)}.`);
      if (actual === undefined || !operand.map((item) => parse(item, where)).includes(actual)) return false;
      continue;
    }
    const bound = parse(operand, where);
    if (operator === '$neq') {
      if (actual === bound) return false;
      continue;
    }
    if (actual === undefined) return false;
    if (operator === '$eq' && actual !== bound) return false;
    if (operator === '$gt' && !(actual > bound)) return false;
    if (operator === '$gte' && !(actual >= bound)) return false;
    if (operator === '$lt' && !(actual < bound)) return false;
    if (operator === '$lte' && !(actual <= bound)) return false;
  }
  return true;
}

function parseDate(raw: unknown, where: string): number {
  const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) throw badRequest(`Expected '${where}' to be an ISO-8601 date-time, but was ${JSON.stringify(raw)}.`);
  return ms;
}

function parseInteger(raw: unknown, where: string): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw)) throw badRequest(`Expected '${where}' to be an integer, but was ${JSON.stringify(raw)}.`);
  return raw;
}

/** Does an ISO date (or absent) match a date-time filter property (exact value or `$gt`/`$lt`… range)? */
export function matchesDate(actual: string | undefined, filter: unknown, field: string): boolean {
  return matchesOrdered(actual === undefined ? undefined : Date.parse(actual), filter, field, parseDate);
}

/** Does an integer match an integer filter property? */
export function matchesInteger(actual: number | undefined, filter: unknown, field: string): boolean {
  return matchesOrdered(actual, filter, field, parseInteger);
}

/** A filter field for a string-valued property. */
export function stringFilter<T>(read: (item: T) => string | undefined) {
  return (item: T, value: unknown, field: string) => matchesString(read(item), value, field);
}

/** A filter field for a date-valued property. */
export function dateFilter<T>(read: (item: T) => string | undefined) {
  return (item: T, value: unknown, field: string) => matchesDate(read(item), value, field);
}

/** A filter field for an integer-valued property. */
export function integerFilter<T>(read: (item: T) => number | undefined) {
  return (item: T, value: unknown, field: string) => matchesInteger(read(item), value, field);
}
