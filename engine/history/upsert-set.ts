// Upserts instead of INSERT OR REPLACE for history rows (the writers' statements).

/**
 * The SET list of an upsert (`INSERT … ON CONFLICT (key) DO UPDATE SET …`) that gives each column the inserted
 * row's value, as INSERT OR REPLACE would. The writers use it instead of REPLACE on tables with indexes: SQLite
 * gives such a REPLACE a statement journal, a copy of every page the statement changes, on every execution
 * (measured with callgrind: 1.8× the instructions of a plain insert into element_instances; an upsert costs what
 * the insert costs).
 */
export function upsertSet(columns: readonly string[]): string {
  return columns.map((column) => `${column} = excluded.${column}`).join(', ');
}
