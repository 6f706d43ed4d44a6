/**
 * Camunda's search request (filter, sort, page) translated to SQL over the history store: the same filter
 * operators and messages as the REST layer's in-memory search (`$eq`, `$neq`, `$exists`, `$in`, `$notIn`,
 * `$like` with `*` / `?` wildcards, `$gt`…), offset paging (`from`, `limit`) and keyset cursors
 * (`after` / `before`), with `totalItems` counted by the database up to {@link MAX_TOTAL_ITEMS} (beyond it
 * `hasMoreTotalItems` says the count is a lower bound, as Camunda's secondary storage answers). Values are
 * always bound, never spliced in.
 */
import type Database from 'better-sqlite3';
import { badRequest } from '../gateway/rest/problem';

/** How a column compares: text, or a number (keys, dates as epoch ms, integers, booleans as 0/1). */
export type ColumnKind = 'string' | 'key' | 'date' | 'integer' | 'boolean';

/** A filterable / sortable field: an SQL expression over the spec's `from`, and its kind. */
export interface SqlField {
  sql: string;
  kind: ColumnKind;
  /**
   * The column is never NULL: it sorts by itself instead of through COALESCE, so an index on it can
   * give the order (a sort by a nullable field must place the missing values and cannot).
   */
  notNull?: boolean;
}

/** A filter the generic operators do not cover: returns an SQL condition and pushes its parameters. */
export type CustomFilter = (value: unknown, field: string, params: unknown[]) => string | undefined;

export interface SqlSearchSpec<T> {
  noun: string;
  /** FROM clause (a table, maybe with an alias). */
  from: string;
  /**
   * A condition every row must meet to be an item at all: rows history keeps for its own readers that
   * Camunda's exporter never writes (e.g. the process-level element instance) stay out of searches and gets.
   */
  scope?: string;
  /** SELECT list producing the columns `toItem` reads. */
  select: string;
  filters: Record<string, SqlField | CustomFilter>;
  sortFields: Record<string, SqlField>;
  /** The item key column: the final sort criterion and default order. */
  key: string;
  toItem(row: Record<string, unknown>): T;
}

export interface SqlSearchPage {
  totalItems: number;
  hasMoreTotalItems: boolean;
  startCursor?: string;
  endCursor?: string;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;
/**
 * The most matches a search counts, as Camunda's secondary storage bounds `totalItems` (10,000 by default,
 * Elasticsearch's `track_total_hits` and the RDBMS reader's `maxTotalHits`): past it the answer says
 * `totalItems: 10000, hasMoreTotalItems: true`. Counting every match of a broad filter (half a million
 * finished instances of one definition) would cost more than the page itself.
 */
export const MAX_TOTAL_ITEMS = 10_000;
/** Missing values sort after everything ascending (and first descending), as Camunda sorts them. */
const MAX_TEXT = "char(1114111)";
const MAX_NUMBER = '9007199254740991';

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Camunda's `$like` (`*` any run, `?` one character, `\` escapes) as an SQLite GLOB pattern (case-sensitive). */
export function likeToGlob(pattern: string): string {
  let glob = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index];
    if (char === '\\' && index + 1 < pattern.length) {
      glob += literalGlob(pattern[index + 1]);
      index += 1;
    } else if (char === '*' || char === '?') glob += char;
    else glob += literalGlob(char);
  }
  return glob;
}

function literalGlob(char: string): string {
  return char === '*' || char === '?' || char === '[' ? `[${char}]` : char;
}

const STRING_OPERATORS = new Set(['$eq', '$neq', '$exists', '$in', '$notIn', '$like']);
const ORDER_OPERATORS = new Set(['$eq', '$neq', '$exists', '$gt', '$gte', '$lt', '$lte', '$in']);
const COMPARISON: Record<string, string> = { $eq: '=', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

function parseOperand(kind: ColumnKind, raw: unknown, where: string): unknown {
  if (kind === 'date') {
    const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
    if (Number.isNaN(ms)) throw badRequest(`Expected '${where}' to be an ISO-8601 date-time, but was ${JSON.stringify(raw)}.`);
    return ms;
  }
  if (kind === 'integer') {
    if (typeof raw !== 'number' || !Number.isInteger(raw)) throw badRequest(`Expected '${where}' to be an integer, but was ${JSON.stringify(raw)}.`);
    return raw;
  }
  return String(raw);
}

/** One filter property as an SQL condition (parameters pushed onto `params`). */
export function filterCondition(column: SqlField, filter: unknown, field: string, params: unknown[]): string {
  const { sql, kind } = column;
  if (kind === 'boolean') {
    if (typeof filter !== 'boolean') throw badRequest(`Expected '${field}' to be a boolean, but was ${JSON.stringify(filter)}.`);
    return `${sql} = ${filter ? 1 : 0}`;
  }
  const ordered = kind === 'date' || kind === 'integer';
  if (!isOperatorObject(filter)) {
    if (!ordered && typeof filter !== 'string' && typeof filter !== 'number') {
      throw badRequest(`Expected '${field}' to be a string or an operator object, but was ${JSON.stringify(filter)}.`);
    }
    params.push(parseOperand(kind, filter, field));
    return `${sql} = ?`;
  }
  const allowed = ordered ? ORDER_OPERATORS : STRING_OPERATORS;
  const conditions: string[] = [];
  for (const [operator, operand] of Object.entries(filter)) {
    if (!allowed.has(operator)) throw badRequest(`Expected '${field}' to use only the operators [${[...allowed].join(', ')}], but it uses '${operator}'.`);
    const where = `${field}.${operator}`;
    switch (operator) {
      case '$exists':
        conditions.push(`${sql} IS ${operand ? 'NOT ' : ''}NULL`);
        break;
      case '$neq':
        params.push(parseOperand(kind, operand, where));
        conditions.push(`(${sql} IS NULL OR ${sql} <> ?)`);
        break;
      case '$in':
      case '$notIn': {
        if (!Array.isArray(operand)) throw badRequest(`Expected '${where}' to be an array, but was ${JSON.stringify(operand)}.`);
        if (operand.length === 0) {
          conditions.push(operator === '$in' ? '0' : '1');
          break;
        }
        for (const item of operand) params.push(parseOperand(kind, item, where));
        const list = operand.map(() => '?').join(', ');
        conditions.push(operator === '$in' ? `${sql} IN (${list})` : `(${sql} IS NULL OR ${sql} NOT IN (${list}))`);
        break;
      }
      case '$like':
        if (typeof operand !== 'string') throw badRequest(`Expected '${where}' to be a string, but was ${JSON.stringify(operand)}.`);
        params.push(likeToGlob(operand));
        conditions.push(`CAST(${sql} AS TEXT) GLOB ?`);
        break;
      default:
        params.push(parseOperand(kind, operand, where));
        conditions.push(`${sql} ${COMPARISON[operator]} ?`);
    }
  }
  return conditions.length === 0 ? '1' : conditions.join(' AND ');
}

/** A request's `filter` object as SQL conditions (ANDed by the caller); unknown fields are refused by name. */
export function filterConditions(
  noun: string,
  filters: Record<string, SqlField | CustomFilter>,
  filter: unknown,
  where: string,
  params: unknown[],
): string[] {
  if (filter === undefined || filter === null) return [];
  if (!isOperatorObject(filter)) throw badRequest(`Expected '${where}' to be an object, but was ${JSON.stringify(filter)}.`);
  const conditions: string[] = [];
  for (const [field, value] of Object.entries(filter)) {
    const known = filters[field];
    if (!known) throw badRequest(`Expected '${where}.${field}' to be one of the ${noun} filters [${Object.keys(filters).join(', ')}], but it is not.`);
    if (value === undefined || value === null) continue;
    const condition = typeof known === 'function' ? known(value, `${where}.${field}`, params) : filterCondition(known, value, `${where}.${field}`, params);
    if (condition) conditions.push(condition);
  }
  return conditions;
}

function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64');
}

function decodeCursor(cursor: unknown, field: string, width: number): string[] {
  if (typeof cursor !== 'string' || cursor === '') throw badRequest(`Expected '${field}' to be a cursor from an earlier answer, but was ${JSON.stringify(cursor)}.`);
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === width && values.every((value) => typeof value === 'string')) return values as string[];
  } catch {
    // fall through to the refusal
  }
  throw badRequest(`Expected '${field}' to be a cursor from an earlier answer with the same sort, but '${cursor}' is not one.`);
}

interface SortTerm {
  expression: string;
  numeric: boolean;
  descending: boolean;
}

function readSorts<T>(spec: SqlSearchSpec<T>, sort: unknown): SortTerm[] {
  const terms: SortTerm[] = [];
  if (sort !== undefined && sort !== null) {
    if (!Array.isArray(sort)) throw badRequest(`Expected 'sort' to be an array, but was ${JSON.stringify(sort)}.`);
    sort.forEach((entry: unknown, index) => {
      const { field, order } = (entry ?? {}) as { field?: unknown; order?: unknown };
      const column = typeof field === 'string' ? spec.sortFields[field] : undefined;
      if (!column) throw badRequest(`Expected 'sort[${index}].field' to be one of [${Object.keys(spec.sortFields).join(', ')}], but was ${JSON.stringify(field)}.`);
      const normalized = order === undefined || order === null ? 'ASC' : String(order).toUpperCase();
      if (normalized !== 'ASC' && normalized !== 'DESC') throw badRequest(`Expected 'sort[${index}].order' to be ASC or DESC, but was ${JSON.stringify(order)}.`);
      const numeric = column.kind !== 'string';
      const expression = column.notNull ? column.sql : `COALESCE(${column.sql}, ${numeric ? MAX_NUMBER : MAX_TEXT})`;
      terms.push({ expression, numeric, descending: normalized === 'DESC' });
    });
  }
  terms.push({ expression: spec.key, numeric: true, descending: false });
  return terms;
}

/** `(t1, t2, …) after/before cursor` in the terms' own directions, as nested ORs (bound values, exact integers). */
function keysetCondition(terms: SortTerm[], cursor: string[], forward: boolean, params: unknown[]): string {
  // The first term's bound once more, on its own: an OR hides it from the planner, which then cannot start
  // the index range at the cursor and reads every row before it.
  const first = terms[0];
  params.push(cursor[0]);
  const bound = `${first.expression} ${(first.descending ? !forward : forward) ? '>=' : '<='} ${first.numeric ? 'CAST(? AS INTEGER)' : '?'}`;
  const parts: string[] = [];
  for (let index = 0; index < terms.length; index += 1) {
    const equal: string[] = [];
    for (let before = 0; before < index; before += 1) {
      params.push(cursor[before]);
      equal.push(`${terms[before].expression} = ${terms[before].numeric ? 'CAST(? AS INTEGER)' : '?'}`);
    }
    const term = terms[index];
    const greater = term.descending ? !forward : forward;
    params.push(cursor[index]);
    equal.push(`${term.expression} ${greater ? '>' : '<'} ${term.numeric ? 'CAST(? AS INTEGER)' : '?'}`);
    parts.push(`(${equal.join(' AND ')})`);
  }
  return `(${bound} AND (${parts.join(' OR ')}))`;
}

function readLimit(page: Record<string, unknown>): number {
  const limit = page.limit;
  if (limit === undefined || limit === null) return DEFAULT_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw badRequest(`Expected 'page.limit' to be an integer from 1 to ${MAX_LIMIT}, but was ${JSON.stringify(limit)}.`);
  }
  return limit;
}

/**
 * Runs one search. `extra` adds conditions the route decides (authorization scopes, variable filters).
 * The item key is the final sort criterion, so cursors stay stable while new items arrive.
 */
export function sqlSearch<T>(
  db: Database.Database,
  spec: SqlSearchSpec<T>,
  body: unknown,
  extra: { conditions: string[]; params: unknown[] } = { conditions: [], params: [] },
): { items: T[]; page: SqlSearchPage } {
  if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) throw badRequest('Expected a search request object, but the body is not one.');
  const request = (body ?? {}) as { filter?: unknown; sort?: unknown; page?: unknown };
  const conditions = spec.scope ? [spec.scope, ...extra.conditions] : [...extra.conditions];
  const params = [...extra.params];
  conditions.push(...filterConditions(spec.noun, spec.filters, request.filter, 'filter', params));
  if (request.page !== undefined && !isOperatorObject(request.page)) throw badRequest(`Expected 'page' to be an object, but was ${JSON.stringify(request.page)}.`);
  const page = (request.page ?? {}) as Record<string, unknown>;
  const limit = readLimit(page);
  const terms = readSorts(spec, request.sort);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  // One more than the cap is enough to know the count is capped.
  const counted = (db.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${spec.from} ${where} LIMIT ${MAX_TOTAL_ITEMS + 1})`).get(...params) as { n: number }).n;

  let windowConditions = where;
  const windowParams = [...params];
  let backwards = false;
  let offset = 0;
  if (page.after !== undefined || page.before !== undefined) {
    backwards = page.after === undefined;
    const cursor = decodeCursor(backwards ? page.before : page.after, backwards ? 'page.before' : 'page.after', terms.length);
    const keyset = keysetCondition(terms, cursor, !backwards, windowParams);
    windowConditions = where ? `${where} AND ${keyset}` : `WHERE ${keyset}`;
  } else if (page.from !== undefined) {
    const from = page.from;
    if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) throw badRequest(`Expected 'page.from' to be a non-negative integer, but was ${JSON.stringify(from)}.`);
    offset = from;
  }
  const order = terms.map((term) => `${term.expression} ${term.descending !== backwards ? 'DESC' : 'ASC'}`).join(', ');
  const cursorColumns = terms.map((term, index) => `CAST(${term.expression} AS TEXT) AS _cursor${index}`).join(', ');
  const rows = db
    .prepare(`SELECT ${spec.select}, ${cursorColumns} FROM ${spec.from} ${windowConditions} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...windowParams, limit, offset) as Record<string, unknown>[];
  if (backwards) rows.reverse();
  const cursorOf = (row: Record<string, unknown>) => encodeCursor(terms.map((_, index) => row[`_cursor${index}`]));
  const result: SqlSearchPage = { totalItems: Math.min(counted, MAX_TOTAL_ITEMS), hasMoreTotalItems: counted > MAX_TOTAL_ITEMS };
  if (rows.length > 0) {
    result.startCursor = cursorOf(rows[0]);
    result.endCursor = cursorOf(rows[rows.length - 1]);
  }
  return { items: rows.map((row) => spec.toItem(row)), page: result };
}

/** One item by key (a `GET /v2/<resource>/{key}`), or undefined. */
export function sqlGet<T>(db: Database.Database, spec: SqlSearchSpec<T>, key: string): T | undefined {
  const scope = spec.scope ? ` AND ${spec.scope}` : '';
  const row = db.prepare(`SELECT ${spec.select} FROM ${spec.from} WHERE ${spec.key} = ?${scope}`).get(key) as Record<string, unknown> | undefined;
  return row ? spec.toItem(row) : undefined;
}
