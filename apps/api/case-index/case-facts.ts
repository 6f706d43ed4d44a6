/**
 * What the case index keeps of one process instance, read from the history store a chunk of instances at a
 * time: its state and dates, case number, title and applicant, the departments of its user tasks, and what its
 * `deadline_*` variables say — the live light's inputs while it runs, 按时办结 / 超期办结 and the handling time
 * once it has finished. The rules are the ones the audit filters and statistics have always applied.
 */
import type Database from 'better-sqlite3';
import type { BusinessCalendar } from '../../../workers/calendar';
import type { WorkingTimeIndex } from '../working-time-index';

/** One row of the case index. */
export interface CaseRow {
  key: string;
  top: 0 | 1;
  processId: string;
  processName: string | null;
  state: string;
  startDate: number;
  endDate: number | null;
  caseId: string | null;
  caseTitle: string | null;
  /** The `applicant` variable's JSON text, as history holds it (searched as text, as before). */
  applicant: string | null;
  departments: string[];
  /** Earliest dueAt / warnAt of the running (not paused) deadlines, epoch ms. */
  openDue: number | null;
  openWarn: number | null;
  hasRunning: 0 | 1;
  hasPaused: 0 | 1;
  /** Earliest dueAt of every deadline (the 亮灯 board's order). */
  minDue: number | null;
  /** dueAt of the case deadline (the one with the largest limit). */
  caseDue: number | null;
  /** Finished: 1 按时办结, 0 超期办结, null without a deadline. */
  result: 0 | 1 | null;
  /** Each deadline's dueAt year and, when 期限暂定, the year without holiday data (JSON `[[year, provisionalYear | null]]`), or null. */
  deadlineYears: string | null;
  /** Finished: working days it took (pauses left out) and its limit, or null. */
  days: number | null;
  limitDays: number | null;
}

interface Deadline {
  limitWorkingMinutes?: number;
  consumedWorkingMinutes?: number;
  startedAt?: string;
  dueAt?: string;
  warnAt?: string;
  pausedAt?: string | null;
  provisional?: boolean;
  provisionalYear?: number | null;
}

interface InstanceRow {
  key: string;
  parent: string | null;
  processId: string;
  processName: string | null;
  state: string;
  startDate: number;
  endDate: number | null;
  caseId: string | null;
  caseTitle: string | null;
}

const INSTANCE_COLUMNS = `CAST(process_instance_key AS TEXT) AS key, CAST(parent_process_instance_key AS TEXT) AS parent, process_definition_id AS processId,
  process_definition_name AS processName, state, start_date AS startDate, end_date AS endDate, case_id AS caseId, case_title AS caseTitle`;

/** Epoch ms of an ISO instant, or null when it is missing or not one. */
function instant(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Reads case facts from one history store. */
export class CaseFactsReader {
  private readonly statements;

  constructor(
    private readonly history: Database.Database,
    private readonly calendar: BusinessCalendar,
    private readonly index: WorkingTimeIndex,
  ) {
    this.statements = {
      chunk: history.prepare(`SELECT ${INSTANCE_COLUMNS} FROM process_instances WHERE process_instance_key > ? AND process_instance_key <= ? ORDER BY process_instance_key LIMIT ?`),
      // Process-level variables of a key range: the (scope_key, name) index, no table scan.
      chunkVariables: history.prepare(
        `SELECT CAST(scope_key AS TEXT) AS key, name, value FROM variables WHERE scope_key >= ? AND scope_key <= ? AND (name GLOB 'deadline_*' OR name = 'applicant')`,
      ),
      chunkTasks: history.prepare(`SELECT CAST(process_instance_key AS TEXT) AS key, candidate_groups AS groups FROM user_tasks WHERE process_instance_key >= ? AND process_instance_key <= ?`),
    };
  }

  /**
   * The instances with keys in (`after`, `upTo`], at most `limit` of them, in key order, with their facts.
   */
  range(after: string, upTo: string, limit: number): CaseRow[] {
    const instances = this.statements.chunk.all(after, upTo, limit) as InstanceRow[];
    if (instances.length === 0) return [];
    const first = instances[0].key;
    const last = instances[instances.length - 1].key;
    return this.withFacts(instances, this.statements.chunkVariables.all(first, last) as VariableRow[], this.statements.chunkTasks.all(first, last) as TaskRow[]);
  }

  /** The instances `keys` (those history has), with their facts. */
  cases(keys: readonly string[]): CaseRow[] {
    const rows: CaseRow[] = [];
    for (let start = 0; start < keys.length; start += 500) {
      const some = keys.slice(start, start + 500);
      const list = some.map(() => '?').join(',');
      const instances = this.history.prepare(`SELECT ${INSTANCE_COLUMNS} FROM process_instances WHERE process_instance_key IN (${list})`).all(...some) as InstanceRow[];
      const variables = this.history
        .prepare(`SELECT CAST(scope_key AS TEXT) AS key, name, value FROM variables WHERE scope_key IN (${list}) AND (name GLOB 'deadline_*' OR name = 'applicant')`)
        .all(...some) as VariableRow[];
      const tasks = this.history.prepare(`SELECT CAST(process_instance_key AS TEXT) AS key, candidate_groups AS groups FROM user_tasks WHERE process_instance_key IN (${list})`).all(...some) as TaskRow[];
      rows.push(...this.withFacts(instances, variables, tasks));
    }
    return rows;
  }

  private withFacts(instances: InstanceRow[], variables: VariableRow[], tasks: TaskRow[]): CaseRow[] {
    const byKey = new Map<string, { deadlines: Deadline[]; applicant: string | null; departments: Set<string> }>();
    const of = (key: string) => byKey.get(key) ?? byKey.set(key, { deadlines: [], applicant: null, departments: new Set() }).get(key)!;
    for (const variable of variables) {
      if (variable.name === 'applicant') {
        of(variable.key).applicant = variable.value;
        continue;
      }
      try {
        const deadline = JSON.parse(variable.value) as unknown;
        if (deadline && typeof deadline === 'object' && !Array.isArray(deadline)) of(variable.key).deadlines.push(deadline as Deadline);
      } catch {
        // not JSON: not a deadline (the SQL rules skipped it with json_valid)
      }
    }
    for (const task of tasks) {
      try {
        for (const group of JSON.parse(task.groups) as unknown[]) if (typeof group === 'string' && group) of(task.key).departments.add(group);
      } catch {
        // candidate groups are always a JSON array; a broken one names no department
      }
    }
    return instances.map((instance) => this.row(instance, byKey.get(instance.key)));
  }

  private row(instance: InstanceRow, facts: { deadlines: Deadline[]; applicant: string | null; departments: Set<string> } | undefined): CaseRow {
    const deadlines = facts?.deadlines ?? [];
    let openDue: number | null = null;
    let openWarn: number | null = null;
    let minDue: number | null = null;
    let hasRunning: 0 | 1 = 0;
    let hasPaused: 0 | 1 = 0;
    const min = (a: number | null, b: number | null) => (b === null ? a : a === null ? b : Math.min(a, b));
    for (const deadline of deadlines) {
      const due = instant(deadline.dueAt);
      minDue = min(minDue, due);
      if (deadline.pausedAt !== undefined && deadline.pausedAt !== null) {
        hasPaused = 1;
        continue;
      }
      hasRunning = 1;
      openDue = min(openDue, due);
      openWarn = min(openWarn, instant(deadline.warnAt));
    }
    // The case deadline: the largest limit (the first of equals, as SQL's ORDER BY … LIMIT 1 picked one).
    let caseDeadline: Deadline | undefined;
    for (const deadline of deadlines) {
      if (!caseDeadline || Number(deadline.limitWorkingMinutes ?? -Infinity) > Number(caseDeadline.limitWorkingMinutes ?? -Infinity)) caseDeadline = deadline;
    }
    const row: CaseRow = {
      key: instance.key,
      top: instance.parent ? 0 : 1,
      processId: instance.processId,
      processName: instance.processName,
      state: instance.state,
      startDate: instance.startDate,
      endDate: instance.endDate,
      caseId: instance.caseId,
      caseTitle: instance.caseTitle,
      applicant: facts?.applicant ?? null,
      departments: [...(facts?.departments ?? [])],
      openDue,
      openWarn,
      hasRunning,
      hasPaused,
      minDue,
      caseDue: instant(caseDeadline?.dueAt),
      result: null,
      deadlineYears: deadlines.length
        ? JSON.stringify(deadlines.map((deadline) => [Number(String(deadline.dueAt).slice(0, 4)), deadline.provisional === true ? (deadline.provisionalYear ?? 0) : null]))
        : null,
      days: null,
      limitDays: null,
    };
    if (instance.state === 'COMPLETED' && instance.endDate !== null) this.finish(row, caseDeadline, instance.endDate);
    return row;
  }

  /** 按时办结 / 超期办结 and the handling time of a finished case. */
  private finish(row: CaseRow, deadline: Deadline | undefined, endDate: number): void {
    const perDay = this.calendar.minutesPerWorkingDay;
    if (deadline) {
      const paused = deadline.pausedAt !== undefined && deadline.pausedAt !== null;
      // Ended while paused (补正): the clock stood still, so the time consumed counts against the limit.
      if (paused) {
        const { consumedWorkingMinutes: consumed, limitWorkingMinutes: limit } = deadline;
        if (typeof consumed === 'number' && typeof limit === 'number') row.result = consumed <= limit ? 1 : 0;
      }
      else if (row.caseDue !== null) row.result = endDate <= row.caseDue ? 1 : 0;
      try {
        const running = paused ? 0 : this.index.minutesBetween(Date.parse(String(deadline.startedAt)), endDate);
        const days = (Number(deadline.consumedWorkingMinutes) + Math.max(0, running)) / perDay;
        const limit = Number(deadline.limitWorkingMinutes) / perDay;
        if (Number.isFinite(days) && Number.isFinite(limit)) {
          row.days = days;
          row.limitDays = limit;
        }
      } catch {
        // A deadline the calendar cannot count (e.g. a broken variable) leaves the averages, not the counts.
      }
      return;
    }
    try {
      row.days = this.index.minutesBetween(row.startDate, endDate) / perDay;
    } catch {
      row.days = null;
    }
  }
}

interface VariableRow {
  key: string;
  name: string;
  value: string;
}

interface TaskRow {
  key: string;
  groups: string;
}
