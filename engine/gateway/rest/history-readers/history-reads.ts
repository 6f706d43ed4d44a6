/**
 * Searches, gets and statistics over the history store for the REST routes, run on a reader thread
 * ({@link HistoryReaderPool}) when the server attached one and the spec or query is registered
 * (`read-registry.ts`); otherwise on this thread, as before. Each first waits, bounded, for history to reach
 * what was committed when the request arrived ({@link historyFor}).
 */
import type Database from 'better-sqlite3';
import { sqlGet, sqlSearch, type History, type SqlSearchSpec } from '../../../history';
import type { SqlSearchPage } from '../../../history/sql-search';
import type { RestRouteContext } from '../context';
import { historyFor } from '../history-access';
import { READ_FUNCTIONS, SEARCH_SPECS, type HistoryRead } from './read-registry';
import type { HistoryReaderPool } from './reader-pool';

const pools = new WeakMap<History, HistoryReaderPool>();
const specNames = new Map<SqlSearchSpec<unknown>, string>(Object.entries(SEARCH_SPECS).map(([name, spec]) => [spec, name]));
const functionNames = new Map<HistoryRead, string>(Object.entries(READ_FUNCTIONS).map(([name, read]) => [read, name]));

/** Let searches over `history` run on `pool` (the engine server does this when it starts history). */
export function attachHistoryReaders(history: History, pool: HistoryReaderPool): void {
  pools.set(history, pool);
}

/** Extra conditions a route adds to a search (authorization scopes, a parent key). */
export interface SearchScope {
  conditions: string[];
  params: unknown[];
}

/** `sqlSearch` off the engine thread. */
export async function searchHistory<T>(context: RestRouteContext, spec: SqlSearchSpec<T>, body: unknown, extra?: SearchScope): Promise<{ items: T[]; page: SqlSearchPage }> {
  const history = await historyFor(context);
  const pool = pools.get(history);
  const name = specNames.get(spec as SqlSearchSpec<unknown>);
  if (!pool || !name) return sqlSearch(history.db, spec, body, extra);
  return (await pool.run({ op: 'search', name, body, extra })) as { items: T[]; page: SqlSearchPage };
}

/** `sqlGet` off the engine thread. */
export async function getFromHistory<T>(context: RestRouteContext, spec: SqlSearchSpec<T>, key: string): Promise<T | undefined> {
  const history = await historyFor(context);
  const pool = pools.get(history);
  const name = specNames.get(spec as SqlSearchSpec<unknown>);
  if (!pool || !name) return sqlGet(history.db, spec, key);
  return (await pool.run({ op: 'get', name, key })) as T | undefined;
}

/** A registered read function (statistics) off the engine thread. */
export async function readHistory<A extends unknown[], R>(context: RestRouteContext, read: (db: Database.Database, ...args: A) => R, ...args: A): Promise<R> {
  const history = await historyFor(context);
  const pool = pools.get(history);
  const name = functionNames.get(read as HistoryRead);
  if (!pool || !name) return read(history.db, ...args);
  return (await pool.run({ op: 'call', name, args })) as R;
}
