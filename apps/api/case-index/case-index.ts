/**
 * The apps' case index: a per-case summary of the history store (state, dates, number, title, applicant,
 * departments, light inputs, 按时办结 / 超期办结, handling time) with indexes and a trigram full-text index, so
 * the audit lists, the 亮灯 board, the department dashboard and the statistics are indexed reads instead of
 * per-case evaluations over a million instances. It lives in its own file (`apps-cases.sqlite` next to
 * `history.sqlite`, never written by the exporter) and is kept up to date incrementally: each request first
 * reads only what history added since — instances with larger keys, user tasks with larger keys, variable
 * changes at later positions, and the open cases that ended (found by comparing counts first). The first
 * catch-up reads every instance once, a chunk of keys per event-loop turn.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { CASE_FACT_CREATIONS } from '../../../engine/history/history-schema';
import type { BusinessCalendar } from '../../../workers/calendar';
import { WorkingTimeIndex } from '../working-time-index';
import { CaseFactsReader, type CaseRow } from './case-facts';
import { CASE_INDEX_SCHEMA_VERSION, openCaseIndexDatabase } from './case-index-schema';

/** The counts one day row holds (and a period sums). */
export interface DayCounts {
  finished: number;
  onTime: number;
  overdue: number;
  daysSum: number;
  daysCount: number;
  limitSum: number;
  limitCount: number;
}

/** One deadline of an open case, as the calendar banner counts them (`calendar-status.ts`). */
export interface OpenDeadline {
  dueYear: number;
  provisional: boolean;
  provisionalYear: number | null;
}

interface Marks {
  instance: string;
  task: string;
  variable: number;
}

/** Instances read per chunk of the first catch-up. */
const CHUNK = 5_000;
/**
 * The variables whose creation marks a case changed, as history's partial index variables_case_facts_created
 * lists them (the same terms, so SQLite can use it): those the case facts read, and the case number and title.
 */
const CREATED_CASE_FACTS = CASE_FACT_CREATIONS;
const BEIJING = 8 * 3_600_000;
/** Open user task states (Camunda's UserTaskStateEnum, as history writes them). */
export const OPEN_TASK_STATES = `('CREATING', 'CREATED', 'ASSIGNING', 'UPDATING', 'COMPLETING', 'CANCELING')`;

/** The case index of one history store. */
export class CaseIndex {
  /** The index's own connection (read it with the tables of `case-index-schema.ts`). */
  readonly db: Database.Database;
  private readonly reader: CaseFactsReader;
  private catching: Promise<void> | undefined;
  private readonly statements;

  /** Opens (or creates) the index next to the history file `history` reads. */
  constructor(
    readonly history: Database.Database,
    calendar: BusinessCalendar,
    file = join(dirname(history.name), 'apps-cases.sqlite'),
  ) {
    this.db = openCaseIndexDatabase(file);
    // The statistics counters' file of earlier versions: its counters now live here.
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dirname(file), `audit-statistics.sqlite${suffix}`), { force: true });
    this.reader = new CaseFactsReader(history, calendar, new WorkingTimeIndex(calendar));
    const db = this.db;
    this.statements = {
      state: db.prepare(
        'SELECT CAST(last_instance_key AS TEXT) AS instance, CAST(last_task_key AS TEXT) AS task, last_variable_position AS variable FROM index_state WHERE id = 1',
      ),
      saveState: db.prepare(
        `INSERT INTO index_state (id, schema_version, last_instance_key, last_task_key, last_variable_position) VALUES (1, ${CASE_INDEX_SCHEMA_VERSION}, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET last_instance_key = excluded.last_instance_key, last_task_key = excluded.last_task_key, last_variable_position = excluded.last_variable_position`,
      ),
      upsert: db.prepare(
        `INSERT INTO cases (process_instance_key, top, process_id, process_name, state, start_date, end_date, case_id, case_title, applicant,
           open_due, open_warn, has_running, has_paused, min_due, case_due, result, deadline_years, days, limit_days)
         VALUES (@key, @top, @processId, @processName, @state, @startDate, @endDate, @caseId, @caseTitle, @applicant,
           @openDue, @openWarn, @hasRunning, @hasPaused, @minDue, @caseDue, @result, @deadlineYears, @days, @limitDays)
         ON CONFLICT (process_instance_key) DO UPDATE SET top = excluded.top, process_id = excluded.process_id, process_name = excluded.process_name,
           state = excluded.state, start_date = excluded.start_date, end_date = excluded.end_date, case_id = excluded.case_id, case_title = excluded.case_title,
           applicant = excluded.applicant, open_due = excluded.open_due, open_warn = excluded.open_warn, has_running = excluded.has_running,
           has_paused = excluded.has_paused, min_due = excluded.min_due, case_due = excluded.case_due, result = excluded.result, deadline_years = excluded.deadline_years, days = excluded.days,
           limit_days = excluded.limit_days
         RETURNING counted`,
      ),
      insert: db.prepare(
        `INSERT INTO cases (process_instance_key, top, process_id, process_name, state, start_date, end_date, case_id, case_title, applicant,
           open_due, open_warn, has_running, has_paused, min_due, case_due, result, deadline_years, days, limit_days)
         VALUES (@key, @top, @processId, @processName, @state, @startDate, @endDate, @caseId, @caseTitle, @applicant,
           @openDue, @openWarn, @hasRunning, @hasPaused, @minDue, @caseDue, @result, @deadlineYears, @days, @limitDays)`,
      ),
      departmentsOf: db.prepare('SELECT department FROM case_departments WHERE process_instance_key = ?').pluck(),
      received: db.prepare(
        `INSERT INTO day_received (day, process_id, department, received) VALUES (?, ?, ?, 1)
         ON CONFLICT (day, process_id, department) DO UPDATE SET received = received + 1`,
      ),
      markCounted: db.prepare('UPDATE cases SET counted = 1 WHERE process_instance_key = ?'),
      dropDepartments: db.prepare('DELETE FROM case_departments WHERE process_instance_key = ?'),
      department: db.prepare('INSERT OR IGNORE INTO case_departments (process_instance_key, department) VALUES (?, ?)'),
      dropText: db.prepare('DELETE FROM case_text WHERE rowid = ?'),
      text: db.prepare('INSERT INTO case_text (rowid, case_title, case_id, process_id, instance_key, applicant) VALUES (?, ?, ?, ?, ?, ?)'),
      name: db.prepare('INSERT INTO process_names (process_id, name) VALUES (?, ?) ON CONFLICT (process_id) DO UPDATE SET name = COALESCE(excluded.name, name)'),
      count: db.prepare(
        `INSERT INTO day_counts (day, process_id, department, finished, on_time, overdue, days_sum, days_count, limit_sum, limit_count)
         VALUES (@day, @processId, @department, 1, @onTime, @overdue, @days, @hasDays, @limit, @hasLimit)
         ON CONFLICT (day, process_id, department) DO UPDATE SET finished = finished + 1, on_time = on_time + @onTime, overdue = overdue + @overdue,
           days_sum = days_sum + @days, days_count = days_count + @hasDays, limit_sum = limit_sum + @limit, limit_count = limit_count + @hasLimit`,
      ),
      openKeys: db.prepare(`SELECT CAST(process_instance_key AS TEXT) AS key FROM cases WHERE state = 'ACTIVE'`),
      openCount: db.prepare(`SELECT COUNT(*) AS n FROM cases WHERE state = 'ACTIVE'`),
    };
  }

  /** Brings the index up to what history holds now; concurrent callers share one catch-up. */
  catchUp(): Promise<void> {
    this.catching ??= this.sync().finally(() => (this.catching = undefined));
    return this.catching;
  }

  /** Day rows from `fromDay` to `toDay` (Beijing dates, inclusive), optionally of one process. */
  dayRows(fromDay: string, toDay: string, processId: string | null): (DayCounts & { day: string; processId: string; processName: string | null; department: string })[] {
    return this.db
      .prepare(
        `SELECT d.day, d.process_id AS processId, n.name AS processName, d.department, d.finished, d.on_time AS onTime, d.overdue,
           d.days_sum AS daysSum, d.days_count AS daysCount, d.limit_sum AS limitSum, d.limit_count AS limitCount
         FROM day_counts d LEFT JOIN process_names n ON n.process_id = d.process_id
         WHERE d.day >= ? AND d.day <= ? ${processId ? 'AND d.process_id = ?' : ''}`,
      )
      .all(fromDay, toDay, ...(processId ? [processId] : [])) as ReturnType<CaseIndex['dayRows']>;
  }

  /** Every deadline of the open top-level cases: the year it is due in, and the year without holiday data when 期限暂定. */
  openDeadlines(): OpenDeadline[] {
    const deadlines: OpenDeadline[] = [];
    for (const row of this.db.prepare(`SELECT deadline_years AS years FROM cases WHERE state = 'ACTIVE' AND top = 1 AND deadline_years IS NOT NULL`).all() as { years: string }[]) {
      for (const [dueYear, provisionalYear] of JSON.parse(row.years) as [number, number | null][]) {
        deadlines.push({ dueYear, provisional: provisionalYear !== null, provisionalYear: provisionalYear || null });
      }
    }
    return deadlines;
  }

  /** Closes the index's file (its WAL is checkpointed and removed). */
  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Where history stands now: its largest instance and task keys and variable change position. */
  private historyMarks(): Marks {
    const value = (sql: string) => (this.history.prepare(sql).get() as { value: string | number | null }).value;
    return {
      instance: String(value('SELECT CAST(COALESCE(MAX(process_instance_key), 0) AS TEXT) AS value FROM process_instances')),
      task: String(value('SELECT CAST(COALESCE(MAX(user_task_key), 0) AS TEXT) AS value FROM user_tasks')),
      variable: Math.max(
        Number(value('SELECT COALESCE(MAX(position), 0) AS value FROM variable_changes')),
        Number(value(`SELECT COALESCE((SELECT created_position FROM variables INDEXED BY variables_case_facts_created WHERE ${CREATED_CASE_FACTS} ORDER BY created_position DESC LIMIT 1), 0) AS value`)),
      ),
    };
  }

  private async sync(): Promise<void> {
    let state = this.statements.state.get() as Marks | undefined;
    const now = this.historyMarks();
    // History rebuilt from an older log, or replaced: index everything again.
    if (state && (BigInt(now.instance) < BigInt(state.instance) || now.variable < state.variable)) state = undefined;
    if (!state) {
      // Whatever a first build cut short (or an index of another history) left behind goes first.
      this.db.exec(`DELETE FROM index_state; DELETE FROM cases; DELETE FROM case_departments; INSERT INTO case_text (case_text) VALUES ('delete-all');
        DELETE FROM process_names; DELETE FROM day_counts; DELETE FROM day_received;`);
      // First catch-up: every instance up to the marks, a chunk per event-loop turn so requests still get turns.
      // Without fsync until it is done: the state row is written last, so a build cut short starts again.
      this.db.pragma('synchronous = OFF');
      let after = '0';
      for (;;) {
        const rows = this.reader.range(after, now.instance, CHUNK);
        if (rows.length === 0) break;
        this.write(rows, true);
        after = rows[rows.length - 1].key;
        await new Promise((resolve) => setImmediate(resolve));
        // Closed meanwhile (the server stopped): the next start goes on from an empty index.
        if (!this.db.open || !this.history.open) return;
      }
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.statements.saveState.run(now.instance, now.task, now.variable);
      state = now;
    }
    this.increment(state);
  }

  /** Reads what history added after `from` (in one read transaction, so the marks and rows agree). */
  private increment(from: Marks): void {
    const changed = this.history.transaction(() => {
      const marks = this.historyMarks();
      const rows: CaseRow[] = [];
      for (let after = from.instance; ; ) {
        const added = this.reader.range(after, marks.instance, CHUNK);
        if (added.length === 0) break;
        rows.push(...added);
        after = added[added.length - 1].key;
      }
      const seen = new Set(rows.map((row) => row.key));
      const dirty = new Set<string>();
      for (const { key } of this.history
        .prepare('SELECT DISTINCT CAST(process_instance_key AS TEXT) AS key FROM variable_changes WHERE position > ? AND position <= ?')
        .all(from.variable, marks.variable) as { key: string }[]) {
        dirty.add(key);
      }
      // Creations the variables rows hold (history-schema.ts): those of the variables the cases read.
      for (const { key } of this.history
        .prepare(
          `SELECT DISTINCT CAST(process_instance_key AS TEXT) AS key FROM variables INDEXED BY variables_case_facts_created
           WHERE created_position > ? AND created_position <= ? AND ${CREATED_CASE_FACTS}`,
        )
        .all(from.variable, marks.variable) as { key: string }[]) {
        dirty.add(key);
      }
      for (const { key } of this.history
        .prepare('SELECT DISTINCT CAST(process_instance_key AS TEXT) AS key FROM user_tasks WHERE user_task_key > ? AND user_task_key <= ?')
        .all(from.task, marks.task) as { key: string }[]) {
        dirty.add(key);
      }
      // Open cases that ended: the index's open set holds history's; equal sizes mean equal sets.
      const openInHistory = (this.history.prepare(`SELECT COUNT(*) AS n FROM process_instances WHERE state = 'ACTIVE'`).get() as { n: number }).n;
      const openAdded = rows.filter((row) => row.state === 'ACTIVE').length;
      const openHere = (this.statements.openCount.get() as { n: number }).n;
      if (openHere + openAdded !== openInHistory) {
        const stillOpen = new Set(
          (this.history.prepare(`SELECT CAST(process_instance_key AS TEXT) AS key FROM process_instances WHERE state = 'ACTIVE'`).all() as { key: string }[]).map((row) => row.key),
        );
        for (const { key } of this.statements.openKeys.all() as { key: string }[]) if (!stillOpen.has(key)) dirty.add(key);
      }
      for (const key of seen) dirty.delete(key);
      rows.push(...this.reader.cases([...dirty]));
      return { rows, marks };
    })();
    this.db.transaction(() => {
      this.write(changed.rows, false);
      const { marks } = changed;
      if (marks.instance !== from.instance || marks.task !== from.task || marks.variable !== from.variable) this.statements.saveState.run(marks.instance, marks.task, marks.variable);
    })();
  }

  /** Writes rows (`fresh`: into an empty index, nothing to replace), counting each finished case once. */
  private write(rows: CaseRow[], fresh: boolean): void {
    const s = this.statements;
    this.db.transaction(() => {
      for (const row of rows) {
        // Departments known before this read: a new one adds the case to its day_received count.
        const known = new Set(fresh ? [] : (s.departmentsOf.all(row.key) as string[]));
        const counted = fresh ? (s.insert.run(row), 0) : (s.upsert.get(row) as { counted: number }).counted;
        if (!fresh) {
          s.dropDepartments.run(row.key);
          s.dropText.run(row.key);
        }
        const startDay = new Date(row.startDate + BEIJING).toISOString().slice(0, 10);
        for (const department of row.departments) {
          s.department.run(row.key, department);
          if (row.top === 1 && !known.has(department)) s.received.run(startDay, row.processId, department);
        }
        s.text.run(row.key, row.caseTitle, row.caseId, row.processId, row.key, row.applicant);
        if (row.top === 1 && row.state === 'COMPLETED' && row.endDate !== null && counted === 0) {
          this.count(row);
          s.markCounted.run(row.key);
        }
      }
    })();
  }

  /** Adds a finished case to its day's counters: once for itself, once per department. */
  private count(row: CaseRow): void {
    const values = {
      day: new Date(row.endDate! + BEIJING).toISOString().slice(0, 10),
      processId: row.processId,
      onTime: row.result === 1 ? 1 : 0,
      overdue: row.result === 0 ? 1 : 0,
      days: row.days ?? 0,
      hasDays: row.days === null ? 0 : 1,
      limit: row.limitDays ?? 0,
      hasLimit: row.limitDays === null ? 0 : 1,
    };
    this.statements.count.run({ ...values, department: '' });
    for (const department of row.departments) this.statements.count.run({ ...values, department });
    this.statements.name.run(row.processId, row.processName);
  }
}
