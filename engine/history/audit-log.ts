/**
 * The user-operation audit log (Camunda 8.9's audit log entity): one row per operation a person or client
 * asked for — who, when, which operation on which entity, and whether it succeeded — derived from the record
 * stream (the command from outside, then the first event or rejection that follows from it). Rows are
 * chained by hash: each row's hash covers the previous row's hash and its own content, so an edited, inserted
 * or deleted row breaks the chain ({@link verifyAuditChain}).
 */
import type Database from 'better-sqlite3';
import { hash } from 'node:crypto';
import type { EngineRecord } from '../api';
import { keyOrNull, sqlKey, str } from './record-values';

/** Camunda's AuditLogOperationTypeEnum. */
export type AuditOperationType = 'ASSIGN' | 'CANCEL' | 'COMPLETE' | 'CREATE' | 'DELETE' | 'EVALUATE' | 'MIGRATE' | 'MODIFY' | 'RESOLVE' | 'UNASSIGN' | 'UPDATE' | 'UNKNOWN';
/** Camunda's AuditLogEntityTypeEnum (the subset our operations touch). */
export type AuditEntityType = 'PROCESS_INSTANCE' | 'USER_TASK' | 'VARIABLE' | 'INCIDENT' | 'RESOURCE' | 'DECISION' | 'JOB' | 'AUTHORIZATION';

interface Operation {
  operationType: AuditOperationType;
  entityType: AuditEntityType;
}

/** Commands from outside that are user operations, by `valueType:intent`. Worker job traffic is not audited. */
const OPERATIONS: Record<string, Operation> = {
  'PROCESS_INSTANCE_CREATION:CREATE': { operationType: 'CREATE', entityType: 'PROCESS_INSTANCE' },
  'PROCESS_INSTANCE_CREATION:CREATE_WITH_AWAITING_RESULT': { operationType: 'CREATE', entityType: 'PROCESS_INSTANCE' },
  'PROCESS_INSTANCE:CANCEL': { operationType: 'CANCEL', entityType: 'PROCESS_INSTANCE' },
  'PROCESS_INSTANCE_MODIFICATION:MODIFY': { operationType: 'MODIFY', entityType: 'PROCESS_INSTANCE' },
  'PROCESS_INSTANCE_MIGRATION:MIGRATE': { operationType: 'MIGRATE', entityType: 'PROCESS_INSTANCE' },
  'USER_TASK:ASSIGN': { operationType: 'ASSIGN', entityType: 'USER_TASK' },
  'USER_TASK:CLAIM': { operationType: 'ASSIGN', entityType: 'USER_TASK' },
  'USER_TASK:COMPLETE': { operationType: 'COMPLETE', entityType: 'USER_TASK' },
  'USER_TASK:UPDATE': { operationType: 'UPDATE', entityType: 'USER_TASK' },
  'VARIABLE_DOCUMENT:UPDATE': { operationType: 'UPDATE', entityType: 'VARIABLE' },
  'INCIDENT:RESOLVE': { operationType: 'RESOLVE', entityType: 'INCIDENT' },
  'DEPLOYMENT:CREATE': { operationType: 'CREATE', entityType: 'RESOURCE' },
  'RESOURCE_DELETION:DELETE': { operationType: 'DELETE', entityType: 'RESOURCE' },
  'DECISION_EVALUATION:EVALUATE': { operationType: 'EVALUATE', entityType: 'DECISION' },
  'JOB:UPDATE_RETRIES': { operationType: 'UPDATE', entityType: 'JOB' },
  'JOB:UPDATE_TIMEOUT': { operationType: 'UPDATE', entityType: 'JOB' },
  'AUTHORIZATION:CHECK': { operationType: 'UNKNOWN', entityType: 'AUTHORIZATION' },
};

/** Whether a command of this kind, from outside, is a user operation the audit log records. */
export function isAuditedCommand(valueType: string, intent: string): boolean {
  return Object.hasOwn(OPERATIONS, `${valueType}:${intent}`);
}

/** One audit row as stored (keys as decimal strings, the timestamp as epoch ms). */
export interface AuditRow {
  auditLogKey: string;
  entityKey: string | null;
  entityType: AuditEntityType;
  operationType: AuditOperationType;
  category: 'ADMIN' | 'DEPLOYED_RESOURCES' | 'USER_TASKS';
  result: 'SUCCESS' | 'FAIL';
  actorId: string | null;
  actorType: 'USER' | 'ANONYMOUS';
  timestamp: number;
  tenantId: string | null;
  processInstanceKey: string | null;
  processDefinitionKey: string | null;
  processDefinitionId: string | null;
  elementInstanceKey: string | null;
  userTaskKey: string | null;
  jobKey: string | null;
  deploymentKey: string | null;
  decisionDefinitionKey: string | null;
  decisionEvaluationKey: string | null;
  /** The rejection reason of a failed operation. */
  annotation: string | null;
}

/** The row's content in a fixed order: what its hash covers. */
const CONTENT_FIELDS: (keyof AuditRow)[] = [
  'auditLogKey', 'entityKey', 'entityType', 'operationType', 'category', 'result', 'actorId', 'actorType', 'timestamp', 'tenantId',
  'processInstanceKey', 'processDefinitionKey', 'processDefinitionId', 'elementInstanceKey', 'userTaskKey', 'jobKey', 'deploymentKey',
  'decisionDefinitionKey', 'decisionEvaluationKey', 'annotation',
];

/** The chain's start: the "previous hash" of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** sha256(previous hash + the row's content as JSON), hex. */
export function auditRowHash(previousHash: string, row: AuditRow): string {
  const content = JSON.stringify(CONTENT_FIELDS.map((field) => row[field] ?? null));
  // One-shot: a Hash object per row cost 7.5 µs against 3 µs (the same digest of the same bytes).
  return hash('sha256', `${previousHash}\n${content}`, 'hex');
}

const key = keyOrNull;

const CATEGORY: Record<AuditEntityType, AuditRow['category']> = {
  USER_TASK: 'USER_TASKS',
  RESOURCE: 'DEPLOYED_RESOURCES',
  DECISION: 'DEPLOYED_RESOURCES',
  PROCESS_INSTANCE: 'ADMIN',
  VARIABLE: 'ADMIN',
  INCIDENT: 'ADMIN',
  JOB: 'ADMIN',
  AUTHORIZATION: 'ADMIN',
};

/**
 * Turns the record stream into audit rows: it remembers each user operation's command until the first
 * record that follows from it (same batch) says how it went.
 */
export class AuditTrail {
  private readonly pending = new Map<number, { command: EngineRecord; operation: Operation }>();

  /** Feed every record in order; returns the audit row a record completes, if any. */
  observe(record: EngineRecord): AuditRow | undefined {
    if (record.recordType === 'COMMAND' && record.sourceRecordPosition === -1) {
      const operation = OPERATIONS[`${record.valueType}:${record.intent}`];
      if (operation) this.pending.set(record.position, { command: record, operation });
      return undefined;
    }
    const started = this.pending.get(record.sourceRecordPosition);
    if (!started) return undefined;
    this.pending.delete(record.sourceRecordPosition);
    return this.rowOf(started.command, started.operation, record);
  }

  private rowOf(command: EngineRecord, operation: Operation, outcome: EngineRecord): AuditRow {
    const failed = outcome.recordType === 'COMMAND_REJECTION';
    // The outcome's fields over the command's (a rejection has only the command's), for the fields a row reads:
    // spreading both whole values (an instance's creation carries all its variables) cost more than the row's hash.
    const pick = (name: string): unknown => (!failed && Object.hasOwn(outcome.value, name) ? outcome.value[name] : command.value[name]);
    const value: Record<string, unknown> = {};
    for (const name of ROW_FIELDS) value[name] = pick(name);
    let operationType = operation.operationType;
    if (command.valueType === 'USER_TASK' && (command.intent === 'ASSIGN' || command.intent === 'CLAIM') && str(command.value, 'assignee') === '') operationType = 'UNASSIGN';
    const entityKey = (() => {
      switch (operation.entityType) {
        case 'PROCESS_INSTANCE':
          return key(value.processInstanceKey) ?? key(command.key);
        case 'USER_TASK':
          return key(command.key) ?? key(value.userTaskKey);
        case 'RESOURCE':
          return key(value.resourceKey) ?? key(outcome.key) ?? key(command.key);
        case 'DECISION':
          return key(value.decisionKey) ?? key(command.key);
        case 'AUTHORIZATION':
          return str(command.value, 'attempted') ?? null;
        default:
          return key(command.key) ?? key(outcome.key);
      }
    })();
    return {
      auditLogKey: String(outcome.position),
      entityKey,
      entityType: operation.entityType,
      operationType,
      category: CATEGORY[operation.entityType],
      result: failed || command.valueType === 'AUTHORIZATION' ? 'FAIL' : 'SUCCESS',
      actorId: command.actor ?? null,
      actorType: command.actor ? 'USER' : 'ANONYMOUS',
      timestamp: outcome.timestamp,
      tenantId: str(value, 'tenantId') ?? null,
      processInstanceKey: key(value.processInstanceKey),
      processDefinitionKey: key(value.processDefinitionKey),
      processDefinitionId: str(value, 'bpmnProcessId') || null,
      elementInstanceKey: key(value.elementInstanceKey),
      userTaskKey: operation.entityType === 'USER_TASK' ? entityKey : null,
      jobKey: operation.entityType === 'JOB' ? key(command.key) : null,
      deploymentKey: command.valueType === 'DEPLOYMENT' && !failed ? key(outcome.key) : null,
      decisionDefinitionKey: operation.entityType === 'DECISION' ? key(value.decisionKey) : null,
      decisionEvaluationKey: operation.entityType === 'DECISION' && !failed ? key(outcome.key) : null,
      annotation: failed ? (outcome.rejectionReason ?? null) : command.valueType === 'AUTHORIZATION' ? (str(command.value, 'reason') ?? null) : null,
    };
  }
}

const COLUMNS: [keyof AuditRow, string][] = [
  ['auditLogKey', 'audit_log_key'], ['entityKey', 'entity_key'], ['entityType', 'entity_type'], ['operationType', 'operation_type'],
  ['category', 'category'], ['result', 'result'], ['actorId', 'actor_id'], ['actorType', 'actor_type'], ['timestamp', 'timestamp'],
  ['tenantId', 'tenant_id'], ['processInstanceKey', 'process_instance_key'], ['processDefinitionKey', 'process_definition_key'],
  ['processDefinitionId', 'process_definition_id'], ['elementInstanceKey', 'element_instance_key'], ['userTaskKey', 'user_task_key'],
  ['jobKey', 'job_key'], ['deploymentKey', 'deployment_key'], ['decisionDefinitionKey', 'decision_definition_key'],
  ['decisionEvaluationKey', 'decision_evaluation_key'], ['annotation', 'annotation'],
];

/** The SELECT list that reads a stored row back as an {@link AuditRow} (keys as text). */
export const AUDIT_ROW_SELECT = COLUMNS.map(([field, column]) =>
  /_key$/.test(column) && column !== 'entity_key' ? `CAST(${column} AS TEXT) AS ${field}` : `${column} AS ${field}`,
).join(', ');

/** The INTEGER key columns, bound as numbers (sqlKey); entity_key is TEXT and keeps its text. */
const KEY_COLUMNS = new Set(COLUMNS.map(([, column]) => column).filter((column) => /_key$/.test(column) && column !== 'entity_key'));

/** What a row reads of the command's and outcome's values. */
const ROW_FIELDS = ['processInstanceKey', 'userTaskKey', 'resourceKey', 'decisionKey', 'tenantId', 'processDefinitionKey', 'bpmnProcessId', 'elementInstanceKey'];

/** Appends audit rows to the chain (inside the exporter's transaction). */
export class AuditChainWriter {
  private lastHash: string;
  private readonly insert: Database.Statement;

  constructor(db: Database.Database) {
    const last = db.prepare('SELECT hash FROM audit_log ORDER BY audit_log_key DESC LIMIT 1').get() as { hash: string } | undefined;
    this.lastHash = last?.hash ?? GENESIS_HASH;
    this.insert = db.prepare(
      `INSERT INTO audit_log (${COLUMNS.map(([, column]) => column).join(', ')}, previous_hash, hash) VALUES (${COLUMNS.map(() => '?').join(', ')}, ?, ?)`,
    );
  }

  append(row: AuditRow): void {
    const hash = auditRowHash(this.lastHash, row);
    this.insert.run(...COLUMNS.map(([field, column]) => (KEY_COLUMNS.has(column) ? sqlKey(row[field] as string | null) : row[field])), this.lastHash, hash);
    this.lastHash = hash;
  }
}

/** What {@link verifyAuditChain} found. */
export interface AuditChainReport {
  ok: boolean;
  rows: number;
  /** The first row whose hash or link does not match, and why. */
  firstBroken?: { auditLogKey: string; reason: string };
}

/** Recomputes the chain over every audit row in order: an edited, inserted or deleted row is reported. */
export function verifyAuditChain(db: Database.Database): AuditChainReport {
  let previous = GENESIS_HASH;
  let rows = 0;
  const statement = db.prepare(`SELECT ${AUDIT_ROW_SELECT}, previous_hash AS previousHash, hash FROM audit_log ORDER BY audit_log_key`);
  for (const stored of statement.iterate() as Iterable<AuditRow & { previousHash: string; hash: string }>) {
    rows += 1;
    if (stored.previousHash !== previous) {
      return { ok: false, rows, firstBroken: { auditLogKey: stored.auditLogKey, reason: 'it does not link to the row before it (a row was deleted or inserted)' } };
    }
    if (auditRowHash(previous, stored) !== stored.hash) {
      return { ok: false, rows, firstBroken: { auditLogKey: stored.auditLogKey, reason: 'its content does not match its hash (the row was edited)' } };
    }
    previous = stored.hash;
  }
  return { ok: true, rows };
}
