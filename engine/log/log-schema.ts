import Database from 'better-sqlite3';

/** Page cache per log connection, in KiB: the b-tree's upper pages and the pages being appended fit easily. */
export const LOG_CACHE_KB = 1024;

/**
 * Opens the log's SQLite file with the settings both of its connections need: WAL, so the writer thread
 * commits while the engine thread reads, and `synchronous = FULL`, so a committed transaction survives a
 * crash or power loss. Creates the tables on first use.
 */
export function openLogDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // The two connections take turns on the write lock only at checkpoints; wait rather than fail.
  db.pragma('busy_timeout = 10000');
  // Batches are appended at the end and read in order, each page about once: SQLite's page cache saves no disk
  // read here (the OS caches the file). This SQLite build's default of 16 MB per connection only filled up with
  // pages already written or replayed and then stayed in the writer thread's and the engine's memory.
  db.pragma(`cache_size = -${LOG_CACHE_KB}`);
  db.exec(
    `CREATE TABLE IF NOT EXISTS batches (
       first_position INTEGER PRIMARY KEY,
       last_position INTEGER NOT NULL,
       records BLOB NOT NULL
     );
     -- Each batch's span, beside the batch: the start's integrity check (log-integrity.ts) and the history
     -- exporter read every batch's positions, and without it that read every row of the table, whose records
     -- fill the leaf pages (~100,000 batches, ~350 MB of pages at 1,000,000 finished cases; issue 9's restart).
     -- The index holds a few bytes per batch and costs one index entry per commit of a batch.
     CREATE INDEX IF NOT EXISTS batches_span ON batches (first_position, last_position);
     CREATE TABLE IF NOT EXISTS definitions (
       position INTEGER PRIMARY KEY,
       value_type TEXT NOT NULL,
       intent TEXT NOT NULL,
       record TEXT NOT NULL
     );`,
  );
  return db;
}
