/**
 * Brings a reused `bench:apps` folder's history store up to the engine's schema version in place. The folder's
 * 1,000,000 finished cases are history rows written directly (not in the record log), so the exporter's
 * answer to an older schema — drop the file and rebuild it from the log — would lose them. Columns the new
 * schema added are appended with `ALTER TABLE … ADD COLUMN` (they are nullable), new tables and indexes are
 * created by the schema itself, and the version is then recorded. A change that cannot be made this way
 * (a column that is NOT NULL without a default) stops with a message: rebuild the folder then.
 */
import Database from 'better-sqlite3';
import { HISTORY_SCHEMA_VERSION, openHistoryDatabase } from '../../engine/history/history-schema';

interface Column {
  name: string;
  type: string;
  notnull: number;
  dflt_value: unknown;
}

/** Upgrades `historyFile` when its recorded schema version is older; says what it did. */
export function upgradeBenchHistory(historyFile: string, log: (line: string) => void = console.log): void {
  const old = new Database(historyFile);
  try {
    const stored = old.prepare('SELECT schema_version AS version FROM exporter_position WHERE id = 1').get() as { version: number } | undefined;
    if (!stored || stored.version === HISTORY_SCHEMA_VERSION) return;
    // The current schema, created in memory, to compare the tables with.
    const current = openHistoryDatabase(':memory:');
    const tables = current.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[];
    const added: string[] = [];
    old.transaction(() => {
      for (const { name } of tables) {
        const have = new Set((old.pragma(`table_info("${name}")`) as Column[]).map((column) => column.name));
        if (have.size === 0) continue; // a new table: the schema creates it below
        for (const column of current.pragma(`table_info("${name}")`) as Column[]) {
          if (have.has(column.name)) continue;
          if (column.notnull && column.dflt_value === null) {
            throw new Error(`history upgrade: ${name}.${column.name} is NOT NULL without a default; rebuild the bench folder (delete it) instead`);
          }
          old.exec(`ALTER TABLE "${name}" ADD COLUMN "${column.name}" ${column.type}${column.dflt_value === null ? '' : ` DEFAULT ${String(column.dflt_value)}`}`);
          added.push(`${name}.${column.name}`);
        }
      }
    })();
    current.close();
    old.close();
    // Tables and indexes the new schema adds (CREATE … IF NOT EXISTS), then the version.
    const upgraded = openHistoryDatabase(historyFile);
    upgraded.prepare('UPDATE exporter_position SET schema_version = ? WHERE id = 1').run(HISTORY_SCHEMA_VERSION);
    upgraded.close();
    log(`history schema ${stored.version} -> ${HISTORY_SCHEMA_VERSION} in place (columns added: ${added.join(', ') || 'none'})`);
  } finally {
    if (old.open) old.close();
  }
}
