/**
 * Refused requests in the history store's audit log (issue 13, item 4): the security log's aggregated lines
 * become rows of a `security_refusal` table in `history.sqlite`, which `POST /v2/audit-logs/search` reads next
 * to the operations the exporter writes ({@link AUDIT_LOG_WITH_REFUSALS_SEARCH}). They never pass through the
 * command log, so a flood of 401s costs a few rows a minute and nothing on replay.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_LOG_SEARCH, type AuditLogView } from '../history/readers/audit-logs';
import type { AuditEntityType, AuditOperationType, AuditRow } from '../history/audit-log';
import type { SqlSearchSpec } from '../history/sql-search';
import { engineServiceLog } from '../logging/service-log';
import { ensureRefusalChain, refusalRowContent, refusalRowHash, writeRefusalChainHead, type RefusalChainHead } from './refusal-chain';
import { readWholeRefusalLog, type RefusalEntry } from './refusal-log';
import { GENESIS_HASH } from '../history/audit-log';

/**
 * Refusal rows get keys from 2^52 up: above every log position (the exporter's audit keys) and every Zeebe
 * key of partition 1 (2^51 + n), below `Number.MAX_SAFE_INTEGER`, so all audit keys stay distinct integers.
 */
export const REFUSAL_KEY_BASE = 2 ** 52;

const TABLE_SQL = `
CREATE TABLE IF NOT EXISTS security_refusal (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  entity_key TEXT,
  entity_type TEXT NOT NULL,
  operation_type TEXT NOT NULL,
  category TEXT NOT NULL,
  actor_id TEXT,
  actor_type TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  first_at INTEGER NOT NULL,
  count INTEGER NOT NULL,
  kind TEXT NOT NULL,
  process_instance_key INTEGER,
  user_task_key INTEGER,
  incident_key INTEGER,
  annotation TEXT NOT NULL,
  previous_hash TEXT,
  hash TEXT
);
CREATE INDEX IF NOT EXISTS security_refusal_by_actor ON security_refusal (actor_id);
`;

/** Which entity and operation a refused route concerned, read from its path: `/v2/<resource>/<key>/<action>`. */
export function refusedOperation(attempted: string): {
  entityType: AuditEntityType;
  operationType: AuditOperationType;
  category: AuditRow['category'];
  entityKey: string | null;
  processInstanceKey: string | null;
  userTaskKey: string | null;
} {
  const [method = '', path = ''] = attempted.split(' ', 2);
  const segments = path.replace(/^\/v2\//, '').split('/').filter((segment) => segment !== '');
  const [resource, key, action] = segments;
  const numericKey = key !== undefined && /^\d{1,19}$/.test(key) ? key : null;
  const entityType: AuditEntityType =
    ({ 'user-tasks': 'USER_TASK', 'process-instances': 'PROCESS_INSTANCE', incidents: 'INCIDENT', deployments: 'RESOURCE', resources: 'RESOURCE', variables: 'VARIABLE', 'element-instances': 'VARIABLE', 'decision-definitions': 'DECISION', jobs: 'JOB' } as Record<string, AuditEntityType>)[resource ?? ''] ??
    'AUTHORIZATION';
  const byAction: Record<string, AuditOperationType> = {
    completion: 'COMPLETE', assignment: 'ASSIGN', assignee: 'UNASSIGN', cancellation: 'CANCEL', resolution: 'RESOLVE', migration: 'MIGRATE',
    modification: 'MODIFY', deletion: 'DELETE', evaluation: 'EVALUATE', variables: 'UPDATE',
  };
  let operationType: AuditOperationType = byAction[action ?? key ?? ''] ?? 'UNKNOWN';
  if (operationType === 'UNKNOWN' && (method === 'PATCH' || method === 'PUT')) operationType = 'UPDATE';
  if (operationType === 'UNKNOWN' && method === 'POST' && segments.length === 1 && (resource === 'process-instances' || resource === 'deployments')) operationType = 'CREATE';
  const category: AuditRow['category'] = entityType === 'USER_TASK' ? 'USER_TASKS' : entityType === 'RESOURCE' || entityType === 'DECISION' ? 'DEPLOYED_RESOURCES' : 'ADMIN';
  return {
    entityType,
    operationType,
    category,
    entityKey: numericKey ?? attempted,
    processInstanceKey: resource === 'process-instances' ? numericKey : null,
    userTaskKey: resource === 'user-tasks' ? numericKey : null,
  };
}

/**
 * The `security_refusal` table, written over its own connection that never waits for a lock: if the
 * exporter thread is inside a transaction, the rows are kept and written with the next flush, so the
 * security log never holds the engine thread. Rows are hash-chained (`refusal-chain.ts`) and the chain's
 * head is kept beside the security log; a new (rebuilt) history store is refilled from the security log,
 * since refusals never pass through the command log the rebuild reads.
 */
export class RefusalAuditTable {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly link: Database.Statement;
  private waiting: RefusalEntry[] = [];
  private head: RefusalChainHead | undefined;

  private constructor(db: Database.Database, private readonly securityDir: string) {
    this.db = db;
    // A table made before the chain existed gets its columns first, so the statements below can name them.
    this.head = ensureRefusalChain(db);
    this.insert = db.prepare(
      `INSERT INTO security_refusal (id, entity_key, entity_type, operation_type, category, actor_id, actor_type, timestamp, first_at, count, kind,
        process_instance_key, user_task_key, annotation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.link = db.prepare('UPDATE security_refusal SET previous_hash = ?, hash = ? WHERE id = ?');
  }

  /**
   * Opens `history.sqlite` in `dataDir` (the history store must have created it) and creates the table;
   * an empty table (a new or rebuilt store) takes back every refusal the security log in `<dataDir>/security` keeps.
   */
  static open(dataDir: string): RefusalAuditTable {
    const db = new Database(join(dataDir, 'history.sqlite'), { fileMustExist: true });
    const securityDir = join(dataDir, 'security');
    mkdirSync(securityDir, { recursive: true });
    let table: RefusalAuditTable;
    // Once, at start: may wait for an exporter transaction (a rebuild's) like any history writer.
    db.pragma('busy_timeout = 10000');
    try {
      db.exec(TABLE_SQL);
      table = new RefusalAuditTable(db, securityDir);
      if (!table.head) {
        const kept = readWholeRefusalLog(securityDir);
        if (kept.length > 0) table.append(kept);
        else writeRefusalChainHead(securityDir, undefined);
      }
    } catch (error) {
      db.close();
      throw error;
    }
    // From now on never wait: a busy database keeps the rows for the next flush instead.
    db.pragma('busy_timeout = 0');
    return table;
  }

  /** Store aggregated refusals as chained audit rows (result FAIL); kept for the next call if the store is busy. */
  append(entries: readonly RefusalEntry[]): void {
    this.waiting.push(...entries);
    if (this.waiting.length === 0 || !this.db.open) return;
    const rows = this.waiting;
    let head = this.head;
    try {
      this.db.transaction(() => {
        for (const entry of rows) {
          const operation = refusedOperation(entry.attempted);
          const anonymous = entry.kind === 'unauthenticated';
          const times = entry.count === 1 ? '' : ` ×${entry.count} (${entry.firstAt} – ${entry.lastAt})`;
          const id = (head?.id ?? 0) + 1;
          this.insert.run(
            id,
            operation.entityKey,
            operation.entityType,
            operation.operationType,
            operation.category,
            entry.actor === '(anonymous)' ? null : entry.actor,
            anonymous ? 'ANONYMOUS' : 'USER',
            Date.parse(entry.lastAt),
            Date.parse(entry.firstAt),
            entry.count,
            entry.kind,
            operation.processInstanceKey,
            operation.userTaskKey,
            `${anonymous ? '401/429 未认证 unauthenticated' : '403 无权限 forbidden'}: ${entry.attempted}${times}: ${entry.reason}`,
          );
          // The hash covers the row as stored (read back as text), exactly what the verifier reads.
          const previous = head?.hash ?? GENESIS_HASH;
          const hash = refusalRowHash(previous, refusalRowContent(this.db, id)!);
          this.link.run(previous, hash, id);
          head = { id, hash };
        }
      })();
      this.waiting = [];
      this.head = head;
      writeRefusalChainHead(this.securityDir, head);
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') {
        this.waiting = [];
        engineServiceLog().error(`拒绝记录写入历史库失败 / refusals not written to the history audit log: ${(error as Error).message}`);
      }
      // SQLITE_BUSY: the exporter is writing; these rows go with the next flush (at most maxPending are kept).
      if (this.waiting.length > 10_000) this.waiting = this.waiting.slice(-10_000);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** The columns of `audit_log` as the union reads them, with refusals mapped onto the same names. */
const REFUSAL_AS_AUDIT_ROW = `SELECT ${REFUSAL_KEY_BASE} + id AS audit_log_key, entity_key, entity_type, operation_type, category, 'FAIL' AS result,
  actor_id, actor_type, timestamp, NULL AS tenant_id, process_instance_key, NULL AS process_definition_key, NULL AS process_definition_id,
  NULL AS element_instance_key, user_task_key, NULL AS job_key, NULL AS deployment_key, NULL AS decision_definition_key,
  NULL AS decision_evaluation_key, annotation FROM security_refusal`;

const AUDIT_COLUMNS = `audit_log_key, entity_key, entity_type, operation_type, category, result, actor_id, actor_type, timestamp, tenant_id,
  process_instance_key, process_definition_key, process_definition_id, element_instance_key, user_task_key, job_key, deployment_key,
  decision_definition_key, decision_evaluation_key, annotation`;

/**
 * `POST /v2/audit-logs/search` over both the exporter's operations and the refused requests, as Camunda 8.9's
 * audit log shows failed operations: same filters and sort fields, refusals with `result: FAIL` and the
 * reason in `annotation`. Needs the `security_refusal` table ({@link RefusalAuditTable.open}).
 */
export const AUDIT_LOG_WITH_REFUSALS_SEARCH: SqlSearchSpec<AuditLogView> = {
  ...AUDIT_LOG_SEARCH,
  from: `(SELECT ${AUDIT_COLUMNS} FROM audit_log UNION ALL ${REFUSAL_AS_AUDIT_ROW}) AS audit_entries`,
};

/** The audit-log search for this history store: with refusals once {@link RefusalAuditTable.open} made their table. */
export function auditLogSearchSpec(db: Database.Database): SqlSearchSpec<AuditLogView> {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'security_refusal'").get();
  return table ? AUDIT_LOG_WITH_REFUSALS_SEARCH : AUDIT_LOG_SEARCH;
}
