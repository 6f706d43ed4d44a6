/**
 * History rows of process instances: the instance, its element instances and taken sequence flows, its
 * incidents (variables: variable-writer.ts), and the per-instance event list auditors read.
 */
import type Database from 'better-sqlite3';
import type { EngineRecord } from '../api';
import { upsertSet } from './upsert-set';
import { ElementCounters, elementCount } from './element-counters';
import type { NamesOf } from './history-writer';
import { PendingRows, type FoldedEvent, type InstanceRow } from './pending-rows';
import { keyOrNull, num, sqlKey, str } from './record-values';
import { takenFlowOf } from './record-selection';

/** Element lifecycle steps the per-instance history leaves out (half of an instance's records). */
const TRANSITIONAL = new Set(['ELEMENT_ACTIVATING', 'ELEMENT_COMPLETING', 'ELEMENT_TERMINATING', 'SEQUENCE_FLOW_TAKEN']);

/**
 * Element events history keeps on the element instance's row (positions and actors) instead of as
 * instance_events rows; the view instance_event_log lists them again (see history-schema.ts).
 */
const ON_ELEMENT_ROW = new Set(['ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED', 'ELEMENT_TERMINATED']);

/** Whether an event is kept on its entity's row when it can be (the instance's row, the job's row). */
function onEntityRow(valueType: string, intent: string): boolean {
  switch (valueType) {
    case 'PROCESS_INSTANCE_CREATION':
      return intent === 'CREATED';
    case 'PROCESS_INSTANCE_RESULT':
      return intent === 'COMPLETED';
    case 'JOB':
      return intent === 'CREATED' || intent === 'COMPLETED';
    default:
      return false;
  }
}

/** Variable events the variable rows hold (and instance_events therefore leaves out). */
const CHANGE_INTENTS = new Set(['CREATED', 'UPDATED']);

/** Variable name, job type, error message … whatever says most about one event in an instance's history. */
function detailOf(record: EngineRecord): string | null {
  const value = record.value;
  switch (record.valueType) {
    case 'VARIABLE':
      return String(value.name ?? '');
    case 'JOB':
      return [value.type, value.errorMessage].filter(Boolean).join(' — ') || null;
    case 'USER_TASK':
      return typeof value.assignee === 'string' && value.assignee !== '' ? `assignee ${value.assignee}` : null;
    case 'INCIDENT':
      return String(value.errorMessage ?? value.errorType ?? '');
    case 'PROCESS_INSTANCE':
      return String(value.bpmnElementType ?? '');
    default:
      return null;
  }
}

/** What the per-element counts need of an element instance's row. */
interface CountedRow {
  definitionKey: string;
  elementId: string;
  type: string;
  state: string;
  incidentKey: string | null;
  /** 1 while the element has not ended (no ended_position), 0 after (read from the table; absent on held rows). */
  open?: number | bigint;
}

export class InstanceWriter {
  private readonly s;
  /** The end of an instance already in the table, held until the next record (see {@link settle}). */
  private heldEnd: { key: string; state: string; at: number } | undefined;
  /** Rows of elements and instances started in the current transaction. */
  readonly pending: PendingRows;
  /** Per-element counts of each definition, changed as element instances start, end and get incidents. */
  readonly counters: ElementCounters;

  constructor(
    db: Database.Database,
    private readonly namesOf: NamesOf,
  ) {
    this.pending = new PendingRows(db);
    this.counters = new ElementCounters(db);
    this.s = {
      counted: db.prepare(
        `SELECT CAST(process_definition_key AS TEXT) AS definitionKey, element_id AS elementId, type, state, CAST(incident_key AS TEXT) AS incidentKey,
           ended_position IS NULL AS open
         FROM element_instances WHERE element_instance_key = ?`,
      ),
      event: db.prepare(
        `INSERT OR REPLACE INTO instance_events (position, process_instance_key, at, actor, record_type, value_type, intent, record_key, element_id, detail, rejection)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      elementActivated: db.prepare(
        `UPDATE element_instances SET activated_position = @position, activated_at = CASE WHEN start_date = @at THEN NULL ELSE @at END, activated_actor = @actor
         WHERE element_instance_key = @key AND activated_position IS NULL`,
      ),
      // A plain UPDATE after the SELECT of `counted`, not one UPDATE … RETURNING: RETURNING gives every execution a
      // temporary table and a statement journal (callgrind: ~9,000 more SQLite instructions each).
      elementEnded: db.prepare('UPDATE element_instances SET state = ?, end_date = ?, ended_position = ?, ended_actor = ? WHERE element_instance_key = ? AND ended_position IS NULL'),
      // Before a migration renames an element, its events so far move to instance_events under the old name.
      elementEventsKept: db.prepare(
        `INSERT OR REPLACE INTO instance_events (position, process_instance_key, at, actor, record_type, value_type, intent, record_key, element_id, detail, rejection)
         SELECT position, process_instance_key, at, actor, record_type, value_type, intent, record_key, element_id, detail, rejection FROM instance_event_log
         WHERE process_instance_key = (SELECT process_instance_key FROM element_instances WHERE element_instance_key = @key)
           AND record_key = @key AND value_type = 'PROCESS_INSTANCE' AND intent IN ('ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED', 'ELEMENT_TERMINATED')`,
      ),
      elementEventsMoved: db.prepare('UPDATE element_instances SET activated_position = NULL, ended_position = NULL WHERE element_instance_key = ?'),
      instanceEnded: db.prepare('UPDATE process_instances SET state = ?, end_date = ? WHERE process_instance_key = ?'),
      creationMoved: db.prepare(
        `DELETE FROM instance_events WHERE process_instance_key = ? AND value_type = 'PROCESS_INSTANCE_CREATION' AND intent = 'CREATED' AND record_type = 'EVENT'
           AND record_key = process_instance_key AND element_id IS NULL AND detail IS NULL RETURNING position, at, actor`,
      ),
      instanceResult: db.prepare('UPDATE process_instances SET result_position = ?, result_at = ?, result_actor = ? WHERE process_instance_key = ? AND result_position IS NULL'),
      instanceEndedWithResult: db.prepare(
        'UPDATE process_instances SET state = ?, end_date = ?, result_position = ?, result_at = ?, result_actor = ? WHERE process_instance_key = ? AND result_position IS NULL',
      ),
      elementMigrated: db.prepare(
        'UPDATE element_instances SET process_definition_key = ?, process_definition_id = ?, element_id = ?, element_name = ? WHERE element_instance_key = ?',
      ),
      instanceMigrated: db.prepare(
        `UPDATE process_instances SET process_definition_key = @definitionKey, process_definition_id = @bpmnProcessId,
           process_definition_version = COALESCE(@version, process_definition_version), process_definition_name = @name,
           process_definition_version_tag = (SELECT version_tag FROM process_definitions WHERE process_definition_key = @definitionKey)
         WHERE process_instance_key = @key`,
      ),
      flow: db.prepare('INSERT OR IGNORE INTO taken_sequence_flows (process_instance_key, element_id) VALUES (?, ?)'),
      incident: db.prepare(
        `INSERT INTO incidents (incident_key, process_definition_key, process_definition_id, process_instance_key, error_type, error_message,
           element_id, element_instance_key, creation_time, state, job_key, tenant_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?) ON CONFLICT (incident_key) DO UPDATE SET ${upsertSet(['process_definition_key', 'process_definition_id', 'process_instance_key', 'error_type', 'error_message', 'element_id', 'element_instance_key', 'creation_time', 'state', 'job_key', 'tenant_id'])}`,
      ),
      incidentResolved: db.prepare("UPDATE incidents SET state = 'RESOLVED' WHERE incident_key = ?"),
      incidentMigrated: db.prepare(
        'UPDATE incidents SET process_definition_key = COALESCE(?, process_definition_key), process_definition_id = COALESCE(?, process_definition_id), element_id = COALESCE(?, element_id) WHERE incident_key = ?',
      ),
      incidentOf: db.prepare('SELECT CAST(element_instance_key AS TEXT) AS element, CAST(process_instance_key AS TEXT) AS instance FROM incidents WHERE incident_key = ?'),
      markElement: db.prepare('UPDATE element_instances SET incident_key = ? WHERE element_instance_key = ?'),
      countIncidents: db.prepare('UPDATE process_instances SET incident_count = MAX(0, incident_count + ?) WHERE process_instance_key = ?'),
    };
  }

  /**
   * Every event and rejection of an instance, for its history page (commands are intentions, not facts). An
   * element's transitional steps (activating, completing, terminating) and taken flows are left out: the page
   * says when each element became active and how it ended, and the diagram shows the flows.
   */
  recordEvent(record: EngineRecord): void {
    if (record.valueType === 'PROCESS_INSTANCE' && TRANSITIONAL.has(record.intent)) return;
    // Activations and ends live on the element's row (processInstance below), a row of their own only when
    // history has no row for the element.
    if (record.valueType === 'PROCESS_INSTANCE' && record.recordType === 'EVENT' && ON_ELEMENT_ROW.has(record.intent)) return;
    // A variable's creation or change is written once, to its variables row or variable_changes (variable-writer.ts),
    // with its position: readers of an instance's events read them through the view instance_event_log.
    if (record.valueType === 'VARIABLE' && record.recordType === 'EVENT' && CHANGE_INTENTS.has(record.intent)) return;
    // An instance's creation and result, and its jobs' creations and completions, go on their rows when they
    // can (creation, result below; jobs: task-writer.ts), else they come back here through writeEvent.
    if (record.recordType === 'EVENT' && onEntityRow(record.valueType, record.intent)) return;
    this.writeEvent(record);
  }

  /** One instance_events row for the record (instance events only). */
  writeEvent(record: EngineRecord): void {
    const instanceKey = keyOrNull(record.value.processInstanceKey);
    if (!instanceKey) return;
    this.writeEventRow(
      record.position, instanceKey, record.timestamp, record.actor ?? null, record.recordType, record.valueType, record.intent, keyOrNull(record.key),
      typeof record.value.elementId === 'string' ? record.value.elementId : null, detailOf(record), record.rejectionReason ?? null,
    );
  }

  /** One instance_events row, its columns given (an event moved off its entity's row). */
  writeEventRow(
    position: number, instanceKey: string, at: number, actor: string | null, recordType: string, valueType: string, intent: string,
    recordKey: string | null, elementId: string | null, detail: string | null, rejection: string | null,
  ): void {
    this.s.event.run(position, sqlKey(instanceKey), at, actor, recordType, valueType, intent, sqlKey(recordKey), elementId, detail, rejection);
  }

  /**
   * PROCESS_INSTANCE_CREATION:CREATED, read without its value: the engine keys it by the instance (its value's
   * processInstanceKey), and its line has no element and no detail, so the instance's row says it all.
   */
  creation(record: EngineRecord): void {
    if (record.intent !== 'CREATED') return;
    this.pending.instanceCreated(record.key, { position: record.position, at: record.timestamp, actor: record.actor ?? null }, record);
  }

  /** PROCESS_INSTANCE_RESULT:COMPLETED, read without its value (keyed by the instance, as its creation). */
  result(record: EngineRecord): void {
    if (record.intent !== 'COMPLETED') return;
    const event: FoldedEvent = { position: record.position, at: record.timestamp, actor: record.actor ?? null };
    if (this.pending.instanceResult(record.key, event)) return;
    const ended = this.heldEnd?.key === record.key ? this.heldEnd : undefined;
    this.heldEnd = undefined;
    const key = sqlKey(record.key);
    // The instance's end (just before) and its result in one update of its row.
    const { changes } = ended
      ? this.s.instanceEndedWithResult.run(ended.state, ended.at, event.position, event.at, event.actor, key)
      : this.s.instanceResult.run(event.position, event.at, event.actor, key);
    if (changes === 0) {
      if (ended) this.s.instanceEnded.run(ended.state, ended.at, key);
      this.writeEvent(record);
    }
  }

  /**
   * Called before each record: an instance end held back for the result that follows it is written now when
   * this record is not that result (nothing else touches the instance's row in between).
   */
  settle(record: EngineRecord): void {
    const ended = this.heldEnd;
    if (ended === undefined || (record.key === ended.key && record.valueType === 'PROCESS_INSTANCE_RESULT' && record.recordType === 'EVENT')) return;
    this.heldEnd = undefined;
    this.s.instanceEnded.run(ended.state, ended.at, sqlKey(ended.key));
  }

  /** Writes what this transaction held back (before the held rows are written). */
  writeHeld(): void {
    if (this.heldEnd) this.s.instanceEnded.run(this.heldEnd.state, this.heldEnd.at, sqlKey(this.heldEnd.key));
    this.heldEnd = undefined;
    for (const record of this.pending.unplacedCreations()) this.writeEvent(record);
    this.pending.writeAll();
    this.counters.writeAll();
  }

  /** Forgets what a failed transaction held back. */
  discardHeld(): void {
    this.heldEnd = undefined;
    this.pending.discard();
    this.counters.discard();
  }

  private elementName(processDefinitionKey: string, elementId: string, type: string): string {
    const names = this.namesOf(processDefinitionKey);
    if (type === 'PROCESS') return names?.processName ?? elementId;
    return names?.elements[elementId] ?? elementId;
  }

  processInstance(record: EngineRecord): void {
    const key = record.key;
    switch (record.intent) {
      // An element's activation and end read no value when its row is held (the exporter parses it lazily).
      case 'ELEMENT_ACTIVATED':
        return this.elementActivated(record);
      case 'ELEMENT_COMPLETED':
      case 'ELEMENT_TERMINATED':
        return this.elementEnded(record);
      case 'SEQUENCE_FLOW_TAKEN': {
        const flow = takenFlowOf(record);
        this.s.flow.run(sqlKey(flow.processInstanceKey), flow.elementId);
        return;
      }
      default:
        break;
    }
    const value = record.value;
    const type = str(value, 'bpmnElementType') ?? 'UNSPECIFIED';
    const processInstanceKey = str(value, 'processInstanceKey') ?? key;
    const definitionKey = str(value, 'processDefinitionKey') ?? '';
    const elementId = str(value, 'elementId') ?? '';
    switch (record.intent) {
      case 'ELEMENT_ACTIVATING': {
        const tenantId = str(value, 'tenantId') ?? '<default>';
        this.counters.move(definitionKey, elementId, undefined, elementCount(type, 'ACTIVE', null));
        this.pending.elementStarted({
          key, processInstanceKey, definitionKey, bpmnProcessId: str(value, 'bpmnProcessId') ?? '', elementId, elementName: this.elementName(definitionKey, elementId, type),
          type, state: 'ACTIVE', start: record.timestamp, end: null, tenantId, flowScopeKey: keyOrNull(value.flowScopeKey), incidentKey: null,
          activatedPosition: null, activatedAt: null, activatedActor: null, endedPosition: null, endedActor: null,
        });
        if (type === 'PROCESS') {
          const row: InstanceRow = {
            key,
            definitionKey,
            bpmnProcessId: str(value, 'bpmnProcessId') ?? '',
            name: this.namesOf(definitionKey)?.processName ?? str(value, 'bpmnProcessId') ?? '',
            version: num(value, 'version') ?? 0,
            start: record.timestamp,
            tenantId,
            parent: keyOrNull(value.parentProcessInstanceKey),
            parentElement: keyOrNull(value.parentElementInstanceKey),
            state: 'ACTIVE',
            end: null,
            incidentCount: 0,
            businessId: str(value, 'businessId') ?? null,
            created: null,
            result: null,
          };
          this.pending.instanceStarted(row);
          // A creation event that came just before an earlier transaction ended has a row of its own: it moves
          // onto the instance's row, so history is the same however the exporter grouped the records.
          if (row.created === null) row.created = (this.s.creationMoved.get(sqlKey(key)) as FoldedEvent | undefined) ?? null;
        }
        return;
      }
      case 'ELEMENT_MIGRATED': {
        const bpmnProcessId = str(value, 'bpmnProcessId') ?? '';
        this.pending.writeElement(key);
        const before = this.storedElement(key);
        this.s.elementEventsKept.run({ key });
        this.s.elementEventsMoved.run(key);
        this.s.elementMigrated.run(definitionKey, bpmnProcessId, elementId, this.elementName(definitionKey, elementId, type), key);
        if (before) {
          // Its count moves from the old definition's element to the new one's.
          const count = elementCount(before.type, before.state, before.incidentKey);
          this.counters.move(before.definitionKey, before.elementId, count, undefined);
          this.counters.move(definitionKey, elementId, undefined, count);
        }
        if (type === 'PROCESS') {
          this.pending.writeInstance(key);
          this.s.instanceMigrated.run({ definitionKey, bpmnProcessId, version: num(value, 'version') ?? null, name: this.namesOf(definitionKey)?.processName ?? bpmnProcessId, key });
        }
        return;
      }
      default:
        return;
    }
  }

  private elementActivated(record: EngineRecord): void {
    const { key, position, timestamp: at } = record;
    const actor = record.actor ?? null;
    if (!this.pending.elementActivated(key, position, at, actor)) {
      const { changes } = this.s.elementActivated.run({ position, at, actor, key: sqlKey(key) });
      if (changes === 0) this.writeEvent(record);
    }
  }

  private elementEnded(record: EngineRecord): void {
    const { key, position, timestamp: at } = record;
    const state = record.intent === 'ELEMENT_COMPLETED' ? 'COMPLETED' : 'TERMINATED';
    const actor = record.actor ?? null;
    let before: CountedRow | undefined = this.pending.element(key);
    if (before) {
      this.counters.move(before.definitionKey, before.elementId, elementCount(before.type, before.state, before.incidentKey), elementCount(before.type, state, before.incidentKey));
      if (!this.pending.elementEnded(key, state, at, position, actor) && this.s.elementEnded.run(state, at, position, actor, sqlKey(key)).changes === 0) this.writeEvent(record);
    } else {
      // The row as stored, for its counts, then its end. A row not ended yet is ACTIVE: only an ending event
      // sets another state, and it sets ended_position with it.
      const stored = this.storedElement(key);
      // (Number: a connection reading safe integers gives a BigInt.)
      const ended = stored !== undefined && Number(stored.open) === 1 && this.s.elementEnded.run(state, at, position, actor, sqlKey(key)).changes > 0;
      if (stored && ended) stored.state = 'ACTIVE';
      before = stored;
      if (before) this.counters.move(before.definitionKey, before.elementId, elementCount(before.type, before.state, before.incidentKey), elementCount(before.type, state, before.incidentKey));
      if (!ended) this.writeEvent(record);
    }
    // The element's row has its type (from its activation); the value is read only when history has no row.
    const type = before?.type ?? str(record.value, 'bpmnElementType') ?? 'UNSPECIFIED';
    // An instance in the table: its end is held for the result event that may follow (one update for both).
    if (type === 'PROCESS' && !this.pending.instanceEnded(key, state, at)) {
      if (this.heldEnd) this.s.instanceEnded.run(this.heldEnd.state, this.heldEnd.at, sqlKey(this.heldEnd.key));
      this.heldEnd = { key, state, at };
    }
  }

  private markElement(incidentKey: string | null, elementInstanceKey: string): void {
    this.pending.writeElement(elementInstanceKey);
    const before = this.storedElement(elementInstanceKey);
    this.s.markElement.run(incidentKey, elementInstanceKey);
    if (before) {
      this.counters.move(before.definitionKey, before.elementId, elementCount(before.type, before.state, before.incidentKey), elementCount(before.type, before.state, incidentKey));
    }
  }

  /** An element instance's row as history holds it, for its counts (undefined when history has none). */
  private storedElement(key: string): CountedRow | undefined {
    return this.s.counted.get(sqlKey(key)) as CountedRow | undefined;
  }

  incident(record: EngineRecord): void {
    const value = record.value;
    if (record.intent === 'CREATED') {
      const elementInstanceKey = keyOrNull(value.elementInstanceKey);
      const processInstanceKey = keyOrNull(value.processInstanceKey);
      this.s.incident.run(
        record.key, keyOrNull(value.processDefinitionKey), str(value, 'bpmnProcessId') ?? '', processInstanceKey, str(value, 'errorType') ?? 'UNKNOWN',
        str(value, 'errorMessage') ?? '', str(value, 'elementId') ?? '', elementInstanceKey, record.timestamp, keyOrNull(value.jobKey), str(value, 'tenantId') ?? '<default>',
      );
      if (elementInstanceKey) this.markElement(record.key, elementInstanceKey);
      if (processInstanceKey && !this.pending.countIncidents(processInstanceKey, 1)) this.s.countIncidents.run(1, processInstanceKey);
    } else if (record.intent === 'RESOLVED') {
      const found = this.s.incidentOf.get(record.key) as { element: string | null; instance: string | null } | undefined;
      this.s.incidentResolved.run(record.key);
      if (found?.element) this.markElement(null, found.element);
      if (found?.instance && !this.pending.countIncidents(found.instance, -1)) this.s.countIncidents.run(-1, found.instance);
    } else if (record.intent === 'MIGRATED') {
      this.s.incidentMigrated.run(keyOrNull(value.processDefinitionKey), str(value, 'bpmnProcessId') ?? null, str(value, 'elementId') ?? null, record.key);
    }
  }
}
