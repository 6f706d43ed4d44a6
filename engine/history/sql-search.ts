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
import { DRIVEN_KEY, DRIVER_ALIAS, drivingSource, type DrivingFilter } from './driving-filter';

/** How a column compares: text, or a number (keys, dates as epoch ms, integers, booleans as 0/1). */
export type ColumnKind = 'string' | 'key' | 'date' | 'integer' | 'boolean';

/** A filterable / sortable field: an SQL expression over the spec's `from`, and its kind. */
export interface SqlField {
  sql: string;
  kind: ColumnKind;
  /**
   * The column is never NULL. Every column sorts by itself (so an index on it can give the order);
   * keyset cursors over a column without this mark also handle missing values (see {@link keysetCondition}).
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
  /**
   * Filters that, given one exact value and no sort but the key's, drive the search from their own index
   * (`driving-filter.ts`); the same field's entry in `filters` still answers every other form.
   */
  drivers?: Record<string, DrivingFilter>;
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
/*
 * Missing values (NULL) sort first ascending and last descending, as Camunda's RDBMS secondary storage
 * sorts them on every database (its MyBatis `orderBy` adds NULLS FIRST / NULLS LAST where a database's
 * default differs). That is SQLite's own order, so a sort by a nullable column (a process instance's
 * `endDate`, NULL while it runs) walks an index on that column like any other instead of sorting every match.
 */

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
/** `$in` / `$notIn` lists longer than this are bound as one JSON array (`json_each`) rather than a parameter each. */
const LONG_IN_LIST = 500;

/** `table[name]` when `name` is the table's own entry (a filter named `constructor` or `__proto__` is not one). */
export function ownEntry<T>(table: Record<string, T>, name: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

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
        const values = operand.map((item) => parseOperand(kind, item, where));
        // A long list is one JSON parameter (SQLite takes at most 32,766 parameters per statement, issue 13).
        const list = values.length > LONG_IN_LIST ? (params.push(JSON.stringify(values)), 'SELECT value FROM json_each(?)') : (params.push(...values), values.map(() => '?').join(', '));
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
    const known = ownEntry(filters, field);
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

/** A cursor's values, one per sort term: text as SQLite gave it, or null for a missing value. */
function decodeCursor(cursor: unknown, field: string, width: number): (string | null)[] {
  if (typeof cursor !== 'string' || cursor === '') throw badRequest(`Expected '${field}' to be a cursor from an earlier answer, but was ${JSON.stringify(cursor)}.`);
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === width && values.every((value) => typeof value === 'string' || value === null)) return values as (string | null)[];
  } catch {
    // fall through to the refusal
  }
  throw badRequest(`Expected '${field}' to be a cursor from an earlier answer with the same sort, but '${cursor}' is not one.`);
}

/** One ORDER BY term of a search (the item key is always the last). */
export interface SortTerm {
  expression: string;
  numeric: boolean;
  descending: boolean;
  /** The column may be NULL: cursor conditions then place missing values as the ORDER BY does. */
  nullable: boolean;
}

function readSorts<T>(spec: SqlSearchSpec<T>, sort: unknown): SortTerm[] {
  const terms: SortTerm[] = [];
  if (sort !== undefined && sort !== null) {
    if (!Array.isArray(sort)) throw badRequest(`Expected 'sort' to be an array, but was ${JSON.stringify(sort)}.`);
    sort.forEach((entry: unknown, index) => {
      const { field, order } = (entry ?? {}) as { field?: unknown; order?: unknown };
      const column = typeof field === 'string' ? ownEntry(spec.sortFields, field) : undefined;
      if (!column) throw badRequest(`Expected 'sort[${index}].field' to be one of [${Object.keys(spec.sortFields).join(', ')}], but was ${JSON.stringify(field)}.`);
      const normalized = order === undefined || order === null ? 'ASC' : String(order).toUpperCase();
      if (normalized !== 'ASC' && normalized !== 'DESC') throw badRequest(`Expected 'sort[${index}].order' to be ASC or DESC, but was ${JSON.stringify(order)}.`);
      terms.push({ expression: column.sql, numeric: column.kind !== 'string', descending: normalized === 'DESC', nullable: column.notNull !== true });
    });
  }
  // The key breaks ties in the direction of the last sort term, so an index on a sort column (whose entries
  // end with the row's key) gives the whole order: a descending sort walks it backwards, key included.
  terms.push({ expression: spec.key, numeric: true, descending: terms.length > 0 && terms[terms.length - 1].descending, nullable: false });
  return terms;
}

/** A bound cursor value in SQL: integers compared as integers (exact beyond 2^53), text as text. */
function bound(term: SortTerm, value: string, params: unknown[]): string {
  params.push(value);
  return term.numeric ? 'CAST(? AS INTEGER)' : '?';
}

/** `term = value`, where a missing value equals only a missing value. */
function equalTo(term: SortTerm, value: string | null, params: unknown[]): string {
  return value === null ? `${term.expression} IS NULL` : `${term.expression} = ${bound(term, value, params)}`;
}

/**
 * `term` strictly beyond `value` in SQLite's order (NULL below everything), upwards or downwards: above a
 * missing value is every present one, below a present value are the smaller ones and the missing ones.
 */
function beyond(term: SortTerm, value: string | null, upwards: boolean, params: unknown[]): string {
  if (value === null) return upwards ? `${term.expression} IS NOT NULL` : '0';
  const compared = `${term.expression} ${upwards ? '>' : '<'} ${bound(term, value, params)}`;
  // `+` keeps the planner from answering the OR with one index search per branch and then sorting all
  // they found: walking the sort column's index in order and stopping at the page's end is far cheaper.
  return !upwards && term.nullable ? `(${compared} OR +${term.expression} IS NULL)` : compared;
}

/** `(t1, t2, …) after/before cursor` in the terms' own directions, as nested ORs (bound values, exact integers). */
function keysetCondition(terms: SortTerm[], cursor: (string | null)[], forward: boolean, params: unknown[]): string {
  // The first term's range once more, on its own: an OR hides it from the planner, which then cannot start
  // the index range at the cursor and reads every row before it. (Downwards from a present value of a
  // nullable column the missing values follow, so there the range is no seek, only the walk's filter.)
  const first = terms[0];
  const firstUpwards = first.descending ? !forward : forward;
  let range: string | undefined;
  if (cursor[0] === null) range = firstUpwards ? undefined : `${first.expression} IS NULL`;
  else if (firstUpwards || !first.nullable) range = `${first.expression} ${firstUpwards ? '>=' : '<='} ${bound(first, cursor[0], params)}`;
  else range = `(${first.expression} <= ${bound(first, cursor[0], params)} OR +${first.expression} IS NULL)`;
  const parts: string[] = [];
  for (let index = 0; index < terms.length; index += 1) {
    const conditions: string[] = [];
    for (let before = 0; before < index; before += 1) conditions.push(equalTo(terms[before], cursor[before], params));
    const term = terms[index];
    conditions.push(beyond(term, cursor[index], term.descending ? !forward : forward, params));
    parts.push(`(${conditions.join(' AND ')})`);
  }
  return range ? `(${range} AND (${parts.join(' OR ')}))` : `(${parts.join(' OR ')})`;
}

function readLimit(page: Record<string, unknown>): number {
  const limit = page.limit;
  if (limit === undefined || limit === null) return DEFAULT_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw badRequest(`Expected 'page.limit' to be an integer from 1 to ${MAX_LIMIT}, but was ${JSON.stringify(limit)}.`);
  }
  return limit;
}

/** The SQL of one search, its parameters bound in order: the capped count and the page's rows. */
export interface SearchStatements {
  count: { sql: string; params: unknown[] };
  page: { sql: string; params: unknown[] };
  /** The page is read backwards from a `before` cursor (its rows are reversed after reading). */
  backwards: boolean;
  terms: SortTerm[];
}

/**
 * A search request as SQL, checked (a bad filter, sort or page is refused here, before any query runs).
 * {@link sqlSearch} runs these; tests and benchmarks read their query plans.
 */
export function searchStatements<T>(spec: SqlSearchSpec<T>, body: unknown, extra: { conditions: string[]; params: unknown[] } = { conditions: [], params: [] }): SearchStatements {
  if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) throw badRequest('Expected a search request object, but the body is not one.');
  const request = (body ?? {}) as { filter?: unknown; sort?: unknown; page?: unknown };
  const conditions = spec.scope ? [spec.scope, ...extra.conditions] : [...extra.conditions];
  const params = [...extra.params];
  // Sorted by key alone, an exact filter with its own index in key order reads just the page's rows.
  const sorted = request.sort !== undefined && request.sort !== null && !(Array.isArray(request.sort) && request.sort.length === 0);
  const driving = sorted ? undefined : drivingSource(spec.drivers, request.filter);
  let filter = request.filter;
  if (driving) {
    // Checked as an ordinary filter would be (a bad value is refused the same way), then left to the driver.
    filterConditions(spec.noun, spec.filters, { [driving.field]: (filter as Record<string, unknown>)[driving.field] }, 'filter', []);
    filter = Object.fromEntries(Object.entries(filter as Record<string, unknown>).filter(([field]) => field !== driving.field));
  }
  conditions.push(...filterConditions(spec.noun, spec.filters, filter, 'filter', params));
  if (request.page !== undefined && !isOperatorObject(request.page)) throw badRequest(`Expected 'page' to be an object, but was ${JSON.stringify(request.page)}.`);
  const page = (request.page ?? {}) as Record<string, unknown>;
  const limit = readLimit(page);
  const terms = readSorts(spec, request.sort);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  let from = spec.from;
  let countFrom = spec.from;
  let fromParams: unknown[] = [];
  if (driving) {
    // CROSS JOIN keeps the driver outside, so rows come in its key order; the key is ordered (and paged) by
    // the driver's column, the same values. Every driven key has its row, so with nothing else to check the
    // count reads the driver's index alone.
    from = `${driving.source} AS ${DRIVER_ALIAS} CROSS JOIN ${spec.from} ON ${spec.key} = ${DRIVEN_KEY}`;
    countFrom = conditions.length === 0 ? `${driving.source} AS ${DRIVER_ALIAS}` : from;
    fromParams = driving.params;
    terms[terms.length - 1].expression = DRIVEN_KEY;
  }
  // One more than the cap is enough to know the count is capped.
  const count = { sql: `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${countFrom} ${where} LIMIT ${MAX_TOTAL_ITEMS + 1})`, params: [...fromParams, ...params] };

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
  return {
    count,
    page: { sql: `SELECT ${spec.select}, ${cursorColumns} FROM ${from} ${windowConditions} ORDER BY ${order} LIMIT ? OFFSET ?`, params: [...fromParams, ...windowParams, limit, offset] },
    backwards,
    terms,
  };
}

/** `db.prepare(sql)`, with a filter too large for one SQLite statement refused as the caller's error (issue 13). */
function prepared(db: Database.Database, sql: string): Database.Statement {
  try {
    return db.prepare(sql);
  } catch (error) {
    if (/too many SQL variables|Expression tree is too large|parser stack overflow/i.test((error as Error).message)) {
      throw badRequest(`Expected a search filter of at most about 30,000 values and 1,000 nested or combined conditions, but this one is larger: ${(error as Error).message}. / 查询条件过多或嵌套过深。`);
    }
    throw error;
  }
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
  const { count, page, backwards, terms } = searchStatements(spec, body, extra);
  const counted = (prepared(db, count.sql).get(...count.params) as { n: number }).n;
  const rows = prepared(db, page.sql).all(...page.params) as Record<string, unknown>[];
  if (backwards) rows.reverse();
  const cursorOf = (row: Record<string, unknown>) => encodeCursor(terms.map((_, index) => row[`_cursor${index}`]));
  const result: SqlSearchPage = { totalItems: Math.min(counted, MAX_TOTAL_ITEMS), hasMoreTotalItems: counted > MAX_TOTAL_ITEMS };
  if (rows.length > 0) {
    result.startCursor = cursorOf(rows[0]);
    result.endCursor = cursorOf(rows[rows.length - 1]);
  }
  return { items: rows.map((row) => spec.toItem(row)), page: result };
}

/**
 * The query plan of a search, as SQLite's EXPLAIN QUERY PLAN lines, the count's first and then the page's
 * (each line prefixed `count:` / `page:`): a `SCAN` of a big table there means a search reads every row.
 */
export function searchPlan<T>(db: Database.Database, spec: SqlSearchSpec<T>, body: unknown, extra?: { conditions: string[]; params: unknown[] }): string[] {
  const { count, page } = searchStatements(spec, body, extra);
  const plan = (label: string, statement: { sql: string; params: unknown[] }) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...statement.params) as { detail: string }[]).map((row) => `${label}: ${row.detail}`);
  return [...plan('count', count), ...plan('page', page)];
}

/** One item by key (a `GET /v2/<resource>/{key}`), or undefined. */
export function sqlGet<T>(db: Database.Database, spec: SqlSearchSpec<T>, key: string): T | undefined {
  const scope = spec.scope ? ` AND ${spec.scope}` : '';
  const row = db.prepare(`SELECT ${spec.select} FROM ${spec.from} WHERE ${spec.key} = ?${scope}`).get(key) as Record<string, unknown> | undefined;
  return row ? spec.toItem(row) : undefined;
}
