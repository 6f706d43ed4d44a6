/**
 * The tables of the apps' case index (`<data>/apps-cases.sqlite`): one row per process instance with what
 * the audit lists filter, sort and count by, its departments, a trigram full-text index of its number,
 * title, process and applicant, and the statistics' day counters. Everything here is derived from the
 * history store and rebuilt from it when the schema version changes or history was replaced.
 */
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';

/** Bumped when a table changes shape: the file is then dropped and rebuilt from history. */
export const CASE_INDEX_SCHEMA_VERSION = 1;

const TABLES = `
CREATE TABLE IF NOT EXISTS index_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  schema_version INTEGER NOT NULL,
  -- how far the index has read history: the largest instance key, user task key and variable change position
  last_instance_key INTEGER NOT NULL,
  last_task_key INTEGER NOT NULL,
  last_variable_position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS cases (
  process_instance_key INTEGER PRIMARY KEY,
  top INTEGER NOT NULL,
  process_id TEXT NOT NULL,
  process_name TEXT,
  state TEXT NOT NULL,
  start_date INTEGER NOT NULL,
  end_date INTEGER,
  case_id TEXT,
  case_title TEXT,
  applicant TEXT,
  open_due INTEGER,
  open_warn INTEGER,
  has_running INTEGER NOT NULL,
  has_paused INTEGER NOT NULL,
  min_due INTEGER,
  case_due INTEGER,
  result INTEGER,
  deadline_years TEXT,
  days REAL,
  limit_days REAL,
  -- 1 once a finished top-level case was added to day_counts (each case is counted once)
  counted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS cases_by_start ON cases (start_date);
CREATE INDEX IF NOT EXISTS cases_by_state ON cases (state, start_date);
CREATE INDEX IF NOT EXISTS cases_by_process ON cases (process_id, state, start_date);
CREATE INDEX IF NOT EXISTS cases_by_case_id ON cases (case_id);
CREATE INDEX IF NOT EXISTS cases_by_result ON cases (result, start_date) WHERE result IS NOT NULL;
CREATE INDEX IF NOT EXISTS cases_by_end ON cases (end_date) WHERE end_date IS NOT NULL;
-- text shorter than a trigram is searched by scanning these narrow indexes instead of the wide table
CREATE INDEX IF NOT EXISTS cases_by_applicant ON cases (applicant);
CREATE INDEX IF NOT EXISTS cases_by_text ON cases (case_title, case_id, process_id);
CREATE TABLE IF NOT EXISTS case_departments (
  process_instance_key INTEGER NOT NULL,
  department TEXT NOT NULL,
  PRIMARY KEY (process_instance_key, department)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS case_departments_by_department ON case_departments (department, process_instance_key);
-- substring search (Chinese included) of number, title, process, key and applicant; the rows hold no text
CREATE VIRTUAL TABLE IF NOT EXISTS case_text USING fts5(
  case_title, case_id, process_id, instance_key, applicant,
  content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1'
);
CREATE TABLE IF NOT EXISTS process_names (process_id TEXT PRIMARY KEY, name TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS day_counts (
  day TEXT NOT NULL,
  process_id TEXT NOT NULL,
  department TEXT NOT NULL, -- '' is the case itself (counted once); otherwise each department that had a task of it
  finished INTEGER NOT NULL, on_time INTEGER NOT NULL, overdue INTEGER NOT NULL,
  days_sum REAL NOT NULL, days_count INTEGER NOT NULL, limit_sum REAL NOT NULL, limit_count INTEGER NOT NULL,
  PRIMARY KEY (day, process_id, department)
) WITHOUT ROWID;
-- top-level cases received (started) per Beijing day, process and department (a department counts a case once
-- one of its tasks is known; added after schema version 1 and filled from the cases when missing)
CREATE TABLE IF NOT EXISTS day_received (
  day TEXT NOT NULL,
  process_id TEXT NOT NULL,
  department TEXT NOT NULL,
  received INTEGER NOT NULL,
  PRIMARY KEY (day, process_id, department)
) WITHOUT ROWID;
`;

/** Fills `day_received` from the cases of an index built before it existed (one pass, at open). */
const FILL_DAY_RECEIVED = `INSERT INTO day_received (day, process_id, department, received)
  SELECT date((c.start_date + 28800000) / 1000, 'unixepoch'), c.process_id, d.department, COUNT(*)
  FROM case_departments d JOIN cases c ON c.process_instance_key = d.process_instance_key WHERE c.top = 1 GROUP BY 1, 2, 3`;

/** Opens (or creates) the index file; one written by another schema version is emptied first. */
export function openCaseIndexDatabase(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = open(file);
  } catch {
    // A file that is not a database any more (e.g. torn by a power cut during a first build): built anew.
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    db = open(file);
  }
  const version = (db.prepare(`SELECT name FROM sqlite_master WHERE name = 'index_state'`).get() as { name: string } | undefined)
    ? (db.prepare('SELECT schema_version AS version FROM index_state WHERE id = 1').get() as { version: number } | undefined)?.version
    : undefined;
  if (version !== undefined && version !== CASE_INDEX_SCHEMA_VERSION) {
    for (const { name, type } of db.prepare(`SELECT name, type FROM sqlite_master WHERE type IN ('table') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'case_text_%'`).all() as { name: string; type: string }[]) {
      db.exec(`DROP ${type.toUpperCase()} IF EXISTS "${name}"`);
    }
  }
  const hadReceived = db.prepare(`SELECT name FROM sqlite_master WHERE name = 'day_received'`).get() !== undefined;
  db.exec(TABLES);
  if (!hadReceived) db.exec(FILL_DAY_RECEIVED);
  return db;
}

function open(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Rebuildable from history: a transaction lost to a power cut is simply read again.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  // 64 MB of page cache and a checkpoint every 64 MB of WAL, as the history store: the first build writes
  // a million rows into six indexes and the text index.
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 16384');
  db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
  return db;
}
