/**
 * The counter tables behind 电子监察 statistics: per Beijing day, process and department, how many cases
 * finished, on time or late, and their handling time against the limit. They live in the apps' own file
 * (`audit-statistics.sqlite` next to `history.sqlite`, never written by the exporter) and are folded from
 * the history store: once for every finished case already there, then only for the cases whose
 * completion history recorded since the last fold (a range read on `instance_events.position`).
 * A period's statistics then sum a few thousand day rows instead of reading a million cases.
 */
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { BusinessCalendar } from '../../workers/calendar';
import { WorkingTimeIndex } from './working-time-index';

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

const SCHEMA = `
CREATE TABLE IF NOT EXISTS fold_state (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS folded_cases (process_instance_key INTEGER PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS process_names (process_id TEXT PRIMARY KEY, name TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS day_counts (
  day TEXT NOT NULL,
  process_id TEXT NOT NULL,
  department TEXT NOT NULL, -- '' is the case itself (counted once); otherwise each department that had a task of it
  finished INTEGER NOT NULL, on_time INTEGER NOT NULL, overdue INTEGER NOT NULL,
  days_sum REAL NOT NULL, days_count INTEGER NOT NULL, limit_sum REAL NOT NULL, limit_count INTEGER NOT NULL,
  PRIMARY KEY (day, process_id, department)
) WITHOUT ROWID;
`;

/** Epoch ms of a deadline's dueAt, in SQL (ISO-8601 with offset → Julian day → ms). */
export const DUE_MS = `((julianday(json_extract(deadline, '$.dueAt')) - 2440587.5) * 86400000.0)`;
/** The case deadline of the instance `p`: its `deadline_*` variable with the largest limit. */
export const CASE_DEADLINE = `(SELECT v.value FROM variables v WHERE v.scope_key = p.process_instance_key
  AND v.name GLOB 'deadline_*' AND json_valid(v.value) ORDER BY json_extract(v.value, '$.limitWorkingMinutes') DESC LIMIT 1)`;

/** One finished case as the fold reads it. */
interface FinishedCase {
  key: number;
  processId: string;
  processName: string | null;
  startDate: number;
  endDate: number;
  deadline: string | null;
  onTime: number | null;
  departments: string | null;
}

const CASES_PER_FOLD = 5_000;
const BEIJING = 8 * 3_600_000;

function finishedCasesSql(where: string): string {
  return `SELECT key, processId, processName, startDate, endDate, deadline, departments,
      CASE WHEN deadline IS NULL THEN NULL
           WHEN json_extract(deadline, '$.pausedAt') IS NOT NULL THEN json_extract(deadline, '$.consumedWorkingMinutes') <= json_extract(deadline, '$.limitWorkingMinutes')
           ELSE endDate <= ${DUE_MS} END AS onTime
    FROM (SELECT p.process_instance_key AS key, p.process_definition_id AS processId, p.process_definition_name AS processName,
            p.start_date AS startDate, p.end_date AS endDate, ${CASE_DEADLINE} AS deadline,
            (SELECT json_group_array(DISTINCT g.value) FROM user_tasks t, json_each(t.candidate_groups) g WHERE t.process_instance_key = p.process_instance_key) AS departments
          FROM process_instances p WHERE p.state = 'COMPLETED' AND p.parent_process_instance_key IS NULL AND ${where})`;
}

/** The apps' statistics counters, folded from one history store. */
export class AuditStatisticsStore {
  private readonly db: Database.Database;
  private readonly index: WorkingTimeIndex;
  private folding: Promise<void> | undefined;

  /** Opens (or creates) the counters next to the history file `history` reads. */
  constructor(
    private readonly history: Database.Database,
    private readonly calendar: BusinessCalendar,
    file = join(dirname(history.name), 'audit-statistics.sqlite'),
  ) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    this.index = new WorkingTimeIndex(calendar);
  }

  /** Brings the counters up to what history holds now; concurrent callers share one fold. */
  catchUp(): Promise<void> {
    this.folding ??= this.fold().finally(() => (this.folding = undefined));
    return this.folding;
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
      .all(fromDay, toDay, ...(processId ? [processId] : [])) as ReturnType<AuditStatisticsStore['dayRows']>;
  }

  /** Closes the counters' file. */
  close(): void {
    if (this.db.open) this.db.close();
  }

  private async fold(): Promise<void> {
    const state = this.db.prepare('SELECT position FROM fold_state WHERE id = 1').get() as { position: number } | undefined;
    const newest = (this.history.prepare('SELECT COALESCE(MAX(position), -1) AS position FROM instance_events').get() as { position: number }).position;
    if (state && newest < state.position) {
      // History was rebuilt from an older log, or replaced: count everything again.
      this.db.exec('DELETE FROM fold_state; DELETE FROM folded_cases; DELETE FROM day_counts;');
      return this.fold();
    }
    if (!state) {
      // First fold: every finished case already in history, in key order, a chunk at a time so requests still get turns.
      let after = -1;
      for (;;) {
        const rows = this.history.prepare(`${finishedCasesSql('p.process_instance_key > ?')} ORDER BY key LIMIT ${CASES_PER_FOLD}`).all(after) as FinishedCase[];
        if (rows.length === 0) break;
        this.add(rows);
        after = rows[rows.length - 1].key;
        await new Promise((resolve) => setImmediate(resolve));
      }
      this.db.prepare('INSERT OR REPLACE INTO fold_state (id, position) VALUES (1, ?)').run(newest);
      return;
    }
    // Later folds: the top-level processes whose completion was recorded after the last fold.
    const completed = this.history
      .prepare(
        `SELECT DISTINCT record_key AS key FROM instance_events WHERE position > ? AND position <= ? AND record_type = 'EVENT'
           AND value_type = 'PROCESS_INSTANCE' AND intent = 'ELEMENT_COMPLETED' AND detail = 'PROCESS' AND record_key = process_instance_key`,
      )
      .all(state.position, newest) as { key: number }[];
    for (let start = 0; start < completed.length; start += CASES_PER_FOLD) {
      const keys = completed.slice(start, start + CASES_PER_FOLD).map((row) => row.key);
      this.add(this.history.prepare(`${finishedCasesSql(`p.process_instance_key IN (${keys.map(() => '?').join(',')})`)}`).all(...keys) as FinishedCase[]);
    }
    this.db.prepare('UPDATE fold_state SET position = ? WHERE id = 1').run(newest);
  }

  /** Adds finished cases to the day rows, each once (a case already folded is skipped). */
  private add(rows: FinishedCase[]): void {
    const mark = this.db.prepare('INSERT OR IGNORE INTO folded_cases (process_instance_key) VALUES (?)');
    const name = this.db.prepare('INSERT INTO process_names (process_id, name) VALUES (?, ?) ON CONFLICT (process_id) DO UPDATE SET name = COALESCE(excluded.name, name)');
    const count = this.db.prepare(
      `INSERT INTO day_counts (day, process_id, department, finished, on_time, overdue, days_sum, days_count, limit_sum, limit_count)
       VALUES (@day, @processId, @department, 1, @onTime, @overdue, @days, @hasDays, @limit, @hasLimit)
       ON CONFLICT (day, process_id, department) DO UPDATE SET finished = finished + 1, on_time = on_time + @onTime, overdue = overdue + @overdue,
         days_sum = days_sum + @days, days_count = days_count + @hasDays, limit_sum = limit_sum + @limit, limit_count = limit_count + @hasLimit`,
    );
    const names = new Map<string, string | null>();
    this.db.transaction(() => {
      for (const row of rows) {
        if (mark.run(row.key).changes === 0) continue;
        names.set(row.processId, row.processName ?? names.get(row.processId) ?? null);
        const { days, limit } = this.handlingWorkingDays(row);
        const values = {
          day: new Date(row.endDate + BEIJING).toISOString().slice(0, 10),
          processId: row.processId,
          onTime: row.onTime === 1 ? 1 : 0,
          overdue: row.onTime === 0 ? 1 : 0,
          days: days ?? 0,
          hasDays: days === null ? 0 : 1,
          limit: limit ?? 0,
          hasLimit: limit === null ? 0 : 1,
        };
        count.run({ ...values, department: '' });
        const departments = (row.departments ? (JSON.parse(row.departments) as (string | null)[]) : []).filter((id): id is string => Boolean(id));
        for (const department of departments) count.run({ ...values, department });
      }
      for (const [processId, processName] of names) name.run(processId, processName);
    })();
  }

  /** Working days a finished case took: its deadline's consumed time (pauses left out), else start to end. */
  private handlingWorkingDays(row: FinishedCase): { days: number | null; limit: number | null } {
    const perDay = this.calendar.minutesPerWorkingDay;
    try {
      if (row.deadline) {
        const deadline = JSON.parse(row.deadline) as { limitWorkingMinutes: number; consumedWorkingMinutes: number; startedAt: string; pausedAt: string | null };
        const running = deadline.pausedAt ? 0 : this.index.minutesBetween(Date.parse(deadline.startedAt), row.endDate);
        return { days: (deadline.consumedWorkingMinutes + Math.max(0, running)) / perDay, limit: deadline.limitWorkingMinutes / perDay };
      }
      return { days: this.index.minutesBetween(row.startDate, row.endDate) / perDay, limit: null };
    } catch {
      // A deadline the calendar cannot count (e.g. a broken variable) leaves the averages, not the counts.
      return { days: null, limit: null };
    }
  }
}
