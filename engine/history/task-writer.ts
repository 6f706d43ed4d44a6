/** History rows of work items: user tasks (with their candidate groups and users, searchable) and jobs. */
import type Database from 'better-sqlite3';
import type { EngineRecord } from '../api';
import type { NamesOf } from './history-writer';
import type { InstanceWriter } from './instance-writer';
import { keyOrNull, list, normalizedDate, num, sqlKey, str, stringMap } from './record-values';

/** The state a user task event leaves the task in (Camunda's UserTaskStateEnum). */
const STATE_BY_INTENT: Record<string, string> = {
  CREATING: 'CREATING',
  CREATED: 'CREATED',
  ASSIGNING: 'ASSIGNING',
  ASSIGNED: 'CREATED',
  CLAIMING: 'ASSIGNING',
  UPDATING: 'UPDATING',
  UPDATED: 'CREATED',
  COMPLETING: 'COMPLETING',
  COMPLETED: 'COMPLETED',
  CANCELING: 'CANCELING',
  CANCELED: 'CANCELED',
  // a migrated task is still open; it now belongs to another definition and element
  MIGRATED: 'CREATED',
  // a task listener denied the transition: the task is open again, with its data as before
  ASSIGNMENT_DENIED: 'CREATED',
  UPDATE_DENIED: 'CREATED',
  COMPLETION_DENIED: 'CREATED',
};

/** Job states as Camunda's JobStateEnum names them, by event intent. */
const JOB_STATE_BY_INTENT: Record<string, string> = {
  CREATED: 'CREATED',
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
  RETRIES_UPDATED: 'RETRIES_UPDATED',
  TIMED_OUT: 'TIMED_OUT',
  CANCELED: 'CANCELED',
  ERROR_THROWN: 'ERROR_THROWN',
  MIGRATED: 'MIGRATED',
  TIMEOUT_UPDATED: 'CREATED',
  YIELDED: 'CREATED',
  RECURRED_AFTER_BACKOFF: 'CREATED',
};

function isoOrNull(text: string | undefined): number | null {
  const iso = normalizedDate(text);
  return iso === undefined ? null : Date.parse(iso);
}

/**
 * The job columns an upsert of a job already in the table changes (the ON CONFLICT list of `job` below), as
 * positions in its parameter list; `worker` (2) is kept when the new event names none.
 */
const JOB_CHANGED = [3, 6, 7, 8, 9, 12, 13, 14, 16];
const JOB_WORKER = 2;
const JOB_ERROR_MESSAGE = 7;
const JOB_INSTANCE = 10;
const JOB_ELEMENT = 12;
/** The job's own key and its instance, element instance and definition keys in its parameter list. */
const JOB_KEYS = [0, 10, 11, 14];
/** Where a job's CREATED and COMPLETED events (position, time, actor) sit in its parameter list. */
const JOB_CREATED = 17;
const JOB_COMPLETED = 20;
const JOB_FOLDED: Record<string, number> = { CREATED: JOB_CREATED, COMPLETED: JOB_COMPLETED };

export class TaskWriter {
  private readonly s;
  /**
   * Job rows of the current transaction, by key, as the upsert's parameters: a job created and completed in
   * one transaction (most jobs of a busy engine) is written once in its final state instead of twice.
   */
  private readonly pendingJobs = new Map<string, unknown[]>();

  constructor(
    db: Database.Database,
    private readonly namesOf: NamesOf,
    private readonly events: Pick<InstanceWriter, 'writeEvent' | 'writeEventRow'>,
  ) {
    this.s = {
      taskCreated: db.prepare(
        `INSERT INTO user_tasks (user_task_key, state, element_id, element_instance_key, candidate_groups, candidate_users, process_definition_id,
           process_definition_key, process_definition_version, process_instance_key, creation_date, tenant_id, custom_headers, priority)
         VALUES (?, ?, '', 0, '[]', '[]', '', 0, 0, 0, ?, '<default>', '{}', 50) ON CONFLICT (user_task_key) DO NOTHING`,
      ),
      taskState: db.prepare('UPDATE user_tasks SET state = ?, completion_date = COALESCE(?, completion_date) WHERE user_task_key = ?'),
      taskFill: db.prepare(
        `UPDATE user_tasks SET name = ?, element_id = ?, element_instance_key = ?, process_definition_id = ?, process_definition_key = ?,
           process_definition_version = ?, process_instance_key = ?, process_name = ?, tenant_id = ?, assignee = ?, candidate_groups = ?, candidate_users = ?,
           due_date = ?, follow_up_date = ?, form_key = ?, external_form_reference = ?, custom_headers = ?, priority = COALESCE(?, priority)
         WHERE user_task_key = ?`,
      ),
      candidatesCleared: db.prepare('DELETE FROM user_task_candidates WHERE user_task_key = ?'),
      candidate: db.prepare('INSERT OR IGNORE INTO user_task_candidates (user_task_key, kind, candidate) VALUES (?, ?, ?)'),
      // A job's event kept on its row is set once: an update without one keeps the row's.
      job: db.prepare(
        `INSERT INTO jobs (job_key, type, worker, state, kind, listener_event_type, retries, error_message, error_code,
           deadline, process_instance_key, element_instance_key, element_id, process_definition_id, process_definition_key, tenant_id, last_update,
           created_position, created_at, created_actor, completed_position, completed_at, completed_actor)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (job_key) DO UPDATE SET worker = COALESCE(excluded.worker, worker), state = excluded.state, retries = excluded.retries,
           error_message = excluded.error_message, error_code = excluded.error_code, deadline = excluded.deadline, element_id = excluded.element_id,
           process_definition_id = excluded.process_definition_id, process_definition_key = excluded.process_definition_key, last_update = excluded.last_update,
           created_actor = IIF(excluded.created_position IS NULL, created_actor, excluded.created_actor), created_at = COALESCE(excluded.created_at, created_at),
           created_position = COALESCE(excluded.created_position, created_position),
           completed_actor = IIF(excluded.completed_position IS NULL, completed_actor, excluded.completed_actor),
           completed_at = COALESCE(excluded.completed_at, completed_at), completed_position = COALESCE(excluded.completed_position, completed_position)`,
      ),
      // Before a migration moves a job to another element, the events its row holds become rows of their own
      // under the element they happened at.
      jobEventsKept: db.prepare(
        `INSERT OR REPLACE INTO instance_events (position, process_instance_key, at, actor, record_type, value_type, intent, record_key, element_id, detail, rejection)
         SELECT created_position, process_instance_key, created_at, created_actor, 'EVENT', 'JOB', 'CREATED', job_key, element_id, NULLIF(type, ''), NULL
           FROM jobs WHERE job_key = @key AND created_position IS NOT NULL
         UNION ALL
         SELECT completed_position, process_instance_key, completed_at, completed_actor, 'EVENT', 'JOB', 'COMPLETED', job_key, element_id, NULLIF(type, ''), NULL
           FROM jobs WHERE job_key = @key AND completed_position IS NOT NULL`,
      ),
      jobEventsMoved: db.prepare(
        `UPDATE jobs SET created_position = NULL, created_at = NULL, created_actor = NULL, completed_position = NULL, completed_at = NULL, completed_actor = NULL
         WHERE job_key = ? AND (created_position IS NOT NULL OR completed_position IS NOT NULL)`,
      ),
    };
  }

  userTask(record: EngineRecord): void {
    const state = STATE_BY_INTENT[record.intent];
    if (!state) return;
    const value = record.value;
    const key = sqlKey(str(value, 'userTaskKey') ?? record.key);
    this.s.taskCreated.run(key, state, num(value, 'creationTimestamp') ?? record.timestamp);
    const ended = state === 'COMPLETED' || state === 'CANCELED';
    this.s.taskState.run(state, ended ? record.timestamp : null, key);
    // Transitional events (…ING) carry the intended change; the settled event carries the result.
    if (record.intent.endsWith('ING') && record.intent !== 'CREATING') return;
    const definitionKey = str(value, 'processDefinitionKey') ?? '';
    const elementId = str(value, 'elementId') ?? '';
    const names = this.namesOf(definitionKey);
    const groups = list(value, 'candidateGroupsList', 'candidateGroups');
    const users = list(value, 'candidateUsersList', 'candidateUsers');
    const assignee = str(value, 'assignee');
    const formKey = keyOrNull(value.formKey);
    this.s.taskFill.run(
      names?.elements[elementId] ?? elementId, elementId, sqlKey(str(value, 'elementInstanceKey')) ?? 0, str(value, 'bpmnProcessId') ?? '', sqlKey(definitionKey) || 0,
      num(value, 'processDefinitionVersion') ?? 0, sqlKey(str(value, 'processInstanceKey')) ?? 0, names?.processName ?? str(value, 'bpmnProcessId') ?? '',
      str(value, 'tenantId') ?? '<default>', assignee === '' || assignee === undefined ? null : assignee, JSON.stringify(groups), JSON.stringify(users),
      isoOrNull(str(value, 'dueDate')), isoOrNull(str(value, 'followUpDate')), sqlKey(formKey), str(value, 'externalFormReference') || null,
      JSON.stringify(stringMap(value, 'customHeaders')), num(value, 'priority') ?? null, key,
    );
    this.s.candidatesCleared.run(key);
    for (const group of groups) this.s.candidate.run(key, 'group', group);
    for (const user of users) this.s.candidate.run(key, 'user', user);
  }

  job(record: EngineRecord): void {
    const state = JOB_STATE_BY_INTENT[record.intent];
    if (!state) return;
    const value = record.value;
    const deadline = num(value, 'deadline');
    const params: unknown[] = [
      record.key, str(value, 'type') ?? '', str(value, 'worker') || null, state, str(value, 'jobKind') ?? null, str(value, 'listenerEventType') ?? null, num(value, 'retries') ?? null,
      str(value, 'errorMessage') || null, str(value, 'errorCode') || null, deadline !== undefined && deadline > 0 ? deadline : null,
      keyOrNull(value.processInstanceKey), keyOrNull(value.elementInstanceKey), str(value, 'elementId') ?? null, str(value, 'bpmnProcessId') ?? null,
      keyOrNull(value.processDefinitionKey), str(value, 'tenantId') ?? '<default>', record.timestamp, null, null, null, null, null, null,
    ];
    const held = this.pendingJobs.get(record.key);
    if (record.intent === 'MIGRATED') this.keepEvents(record.key, held);
    const folded = JOB_FOLDED[record.intent];
    if (folded !== undefined) {
      // Its line reads the same from the row (element, type as detail) unless it has an error message; an
      // event the row already holds one of (never, for a job the engine runs) keeps a row of its own too.
      if (params[JOB_ERROR_MESSAGE] === null && params[JOB_INSTANCE] !== null && (held === undefined || held[folded] === null)) {
        params[folded] = record.position;
        params[folded + 1] = record.timestamp;
        params[folded + 2] = record.actor ?? null;
      } else this.events.writeEvent(record);
    }
    if (!held) {
      this.pendingJobs.set(record.key, params);
      return;
    }
    // What the upsert would do to the row, done to the held parameters.
    for (const index of JOB_CHANGED) held[index] = params[index];
    held[JOB_WORKER] = params[JOB_WORKER] ?? held[JOB_WORKER];
    for (const start of [JOB_CREATED, JOB_COMPLETED]) {
      if (params[start] !== null) for (let index = start; index < start + 3; index += 1) held[index] = params[index];
    }
  }

  /**
   * A job moves to another element: the events its row holds (in the table, or held in this transaction)
   * become instance_events rows first, so each keeps the element it happened at.
   */
  private keepEvents(key: string, held: unknown[] | undefined): void {
    this.s.jobEventsKept.run({ key });
    this.s.jobEventsMoved.run(key);
    if (!held) return;
    for (const [start, intent] of [[JOB_CREATED, 'CREATED'], [JOB_COMPLETED, 'COMPLETED']] as const) {
      if (held[start] === null) continue;
      const type = held[1] as string;
      this.events.writeEventRow(
        held[start] as number, held[JOB_INSTANCE] as string, held[start + 1] as number, held[start + 2] as string | null, 'EVENT', 'JOB', intent, key,
        held[JOB_ELEMENT] as string | null, type === '' ? null : type, null,
      );
      for (let index = start; index < start + 3; index += 1) held[index] = null;
    }
  }

  /** Writes the held job rows (at the end of the transaction); a job already in the table is updated as before. */
  writeJobs(): void {
    for (const params of this.pendingJobs.values()) {
      // Keys bound as numbers (sqlKey); the held parameters keep the text the events read.
      for (const index of JOB_KEYS) params[index] = sqlKey(params[index] as string | null);
      this.s.job.run(...params);
    }
    this.pendingJobs.clear();
  }

  /** Forgets held job rows (a failed transaction rolls back everything else with them). */
  discardJobs(): void {
    this.pendingJobs.clear();
  }
}
