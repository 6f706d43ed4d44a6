/**
 * The case of a task that has ended (已办任务), from the history store: its live variables are gone, but
 * history keeps the case number and title on the process instance. The task's candidates and assignee come
 * along so the caller's right to read it is checked as for a live task.
 */
import type Database from 'better-sqlite3';
import type { UserTaskFacts } from '../../engine/identity';
import type { CaseFacts } from './case-lights';

/** A task as history has it, with its case's facts (no lights: they belong to running deadlines). */
export interface HistoricTaskCase {
  task: UserTaskFacts;
  facts: CaseFacts;
}

/** The case facts of the task `userTaskKey`, or undefined when history does not have it. */
export function historicTaskCase(db: Database.Database, userTaskKey: string): HistoricTaskCase | undefined {
  if (!/^\d{1,19}$/.test(userTaskKey)) return undefined;
  const row = db
    .prepare(
      `SELECT t.assignee AS assignee, t.candidate_groups AS groups, t.candidate_users AS users, CAST(t.process_instance_key AS TEXT) AS processInstanceKey,
         p.case_id AS caseId, p.case_title AS caseTitle
       FROM user_tasks t LEFT JOIN process_instances p ON p.process_instance_key = t.process_instance_key WHERE t.user_task_key = ?`,
    )
    .get(userTaskKey) as { assignee: string | null; groups: string; users: string; processInstanceKey: string; caseId: string | null; caseTitle: string | null } | undefined;
  if (!row) return undefined;
  return {
    task: { userTaskKey, assignee: row.assignee || null, candidateGroups: JSON.parse(row.groups) as string[], candidateUsers: JSON.parse(row.users) as string[] },
    facts: {
      processInstanceKey: row.processInstanceKey,
      caseId: row.caseId,
      caseTitle: row.caseTitle,
      light: { colour: null, deadlines: [], provisional: false, provisionalYear: null },
      provisional: false,
      provisionalYear: null,
    },
  };
}
