/**
 * The cases of the task list's rows from the history store, on the apps' reader thread: an open task's case with
 * its lights, an ended task's (已办任务) with the case number and title history keeps on the process instance. The
 * task's candidates and assignee come along so the caller's right to read it is checked on the engine thread.
 */
import type Database from 'better-sqlite3';
import type { UserTaskFacts } from '../../engine/identity';
import type { BusinessCalendar } from '../../workers/calendar';
import { caseFactsFromVariables, caseVariablesOf, type CaseFacts } from './case-lights';

const ENDED = new Set(['COMPLETED', 'CANCELED', 'FAILED']);

/** A task list row's case as `POST /v2/apps/task-cases` answers it, with the task's facts for the caller's check. */
export interface TaskCase {
  task: UserTaskFacts;
  facts: CaseFacts;
}

/**
 * The cases of `userTaskKeys` from history (on the apps' reader thread): an open task's case with its lights at `now`
 * (engine time) from the case's `deadline_*` variables, an ended task's case without lights. Keys history does not
 * have are left out. Two queries for a page of tasks, however long.
 */
export function taskCasesOf(db: Database.Database, userTaskKeys: readonly string[], calendar: BusinessCalendar, now: number): Record<string, TaskCase> {
  const keys = userTaskKeys.filter((key) => /^\d{1,19}$/.test(key));
  if (keys.length === 0) return {};
  const rows = db
    .prepare(
      `SELECT CAST(t.user_task_key AS TEXT) AS userTaskKey, t.state AS state, t.assignee AS assignee, t.candidate_groups AS groups, t.candidate_users AS users,
         CAST(t.process_instance_key AS TEXT) AS processInstanceKey, p.case_id AS caseId, p.case_title AS caseTitle
       FROM user_tasks t LEFT JOIN process_instances p ON p.process_instance_key = t.process_instance_key
       WHERE t.user_task_key IN (${keys.map(() => '?').join(',')})`,
    )
    .all(...keys) as { userTaskKey: string; state: string; assignee: string | null; groups: string; users: string; processInstanceKey: string; caseId: string | null; caseTitle: string | null }[];
  // Open is any state but the three a task ends in (CREATED, but also ASSIGNING or UPDATING for a moment).
  const open = [...new Set(rows.filter((row) => !ENDED.has(row.state)).map((row) => row.processInstanceKey))];
  const variables = caseVariablesOf(db, open);
  const cases: Record<string, TaskCase> = {};
  for (const row of rows) {
    const task: UserTaskFacts = { userTaskKey: row.userTaskKey, assignee: row.assignee || null, candidateGroups: JSON.parse(row.groups) as string[], candidateUsers: JSON.parse(row.users) as string[] };
    const live = ENDED.has(row.state) ? undefined : variables.get(row.processInstanceKey);
    const facts: CaseFacts = live
      ? caseFactsFromVariables(row.processInstanceKey, live, calendar, now)
      : { processInstanceKey: row.processInstanceKey, caseId: row.caseId, caseTitle: row.caseTitle, light: { colour: null, deadlines: [], provisional: false, provisionalYear: null }, provisional: false, provisionalYear: null };
    cases[row.userTaskKey] = { task, facts };
  }
  return cases;
}
