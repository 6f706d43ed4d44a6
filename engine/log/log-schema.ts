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
     CREATE TABLE IF NOT EXISTS definitions (
       position INTEGER PRIMARY KEY,
       value_type TEXT NOT NULL,
       intent TEXT NOT NULL,
       record TEXT NOT NULL
     );`,
  );
  return db;
}
