import Database from 'better-sqlite3';
import { SUBSCRIPTION_TABLES } from './subscription-writer';

/** Bumped when a table changes shape: an older history file is then rebuilt from the log. */
export const HISTORY_SCHEMA_VERSION = 11;

/**
 * The variables whose creations the apps' case index reads (apps/api/case-index): the WHERE of its partial index
 * and of the queries that read it (SQLite uses a partial index only for a query that repeats its WHERE). Equalities
 * joined by OR, not `name IN (…)`: an IN list of three or more constants is compiled to a temporary b-tree that
 * SQLite builds on every execution, and an index's WHERE is evaluated on every insert into `variables` (that
 * doubled the instructions of each variable's insert).
 */
export const CASE_FACT_CREATIONS = "created_position IS NOT NULL AND (name GLOB 'deadline_*' OR name = 'applicant' OR name = 'caseId' OR name = 'caseTitle')";

/**
 * The history store's tables, after Camunda 8.9's RDBMS secondary storage: one table per entity, keys as
 * 64-bit integers (read back as text), dates as engine-clock epoch milliseconds, and indexes on what the
 * searches filter by. `exporter_position` holds the last exported log position; it is written in the same
 * transaction as the rows it covers, so after a crash the exporter resumes exactly where its rows end.
 */
const TABLES = `
CREATE TABLE IF NOT EXISTS exporter_position (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  position INTEGER NOT NULL,
  schema_version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS process_definitions (
  process_definition_key INTEGER PRIMARY KEY,
  process_definition_id TEXT NOT NULL,
  name TEXT,
  version INTEGER NOT NULL,
  version_tag TEXT,
  resource_name TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  deployment_key INTEGER,
  deleted INTEGER NOT NULL DEFAULT 0,
  bpmn_xml TEXT NOT NULL,
  element_names TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS process_definitions_by_id ON process_definitions (process_definition_id, version);
CREATE TABLE IF NOT EXISTS forms (
  form_key INTEGER PRIMARY KEY,
  form_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  version_tag TEXT,
  tenant_id TEXT NOT NULL,
  deployment_key INTEGER,
  schema TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS forms_by_id ON forms (form_id, version);
CREATE TABLE IF NOT EXISTS decision_definitions (
  decision_definition_key INTEGER PRIMARY KEY,
  decision_definition_id TEXT NOT NULL,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  decision_requirements_key INTEGER,
  decision_requirements_id TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS process_instances (
  process_instance_key INTEGER PRIMARY KEY,
  process_definition_key INTEGER NOT NULL,
  process_definition_id TEXT NOT NULL,
  process_definition_name TEXT,
  process_definition_version INTEGER NOT NULL,
  process_definition_version_tag TEXT,
  state TEXT NOT NULL,
  start_date INTEGER NOT NULL,
  end_date INTEGER,
  incident_count INTEGER NOT NULL DEFAULT 0,
  tenant_id TEXT NOT NULL,
  parent_process_instance_key INTEGER,
  parent_element_instance_key INTEGER,
  case_id TEXT,
  case_title TEXT,
  business_id TEXT,
  -- its PROCESS_INSTANCE_CREATION:CREATED and PROCESS_INSTANCE_RESULT:COMPLETED events, for instance_event_log
  -- (position, time, actor), instead of an instance_events row each (instance-writer.ts)
  created_position INTEGER,
  created_at INTEGER,
  created_actor TEXT,
  result_position INTEGER,
  result_at INTEGER,
  result_actor TEXT
);
CREATE INDEX IF NOT EXISTS process_instances_by_business_id ON process_instances (business_id) WHERE business_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS process_instances_by_definition ON process_instances (process_definition_id, state);
CREATE INDEX IF NOT EXISTS process_instances_by_definition_key ON process_instances (process_definition_key, state);
CREATE INDEX IF NOT EXISTS process_instances_by_state ON process_instances (state, start_date);
CREATE INDEX IF NOT EXISTS process_instances_by_start ON process_instances (start_date);
-- sorts by endDate walk these instead of sorting every match (NULL, a running instance, sorts first as in
-- Camunda's RDBMS store); finished instances are appended at the high end, so they stay cheap to keep
CREATE INDEX IF NOT EXISTS process_instances_by_end ON process_instances (end_date);
CREATE INDEX IF NOT EXISTS process_instances_by_state_end ON process_instances (state, end_date);
-- a definition's instances by start or end (Operate's list of one process, newest first), with or without a
-- state: walked in the sort's order, ties by key, a state filter checked on the way. A definition-key filter
-- names its process id as well (readers/process-instances.ts), so these serve it too, without two more.
CREATE INDEX IF NOT EXISTS process_instances_by_definition_start ON process_instances (process_definition_id, start_date);
CREATE INDEX IF NOT EXISTS process_instances_by_definition_end ON process_instances (process_definition_id, end_date);
-- partial: most instances have no parent, and "parent = ?" implies the key is not null
CREATE INDEX IF NOT EXISTS process_instances_by_parent ON process_instances (parent_process_instance_key) WHERE parent_process_instance_key IS NOT NULL;
-- Camunda 8.8 batch operations and their items (engine/history/batch-operation-writer.ts)
CREATE TABLE IF NOT EXISTS batch_operations (
  batch_operation_key INTEGER PRIMARY KEY,
  operation_type TEXT NOT NULL,
  state TEXT NOT NULL,
  start_date INTEGER NOT NULL,
  end_date INTEGER,
  actor TEXT
);
CREATE TABLE IF NOT EXISTS batch_operation_items (
  batch_operation_key INTEGER NOT NULL,
  item_key INTEGER NOT NULL,
  process_instance_key INTEGER NOT NULL,
  operation_type TEXT NOT NULL,
  state TEXT NOT NULL,
  processed_date INTEGER,
  error_message TEXT,
  PRIMARY KEY (batch_operation_key, item_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS batch_operation_items_by_state ON batch_operation_items (batch_operation_key, state);
CREATE TABLE IF NOT EXISTS element_instances (
  element_instance_key INTEGER PRIMARY KEY,
  process_instance_key INTEGER NOT NULL,
  process_definition_key INTEGER NOT NULL,
  process_definition_id TEXT NOT NULL,
  element_id TEXT NOT NULL,
  element_name TEXT,
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  start_date INTEGER NOT NULL,
  end_date INTEGER,
  incident_key INTEGER,
  tenant_id TEXT NOT NULL,
  flow_scope_key INTEGER,
  -- the element's ELEMENT_ACTIVATED and ELEMENT_COMPLETED / _TERMINATED events, for instance_event_log:
  -- their log positions and actors (their times are start_date or activated_at, and end_date), instead of
  -- two instance_events rows per element (half of all the rows history wrote per case)
  activated_position INTEGER,
  activated_at INTEGER,
  activated_actor TEXT,
  ended_position INTEGER,
  ended_actor TEXT
);
CREATE INDEX IF NOT EXISTS element_instances_by_process_instance ON element_instances (process_instance_key);
-- the element-instance search by processDefinitionKey walks this in key order; partial like the search's own
-- scope (no process-level rows, see readers/element-instances.ts), so a count reads the index alone and each
-- case writes one entry fewer
CREATE INDEX IF NOT EXISTS element_instances_by_definition ON element_instances (process_definition_key) WHERE type <> 'PROCESS';
-- per-element counts of each definition, kept by the exporter (element-counters.ts): the definition's element
-- statistics read these few rows instead of counting its element instances
CREATE TABLE IF NOT EXISTS element_statistics (
  process_definition_key INTEGER NOT NULL,
  element_id TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0,
  incidents INTEGER NOT NULL DEFAULT 0,
  completed INTEGER NOT NULL DEFAULT 0,
  canceled INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (process_definition_key, element_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS taken_sequence_flows (
  process_instance_key INTEGER NOT NULL,
  element_id TEXT NOT NULL,
  PRIMARY KEY (process_instance_key, element_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS variables (
  variable_key INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  scope_key INTEGER NOT NULL,
  process_instance_key INTEGER NOT NULL,
  tenant_id TEXT NOT NULL,
  -- the variable's creation (log position, time, actor) until its first update moves it to variable_changes
  -- (variable-writer.ts): most variables never change, and their creation is then one row, not two
  created_position INTEGER,
  created_at INTEGER,
  created_actor TEXT
);
CREATE INDEX IF NOT EXISTS variables_by_scope ON variables (scope_key, name);
-- Most variables are the instance's own (scope = instance), found through variables_by_scope; this partial
-- index holds only the others (local variables), so a search by processInstanceKey reads both
-- (readers/variables.ts) and each variable costs one index entry less to write.
DROP INDEX IF EXISTS variables_by_process_instance;
CREATE INDEX IF NOT EXISTS variables_by_process_instance_local ON variables (process_instance_key) WHERE scope_key <> process_instance_key;
-- search by name and value: the name and the value's first 256 characters (readers/variables.ts)
DROP INDEX IF EXISTS variables_by_name;
CREATE INDEX IF NOT EXISTS variables_by_name_value ON variables (name, substr(value, 1, 256));
CREATE TABLE IF NOT EXISTS variable_changes (
  position INTEGER PRIMARY KEY,
  variable_key INTEGER NOT NULL,
  intent TEXT NOT NULL,
  name TEXT NOT NULL,
  value TEXT,
  scope_key INTEGER NOT NULL,
  process_instance_key INTEGER NOT NULL,
  changed_at INTEGER NOT NULL,
  actor TEXT
);
-- an instance's variable changes, read with its events (they are not repeated in instance_events)
CREATE INDEX IF NOT EXISTS variable_changes_by_process_instance ON variable_changes (process_instance_key);
-- Every creation and change of a variable with the value it set: the changes, and the creations the variables
-- rows still hold. The instance's key in a WHERE reaches each part through its own index: the instance's own
-- variables by scope (scope = instance), its local ones by the partial index.
CREATE VIEW IF NOT EXISTS variable_change_log AS
  SELECT position, variable_key, intent, name, value, scope_key, process_instance_key, changed_at, actor FROM variable_changes
  UNION ALL
  SELECT created_position, variable_key, 'CREATED', name, value, scope_key, process_instance_key, created_at, created_actor FROM variables
    WHERE created_position IS NOT NULL AND scope_key = process_instance_key
  UNION ALL
  SELECT created_position, variable_key, 'CREATED', name, value, scope_key, process_instance_key, created_at, created_actor FROM variables
    WHERE created_position IS NOT NULL AND scope_key <> process_instance_key;
-- The apps' case index (apps/api/case-index) notes instances whose case variables were created or changed
-- since it last looked: the changes by position (variable_changes' key), the creations the rows hold by this.
-- (schema 11: renamed when its WHERE became CASE_FACT_CREATIONS, so a store upgraded in place gets the new one)
DROP INDEX IF EXISTS variables_case_facts_by_creation;
CREATE INDEX IF NOT EXISTS variables_case_facts_created ON variables (created_position) WHERE ${CASE_FACT_CREATIONS};
CREATE TABLE IF NOT EXISTS user_tasks (
  user_task_key INTEGER PRIMARY KEY,
  name TEXT,
  state TEXT NOT NULL,
  assignee TEXT,
  element_id TEXT NOT NULL,
  element_instance_key INTEGER NOT NULL,
  candidate_groups TEXT NOT NULL,
  candidate_users TEXT NOT NULL,
  process_definition_id TEXT NOT NULL,
  process_definition_key INTEGER NOT NULL,
  process_definition_version INTEGER NOT NULL,
  process_instance_key INTEGER NOT NULL,
  process_name TEXT,
  creation_date INTEGER NOT NULL,
  completion_date INTEGER,
  due_date INTEGER,
  follow_up_date INTEGER,
  tenant_id TEXT NOT NULL,
  form_key INTEGER,
  external_form_reference TEXT,
  custom_headers TEXT NOT NULL,
  priority INTEGER NOT NULL
);
-- open tasks newest first (Tasklist's default list) walk this; it also counts a state's tasks
DROP INDEX IF EXISTS user_tasks_by_state;
CREATE INDEX IF NOT EXISTS user_tasks_by_state_created ON user_tasks (state, creation_date);
CREATE INDEX IF NOT EXISTS user_tasks_by_assignee ON user_tasks (assignee, state);
CREATE INDEX IF NOT EXISTS user_tasks_by_process_instance ON user_tasks (process_instance_key);
CREATE TABLE IF NOT EXISTS user_task_candidates (
  user_task_key INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('group', 'user')),
  candidate TEXT NOT NULL,
  PRIMARY KEY (kind, candidate, user_task_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS user_task_candidates_by_task ON user_task_candidates (user_task_key);
CREATE TABLE IF NOT EXISTS jobs (
  job_key INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  worker TEXT,
  state TEXT NOT NULL,
  kind TEXT,
  listener_event_type TEXT,
  retries INTEGER,
  error_message TEXT,
  error_code TEXT,
  deadline INTEGER,
  process_instance_key INTEGER,
  element_instance_key INTEGER,
  element_id TEXT,
  process_definition_id TEXT,
  process_definition_key INTEGER,
  tenant_id TEXT NOT NULL,
  last_update INTEGER NOT NULL,
  -- its JOB:CREATED and JOB:COMPLETED events, for instance_event_log (position, time, actor), instead of an
  -- instance_events row each; an event whose line would not read the same from this row keeps its own row
  created_position INTEGER,
  created_at INTEGER,
  created_actor TEXT,
  completed_position INTEGER,
  completed_at INTEGER,
  completed_actor TEXT
);
CREATE INDEX IF NOT EXISTS jobs_by_process_instance ON jobs (process_instance_key);
CREATE INDEX IF NOT EXISTS jobs_by_type ON jobs (type, state);
CREATE TABLE IF NOT EXISTS incidents (
  incident_key INTEGER PRIMARY KEY,
  process_definition_key INTEGER,
  process_definition_id TEXT NOT NULL,
  process_instance_key INTEGER,
  error_type TEXT NOT NULL,
  error_message TEXT NOT NULL,
  element_id TEXT NOT NULL,
  element_instance_key INTEGER,
  creation_time INTEGER NOT NULL,
  state TEXT NOT NULL,
  job_key INTEGER,
  tenant_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_by_process_instance ON incidents (process_instance_key);
-- Operate's incident list: a state's incidents, newest first
DROP INDEX IF EXISTS incidents_by_state;
CREATE INDEX IF NOT EXISTS incidents_by_state_created ON incidents (state, creation_time);
-- the incident statistics group active incidents by message
CREATE INDEX IF NOT EXISTS incidents_by_state_message ON incidents (state, error_message, process_instance_key);
CREATE TABLE IF NOT EXISTS decision_evaluations (
  decision_evaluation_key INTEGER PRIMARY KEY,
  state TEXT NOT NULL,
  decision_definition_key INTEGER,
  decision_definition_id TEXT,
  decision_definition_name TEXT,
  decision_definition_version INTEGER,
  decision_output TEXT,
  failure_message TEXT,
  process_instance_key INTEGER,
  element_instance_key INTEGER,
  evaluation_date INTEGER NOT NULL,
  tenant_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decision_evaluations_by_process_instance ON decision_evaluations (process_instance_key);
CREATE TABLE IF NOT EXISTS messages (
  message_key INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  correlation_key TEXT,
  message_id TEXT,
  state TEXT NOT NULL,
  time_to_live INTEGER,
  publish_date INTEGER NOT NULL,
  variables TEXT,
  tenant_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_by_name ON messages (name, correlation_key);
-- message subscriptions of process instances, latest state each (engine/history/message-subscription-writer.ts)
CREATE TABLE IF NOT EXISTS message_subscriptions (
  message_subscription_key INTEGER PRIMARY KEY,
  process_definition_key INTEGER,
  process_definition_id TEXT,
  process_instance_key INTEGER,
  element_id TEXT,
  element_instance_key INTEGER,
  message_name TEXT NOT NULL,
  correlation_key TEXT,
  state TEXT NOT NULL,
  last_updated_date INTEGER NOT NULL,
  tenant_id TEXT NOT NULL
);
-- the statistics count open (CREATED) subscriptions per definition from this index alone
CREATE INDEX IF NOT EXISTS message_subscriptions_by_state ON message_subscriptions (state, process_definition_key, process_instance_key);
-- read per instance in log order: keyed by (instance, position), one b-tree instead of a table and an index.
-- Variable events are not here: variable_change_log lists each one with its position (readers merge the two).
CREATE TABLE IF NOT EXISTS instance_events (
  process_instance_key INTEGER NOT NULL,
  position INTEGER NOT NULL,
  at INTEGER NOT NULL,
  actor TEXT,
  record_type TEXT NOT NULL,
  value_type TEXT NOT NULL,
  intent TEXT NOT NULL,
  record_key INTEGER,
  element_id TEXT,
  detail TEXT,
  rejection TEXT,
  PRIMARY KEY (process_instance_key, position)
) WITHOUT ROWID;
-- An instance's events as auditors read them: its instance_events rows, its variable creations and changes, its
-- elements' activations and ends, its creation and result, and its jobs' creations and completions, in one list
-- (the instance's key in the WHERE reaches every part, each through its own index). An older definition is
-- dropped on open (openHistoryDatabase), so an upgraded store lists the new columns.
CREATE VIEW IF NOT EXISTS instance_event_log AS
  SELECT process_instance_key, position, at, actor, record_type, value_type, intent, record_key, element_id, detail, rejection FROM instance_events
  UNION ALL
  SELECT process_instance_key, position, changed_at, actor, 'EVENT', 'VARIABLE', intent, variable_key, NULL, name, NULL FROM variable_change_log
  UNION ALL
  SELECT process_instance_key, activated_position, COALESCE(activated_at, start_date), activated_actor, 'EVENT', 'PROCESS_INSTANCE', 'ELEMENT_ACTIVATED',
    element_instance_key, element_id, type, NULL FROM element_instances WHERE activated_position IS NOT NULL
  UNION ALL
  SELECT process_instance_key, ended_position, end_date, ended_actor, 'EVENT', 'PROCESS_INSTANCE', CASE state WHEN 'COMPLETED' THEN 'ELEMENT_COMPLETED' ELSE 'ELEMENT_TERMINATED' END,
    element_instance_key, element_id, type, NULL FROM element_instances WHERE ended_position IS NOT NULL
  UNION ALL
  SELECT process_instance_key, created_position, created_at, created_actor, 'EVENT', 'PROCESS_INSTANCE_CREATION', 'CREATED', process_instance_key, NULL, NULL, NULL
    FROM process_instances WHERE created_position IS NOT NULL
  UNION ALL
  SELECT process_instance_key, result_position, result_at, result_actor, 'EVENT', 'PROCESS_INSTANCE_RESULT', 'COMPLETED', process_instance_key, NULL, NULL, NULL
    FROM process_instances WHERE result_position IS NOT NULL
  UNION ALL
  SELECT process_instance_key, created_position, created_at, created_actor, 'EVENT', 'JOB', 'CREATED', job_key, element_id, NULLIF(type, ''), NULL
    FROM jobs WHERE created_position IS NOT NULL
  UNION ALL
  SELECT process_instance_key, completed_position, completed_at, completed_actor, 'EVENT', 'JOB', 'COMPLETED', job_key, element_id, NULLIF(type, ''), NULL
    FROM jobs WHERE completed_position IS NOT NULL;
CREATE TABLE IF NOT EXISTS audit_log (
  audit_log_key INTEGER PRIMARY KEY,
  entity_key TEXT,
  entity_type TEXT NOT NULL,
  operation_type TEXT NOT NULL,
  category TEXT NOT NULL,
  result TEXT NOT NULL,
  actor_id TEXT,
  actor_type TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  tenant_id TEXT,
  process_instance_key INTEGER,
  process_definition_key INTEGER,
  process_definition_id TEXT,
  element_instance_key INTEGER,
  user_task_key INTEGER,
  job_key INTEGER,
  deployment_key INTEGER,
  decision_definition_key INTEGER,
  decision_evaluation_key INTEGER,
  annotation TEXT,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_by_user_task ON audit_log (user_task_key);
CREATE INDEX IF NOT EXISTS audit_log_by_process_instance ON audit_log (process_instance_key);
CREATE INDEX IF NOT EXISTS audit_log_by_actor ON audit_log (actor_id);
-- The audit app's case search reads its own case index (apps/api/case-index), not these: each cost every
-- case an index entry at a random place (an applicant's name) or one more on the instance row.
DROP INDEX IF EXISTS apps_audit_instances_by_case_id;
DROP INDEX IF EXISTS apps_audit_applicants;
`;

/**
 * Opens (and on first use creates) `history.sqlite`. WAL lets the exporter thread write while the REST
 * gateway reads; `synchronous = NORMAL` is enough because the exported position commits with its rows: a
 * transaction lost to a power cut is simply exported again from the log.
 */
export function openHistoryDatabase(file: string, options: { readonly?: boolean } = {}): Database.Database {
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma('busy_timeout = 10000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // 16 MB of page cache keeps the hot index pages (open instances, tasks) between transactions; 64 MB held
    // ~46 MB more of the engine's RSS under load for no measurable gain (the OS caches the file as well).
    db.pragma('cache_size = -16384');
    // A checkpoint every 16,384 WAL pages (64 MB) instead of 1,000: a page that many transactions rewrite is
    // copied into the database once, and commits stop paying for frequent checkpoints.
    db.pragma('wal_autocheckpoint = 16384');
    // An insert into a table with several indexes (or an upsert) keeps a statement journal: by default a temp
    // file written page by page (strace: ~20 pwrite calls per exported row, two thirds of the exporter's SQL
    // time on this machine). In memory it costs a few pages of RAM for the statement's length.
    db.pragma('temp_store = MEMORY');
    const view = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = 'instance_event_log'").get() as { sql: string } | undefined;
    if (view && !view.sql.includes('completed_position')) db.exec('DROP VIEW instance_event_log');
    db.exec(TABLES);
    db.exec(SUBSCRIPTION_TABLES);
  }
  return db;
}
