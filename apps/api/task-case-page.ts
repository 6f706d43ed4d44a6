/**
 * The task list's case page (`GET /v2/apps/tasklist/cases/{processInstanceKey}`) read from the history store on the
 * apps' reader thread: the case's user tasks (whoever may read one of them may read the case; the route decides),
 * and the page itself — the case header (applicant, number, 受理时间, lights at engine time), its notes and the
 * readable history. The reader waits until history has what was committed when the request came in, so the page is
 * as current as the engine's live state was when it was read on the engine thread.
 */
import type Database from 'better-sqlite3';
import type { IdentityDirectory, UserTaskFacts } from '../../engine/identity';
import type { BusinessCalendar } from '../../workers/calendar';
import type { CaseLight } from '../../workers/lights';
import { caseAcceptedAt, caseFactsFromVariables } from './case-lights';
import { CASE_NOTES_VARIABLE, notesOf, type CaseNote } from './case-notes';
import { readableHistoryOf, type ReadableEntry } from './readable-history';

/** One of the case's user tasks, as the caller's right to read it is checked. */
export interface CaseTaskRow extends UserTaskFacts {
  name: string | null;
  state: string;
  dueDate: number | null;
}

/** The case's user tasks, oldest first (none for an unknown key). */
export function caseTasksOf(db: Database.Database, processInstanceKey: string): CaseTaskRow[] {
  if (!/^\d{1,19}$/.test(processInstanceKey)) return [];
  const rows = db
    .prepare(
      `SELECT CAST(user_task_key AS TEXT) AS userTaskKey, name, state, assignee, candidate_groups AS candidateGroups, candidate_users AS candidateUsers, due_date AS dueDate
       FROM user_tasks WHERE process_instance_key = ? ORDER BY creation_date`,
    )
    .all(processInstanceKey) as { userTaskKey: string; name: string | null; state: string; assignee: string | null; candidateGroups: string; candidateUsers: string; dueDate: number | null }[];
  return rows.map((row) => ({ ...row, assignee: row.assignee || null, candidateGroups: JSON.parse(row.candidateGroups) as string[], candidateUsers: JSON.parse(row.candidateUsers) as string[] }));
}

/** The case page's answer. */
export interface TaskCasePage {
  case: {
    processInstanceKey: string;
    state: string;
    processName: string;
    bpmnProcessId: string;
    caseId: string | null;
    caseTitle: string | null;
    applicant: string | null;
    acceptedAt: string;
    endedAt: string | null;
    light: CaseLight | null;
    lightError?: string;
  };
  /** Where the case is now: its open steps, each with its departments (by name) and who holds it (null: unclaimed). */
  currentSteps: CurrentStep[];
  /** The case waits for the applicant's 补正 materials (the models' `correction-submitted` message, by case number). */
  waitsForCorrection: boolean;
  notes: CaseNote[];
  history: ReadableEntry[];
}

/** An open step of a case, as the window that accepted it is told where the case went. */
export interface CurrentStep {
  userTaskKey: string;
  name: string | null;
  departments: string[];
  assignee: string | null;
  assigneeName: string | null;
}

/**
 * Who opened the case (the audit log's actor of its creation): the window clerk who accepted it may follow it
 * after it has left their department. Null for a case a worker, a message or another case opened.
 */
export function caseStarterOf(db: Database.Database, processInstanceKey: string): string | null {
  if (!/^\d{1,19}$/.test(processInstanceKey)) return null;
  const row = db
    .prepare(`SELECT actor_id AS actor FROM audit_log WHERE process_instance_key = ? AND entity_type = 'PROCESS_INSTANCE' AND operation_type = 'CREATE' AND actor_type = 'USER' ORDER BY audit_log_key LIMIT 1`)
    .get(processInstanceKey) as { actor: string | null } | undefined;
  return row?.actor ?? null;
}

/** Text of a value that may be a string, else null. */
function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The applicant's name as the models' start forms keep it (applicant, insured person, talent). */
function applicantOf(variables: Record<string, unknown>): string | null {
  for (const holder of ['applicant', 'insured', 'talent']) {
    const value = variables[holder];
    if (value && typeof value === 'object' && text((value as { name?: unknown }).name)) return (value as { name: string }).name;
  }
  return text(variables.applicantName);
}

/** The case's own (process-scope) variables as history has them last. */
function processVariables(db: Database.Database, key: string): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const row of db.prepare('SELECT name, value FROM variables WHERE process_instance_key = ? AND scope_key = ?').all(key, key) as { name: string; value: string }[]) {
    try {
      variables[row.name] = JSON.parse(row.value);
    } catch {
      variables[row.name] = row.value;
    }
  }
  return variables;
}

/** The case page of `processInstanceKey` at `now` (engine time), or undefined when history does not have it. */
export function taskCasePage(db: Database.Database, key: string, calendar: BusinessCalendar, directory: Pick<IdentityDirectory, 'principal' | 'groupName'> | undefined, now: number): TaskCasePage | undefined {
  const instance = db
    .prepare(`SELECT state, start_date AS startDate, end_date AS endDate, COALESCE(process_definition_name, process_definition_id) AS processName, process_definition_id AS bpmnProcessId FROM process_instances WHERE process_instance_key = ?`)
    .get(key) as { state: string; startDate: number; endDate: number | null; processName: string; bpmnProcessId: string } | undefined;
  if (!instance) return undefined;
  const variables = processVariables(db, key);
  // Lights belong to running deadlines: an ended case has none (its result is the audit's business).
  const facts = instance.state === 'ACTIVE' ? caseFactsFromVariables(key, variables, calendar, now) : undefined;
  return {
    case: {
      processInstanceKey: key,
      state: instance.state,
      processName: instance.processName,
      bpmnProcessId: instance.bpmnProcessId,
      caseId: text(variables.caseId),
      caseTitle: text(variables.caseTitle),
      applicant: applicantOf(variables),
      /** 受理时间: when the window accepted it (the models' acceptedAt, else when it was received). */
      acceptedAt: caseAcceptedAt(variables, instance.startDate),
      endedAt: instance.endDate ? new Date(instance.endDate).toISOString() : null,
      light: facts?.light ?? null,
      lightError: facts?.lightError,
    },
    currentSteps: caseTasksOf(db, key)
      .filter((task) => task.state === 'CREATED')
      .map((task) => ({
        userTaskKey: task.userTaskKey,
        name: task.name,
        departments: task.candidateGroups.map((group) => directory?.groupName(group) ?? group),
        assignee: task.assignee ?? null,
        assigneeName: task.assignee ? (directory?.principal(task.assignee)?.name ?? task.assignee) : null,
      })),
    waitsForCorrection: db.prepare(`SELECT 1 FROM message_subscriptions WHERE process_instance_key = ? AND message_name = 'correction-submitted' AND state = 'CREATED' LIMIT 1`).get(key) !== undefined,
    notes: notesOf(variables[CASE_NOTES_VARIABLE]),
    history: readableHistoryOf(db, key, directory),
  };
}
