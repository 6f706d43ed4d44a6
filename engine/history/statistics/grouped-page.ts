/**
 * Offset paging and sorting over an aggregate query, as Camunda's statistics endpoints take them:
 * `page: { from, limit }` and `sort: [{ field, order }]` over the aggregated fields, with `totalItems`
 * counting the groups.
 */
import type Database from 'better-sqlite3';
import { ownEntry } from '../sql-search';
import { badRequest } from '../../gateway/rest/problem';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;

export interface GroupedPage<T> {
  items: T[];
  page: { totalItems: number; hasMoreTotalItems: boolean };
}

/** One aggregate query: the grouped SELECT (without ORDER/LIMIT), its sortable columns and a default order. */
export interface GroupedQuery {
  sql: string;
  params: unknown[];
  /** Request sort field → SQL column of the grouped SELECT. */
  sortFields: Record<string, string>;
  /** Appended after the requested sort, so equal values keep one stable order across pages. */
  tieBreak: string;
}

function readPage(body: Record<string, unknown>): { from: number; limit: number } {
  const page = body.page;
  if (page === undefined || page === null) return { from: 0, limit: DEFAULT_LIMIT };
  if (typeof page !== 'object' || Array.isArray(page)) throw badRequest(`Expected 'page' to be an object, but was ${JSON.stringify(page)}.`);
  const { from = 0, limit = DEFAULT_LIMIT, ...rest } = page as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw badRequest(`Expected 'page' to hold only 'from' and 'limit' (offset paging), but it holds '${unknown[0]}'.`);
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) throw badRequest(`Expected 'page.from' to be a non-negative integer, but was ${JSON.stringify(from)}.`);
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw badRequest(`Expected 'page.limit' to be an integer from 1 to ${MAX_LIMIT}, but was ${JSON.stringify(limit)}.`);
  }
  return { from, limit };
}

function readOrder(query: GroupedQuery, sort: unknown): string {
  const terms: string[] = [];
  if (sort !== undefined && sort !== null) {
    if (!Array.isArray(sort)) throw badRequest(`Expected 'sort' to be an array, but was ${JSON.stringify(sort)}.`);
    sort.forEach((entry: unknown, index) => {
      const { field, order } = (entry ?? {}) as { field?: unknown; order?: unknown };
      const column = typeof field === 'string' ? ownEntry(query.sortFields, field) : undefined;
      if (!column) throw badRequest(`Expected 'sort[${index}].field' to be one of [${Object.keys(query.sortFields).join(', ')}], but was ${JSON.stringify(field)}.`);
      const normalized = order === undefined || order === null ? 'ASC' : String(order).toUpperCase();
      if (normalized !== 'ASC' && normalized !== 'DESC') throw badRequest(`Expected 'sort[${index}].order' to be ASC or DESC, but was ${JSON.stringify(order)}.`);
      terms.push(`${column} ${normalized}`);
    });
  }
  terms.push(query.tieBreak);
  return terms.join(', ');
}

/** Runs the grouped query for one page; `toItem` maps a row to Camunda's result shape. */
export function groupedPage<T>(db: Database.Database, body: Record<string, unknown>, query: GroupedQuery, toItem: (row: Record<string, unknown>) => T): GroupedPage<T> {
  const { from, limit } = readPage(body);
  const order = readOrder(query, body.sort);
  const totalItems = (db.prepare(`SELECT COUNT(*) AS n FROM (${query.sql})`).get(...query.params) as { n: number }).n;
  const rows = db.prepare(`SELECT * FROM (${query.sql}) ORDER BY ${order} LIMIT ? OFFSET ?`).all(...query.params, limit, from) as Record<string, unknown>[];
  return { items: rows.map(toItem), page: { totalItems, hasMoreTotalItems: false } };
}

/** Refuses request fields the endpoint does not take (Camunda's schemas set `additionalProperties: false`). */
export function onlyFields(body: Record<string, unknown>, allowed: string[]): void {
  for (const field of Object.keys(body)) {
    if (!allowed.includes(field)) throw badRequest(`Expected the request to hold only [${allowed.join(', ')}], but it holds '${field}'.`);
  }
}
