/**
 * Turns committed records into history rows (Camunda's exporter handlers, one per value type). Runs on the
 * exporter thread: `prepare` reads what the rows need from outside the records (names from deployed XML),
 * then `write` applies a run of records and the new exported position in one transaction.
 */
import type Database from 'better-sqlite3';
import type { EngineRecord } from '../api';
import { upsertSet } from './upsert-set';
import { AuditChainWriter, AuditTrail } from './audit-log';
import { definitionNamesOf, type DefinitionNames } from './definition-names';
import { HISTORY_SCHEMA_VERSION } from './history-schema';
import { InstanceWriter } from './instance-writer';
import { InstanceLifecycleWriter } from './instance-lifecycle-writer';
import { BatchOperationWriter } from './batch-operation-writer';
import { MessageSubscriptionWriter } from './message-subscription-writer';
import { keyOrNull, num, resourceText, str } from './record-values';
import { SubscriptionWriter } from './subscription-writer';
import { TaskWriter } from './task-writer';
import { VariableWriter } from './variable-writer';

/** A process definition's names, looked up by the writers. */
export type NamesOf = (processDefinitionKey: string) => DefinitionNames | undefined;

export class HistoryWriter {
  private readonly names = new Map<string, DefinitionNames>();
  private readonly audit: AuditChainWriter;
  private readonly trail = new AuditTrail();
  private readonly instances: InstanceWriter;
  private readonly tasks: TaskWriter;
  private readonly variables: VariableWriter;
  private readonly lifecycle: InstanceLifecycleWriter;
  private readonly batches: BatchOperationWriter;
  private readonly messageSubscriptions: MessageSubscriptionWriter;
  private readonly openSubscriptions: SubscriptionWriter;
  private readonly statements;
  private exportedPosition: number;
  private readonly writeAll: (chunks: Iterable<readonly EngineRecord[]>, through: () => number) => void;

  constructor(private readonly db: Database.Database) {
    const row = db.prepare('SELECT position, schema_version AS version FROM exporter_position WHERE id = 1').get() as { position: number; version: number } | undefined;
    this.exportedPosition = row?.position ?? 0;
    for (const stored of db.prepare('SELECT CAST(process_definition_key AS TEXT) AS key, element_names AS names FROM process_definitions').iterate() as Iterable<{ key: string; names: string }>) {
      this.names.set(stored.key, JSON.parse(stored.names) as DefinitionNames);
    }
    const namesOf: NamesOf = (key) => this.names.get(key);
    this.audit = new AuditChainWriter(db);
    this.instances = new InstanceWriter(db, namesOf);
    this.tasks = new TaskWriter(db, namesOf, this.instances);
    this.variables = new VariableWriter(db, this.instances.pending);
    this.lifecycle = new InstanceLifecycleWriter(db, this.instances.pending);
    this.batches = new BatchOperationWriter(db);
    this.messageSubscriptions = new MessageSubscriptionWriter(db);
    this.openSubscriptions = new SubscriptionWriter(db);
    this.statements = {
      position: db.prepare(
        `INSERT INTO exporter_position (id, position, schema_version, updated_at) VALUES (1, ?, ${HISTORY_SCHEMA_VERSION}, ?)
         ON CONFLICT (id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
      ),
      process: db.prepare(
        `INSERT OR REPLACE INTO process_definitions (process_definition_key, process_definition_id, name, version, version_tag, resource_name,
           tenant_id, deployment_key, deleted, bpmn_xml, element_names) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
      ),
      processDeleted: db.prepare('UPDATE process_definitions SET deleted = 1 WHERE process_definition_key = ?'),
      form: db.prepare(
        `INSERT OR REPLACE INTO forms (form_key, form_id, version, version_tag, tenant_id, deployment_key, schema) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      decision: db.prepare(
        `INSERT OR REPLACE INTO decision_definitions (decision_definition_key, decision_definition_id, name, version, decision_requirements_key,
           decision_requirements_id, tenant_id, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
      ),
      decisionDeleted: db.prepare('UPDATE decision_definitions SET deleted = 1 WHERE decision_definition_key = ?'),
      decisionEvaluation: db.prepare(
        `INSERT INTO decision_evaluations (decision_evaluation_key, state, decision_definition_key, decision_definition_id,
           decision_definition_name, decision_definition_version, decision_output, failure_message, process_instance_key, element_instance_key,
           evaluation_date, tenant_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (decision_evaluation_key) DO UPDATE SET ${upsertSet(['state', 'decision_definition_key', 'decision_definition_id', 'decision_definition_name', 'decision_definition_version', 'decision_output', 'failure_message', 'process_instance_key', 'element_instance_key', 'evaluation_date', 'tenant_id'])}`,
      ),
      messagePublished: db.prepare(
        `INSERT INTO messages (message_key, name, correlation_key, message_id, state, time_to_live, publish_date, variables, tenant_id)
         VALUES (?, ?, ?, ?, 'PUBLISHED', ?, ?, ?, ?) ON CONFLICT (message_key) DO UPDATE SET ${upsertSet(['name', 'correlation_key', 'message_id', 'state', 'time_to_live', 'publish_date', 'variables', 'tenant_id'])}`,
      ),
      messageState: db.prepare('UPDATE messages SET state = ? WHERE message_key = ?'),
    };
    this.writeAll = db.transaction((chunks: Iterable<readonly EngineRecord[]>, through: () => number) => {
      this.instances.discardHeld();
      this.tasks.discardJobs();
      for (const records of chunks) {
        for (const record of records) {
          if (record.position <= this.exportedPosition) continue;
          this.apply(record);
          this.exportedPosition = record.position;
        }
      }
      this.instances.writeHeld();
      this.tasks.writeJobs();
      // The log may hold positions past the last record (an empty tail); the position still moves on.
      this.exportedPosition = Math.max(this.exportedPosition, through());
      this.statements.position.run(this.exportedPosition, Date.now());
    });
  }

  /** The last log position whose records are in history (0 = nothing exported yet). */
  get position(): number {
    return this.exportedPosition;
  }

  /** Reads what the rows of these records need besides the records (names of newly deployed processes). */
  async prepare(records: readonly EngineRecord[]): Promise<void> {
    for (const record of records) {
      if (record.recordType !== 'EVENT' || record.valueType !== 'PROCESS' || record.intent !== 'CREATED') continue;
      const key = str(record.value, 'processDefinitionKey') ?? record.key;
      if (this.names.has(key)) continue;
      this.names.set(key, await definitionNamesOf(resourceText(record.value.resource), str(record.value, 'bpmnProcessId') ?? ''));
    }
  }

  /** Writes the rows of `records` (those past the exported position) and the position `through`, atomically. */
  write(records: readonly EngineRecord[], through: number): void {
    this.writeAll([records], () => through);
  }

  /**
   * The same for records produced one chunk (a log batch) at a time while the transaction runs, then the
   * position `through()` says once the chunks are done. Each chunk's records can be collected as soon as they
   * are applied, instead of a whole transaction's records living long enough to be promoted to the old
   * generation (measured on the live exporter thread: garbage collection was 15 % of its time). Every chunk
   * must be ready without {@link prepare}: see {@link needsPrepare}.
   */
  writeChunks(chunks: Iterable<readonly EngineRecord[]>, through: () => number): void {
    this.writeAll(chunks, through);
  }

  /** Whether `record` needs {@link prepare} before it is written (a process deployed now, its names not read yet). */
  needsPrepare(record: EngineRecord): boolean {
    return record.recordType === 'EVENT' && record.valueType === 'PROCESS' && record.intent === 'CREATED' && !this.names.has(str(record.value, 'processDefinitionKey') ?? record.key);
  }

  private apply(record: EngineRecord): void {
    this.instances.settle(record);
    const auditRow = this.trail.observe(record);
    if (auditRow) this.audit.append(auditRow);
    if (record.recordType !== 'EVENT' && record.value.batchOperationReference !== undefined) this.batches.item(record);
    if (record.recordType === 'COMMAND') return;
    this.instances.recordEvent(record);
    if (record.recordType !== 'EVENT') return;
    // The writers read each record's value themselves: an element's activation or end is not parsed unless needed.
    switch (record.valueType) {
      case 'PROCESS_INSTANCE':
        return this.instances.processInstance(record);
      case 'PROCESS_INSTANCE_CREATION':
        return this.instances.creation(record);
      case 'PROCESS_INSTANCE_RESULT':
        return this.instances.result(record);
      case 'VARIABLE':
        return this.variables.variable(record);
      case 'PROCESS_INSTANCE_SUSPENSION':
        return this.lifecycle.suspension(record);
      case 'PROCESS_INSTANCE_BUSINESS_ID':
        return this.lifecycle.businessId(record);
      case 'BATCH_OPERATION_CREATION':
      case 'BATCH_OPERATION_LIFECYCLE_MANAGEMENT':
        return this.batches.lifecycle(record);
      case 'INCIDENT':
        return this.instances.incident(record);
      case 'USER_TASK':
        return this.tasks.userTask(record);
      case 'JOB':
        return this.tasks.job(record);
      case 'PROCESS_MESSAGE_SUBSCRIPTION':
        return this.messageSubscriptions.processSubscription(record);
      case 'TIMER':
        return this.openSubscriptions.timer(record);
      case 'SIGNAL_SUBSCRIPTION':
        return this.openSubscriptions.signalSubscription(record);
      case 'CONDITIONAL_SUBSCRIPTION':
        return this.openSubscriptions.conditionalSubscription(record);
      default:
        break;
    }
    const value = record.value;
    switch (record.valueType) {
      case 'PROCESS':
        if (record.intent === 'CREATED') {
          const key = str(value, 'processDefinitionKey') ?? record.key;
          const names = this.names.get(key) ?? { processName: str(value, 'bpmnProcessId') ?? '', elements: {} };
          this.statements.process.run(
            key, str(value, 'bpmnProcessId') ?? '', names.processName, num(value, 'version') ?? 1, str(value, 'versionTag') || null,
            str(value, 'resourceName') ?? '', str(value, 'tenantId') ?? '<default>', keyOrNull(value.deploymentKey), resourceText(value.resource), JSON.stringify(names),
          );
        } else if (record.intent === 'DELETED') {
          this.statements.processDeleted.run(str(value, 'processDefinitionKey') ?? record.key);
        }
        return;
      case 'FORM':
        if (record.intent === 'CREATED') {
          this.statements.form.run(
            str(value, 'formKey') ?? record.key, str(value, 'formId') ?? '', num(value, 'version') ?? 1, str(value, 'versionTag') || null,
            str(value, 'tenantId') ?? '<default>', keyOrNull(value.deploymentKey), resourceText(value.resource),
          );
        }
        return;
      case 'DECISION':
        if (record.intent === 'CREATED') {
          this.statements.decision.run(
            str(value, 'decisionKey') ?? record.key, str(value, 'decisionId') ?? '', str(value, 'decisionName') ?? '', num(value, 'version') ?? 1,
            keyOrNull(value.decisionRequirementsKey), str(value, 'decisionRequirementsId') ?? '', str(value, 'tenantId') ?? '<default>',
          );
        } else if (record.intent === 'DELETED') {
          this.statements.decisionDeleted.run(str(value, 'decisionKey') ?? record.key);
        }
        return;
      case 'DECISION_EVALUATION':
        if (record.intent === 'EVALUATED' || record.intent === 'FAILED') {
          this.statements.decisionEvaluation.run(
            record.key, record.intent, keyOrNull(value.decisionKey), str(value, 'decisionId') ?? null, str(value, 'decisionName') ?? null,
            num(value, 'decisionVersion') ?? null, str(value, 'decisionOutput') ?? null, str(value, 'evaluationFailureMessage') || null,
            keyOrNull(value.processInstanceKey), keyOrNull(value.elementInstanceKey), record.timestamp, str(value, 'tenantId') ?? '<default>',
          );
        }
        return;
      case 'MESSAGE':
        if (record.intent === 'PUBLISHED') {
          this.statements.messagePublished.run(
            record.key, str(value, 'name') ?? '', str(value, 'correlationKey') ?? null, str(value, 'messageId') || null,
            num(value, 'timeToLive') ?? null, record.timestamp, value.variables === undefined ? null : JSON.stringify(value.variables),
            str(value, 'tenantId') ?? '<default>',
          );
        } else if (record.intent === 'EXPIRED') {
          this.statements.messageState.run('EXPIRED', record.key);
        }
        return;
      default:
        return;
    }
  }
}
