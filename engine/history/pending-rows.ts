/**
 * Element-instance and process-instance rows started in the exporter's current transaction, held in memory
 * until it commits. Most elements of a busy engine start and end within one transaction (a service task done
 * in milliseconds, a whole short case): held back, such an element costs one insert of its final row instead
 * of an insert and an update that rewrites its index entries. Anything but an end (a migration, an incident)
 * writes the row first and then changes it in SQL as before, so rare paths stay as they were.
 */
import type Database from 'better-sqlite3';
import type { EngineRecord } from '../api';
import { upsertSet } from './upsert-set';
import { sqlKey } from './record-values';

/** An element instance's row as it is inserted. */
export interface ElementRow {
  key: string;
  processInstanceKey: string;
  definitionKey: string;
  bpmnProcessId: string;
  elementId: string;
  elementName: string;
  type: string;
  state: string;
  start: number;
  end: number | null;
  tenantId: string;
  flowScopeKey: string | null;
  incidentKey: string | null;
  /** Its ELEMENT_ACTIVATED event: log position, time when it differs from `start`, actor (all null until then). */
  activatedPosition: number | null;
  activatedAt: number | null;
  activatedActor: string | null;
  /** Its ELEMENT_COMPLETED / _TERMINATED event: log position and actor (its time is `end`). */
  endedPosition: number | null;
  endedActor: string | null;
}

/** A process instance's row as it is inserted (the case columns are read from its variables then). */
export interface InstanceRow {
  key: string;
  definitionKey: string;
  bpmnProcessId: string;
  name: string;
  version: number;
  start: number;
  tenantId: string;
  parent: string | null;
  parentElement: string | null;
  state: string;
  end: number | null;
  incidentCount: number;
  /** Camunda 8.10 business id given at creation (or inherited from the caller), null when none. */
  businessId: string | null;
  /** Its PROCESS_INSTANCE_CREATION:CREATED event (log position, time, actor), null when history has none for it. */
  created: FoldedEvent | null;
  /** Its PROCESS_INSTANCE_RESULT:COMPLETED event, null until then. */
  result: FoldedEvent | null;
}

/** An event kept on its entity's row instead of as an instance_events row: where and when it was, and who caused it. */
export interface FoldedEvent {
  position: number;
  at: number;
  actor: string | null;
}

/** The element_instances columns an insert sets besides the key. */
const ELEMENT_COLUMNS = [
  'process_instance_key', 'process_definition_key', 'process_definition_id', 'element_id', 'element_name', 'type', 'state', 'start_date', 'end_date', 'tenant_id',
  'flow_scope_key', 'incident_key', 'activated_position', 'activated_at', 'activated_actor', 'ended_position', 'ended_actor',
];

/** The process_instances columns an insert sets besides the key. */
const INSTANCE_COLUMNS = [
  'process_definition_key', 'process_definition_id', 'process_definition_name', 'process_definition_version', 'process_definition_version_tag', 'state',
  'start_date', 'end_date', 'incident_count', 'tenant_id', 'parent_process_instance_key', 'parent_element_instance_key', 'case_id', 'case_title', 'business_id',
  'created_position', 'created_at', 'created_actor', 'result_position', 'result_at', 'result_actor',
];

/** A process-level variable's JSON text as the case columns show it (strings unquoted), in SQL. */
const CASE_TEXT = "CASE WHEN json_valid(value) AND json_type(value) = 'text' THEN json_extract(value, '$') WHEN value = 'null' THEN NULL ELSE value END";

export class PendingRows {
  private readonly elements = new Map<string, ElementRow>();
  private readonly instances = new Map<string, InstanceRow>();
  /**
   * Creation events of this transaction whose instance row has not started yet (the engine writes an
   * instance's PROCESS_INSTANCE_CREATION:CREATED before its process element activates), by instance key.
   */
  private readonly creations = new Map<string, { event: FoldedEvent; record: EngineRecord }>();
  private readonly insertElement: Database.Statement;
  private readonly insertInstance: Database.Statement;
  private readonly selectVersionTag: Database.Statement;
  /** Version tags by definition key: a definition's tag never changes once deployed. */
  private readonly versionTags = new Map<string, string | null>();

  constructor(db: Database.Database) {
    // An upsert, not INSERT OR REPLACE: SQLite gives a REPLACE into a table with indexes a statement journal, a
    // copy of every page it changes (measured: 1.8× the instructions of this insert). A row is new here; should
    // it not be, every column is set as REPLACE would.
    this.insertElement = db.prepare(
      `INSERT INTO element_instances (element_instance_key, process_instance_key, process_definition_key, process_definition_id, element_id,
         element_name, type, state, start_date, end_date, tenant_id, flow_scope_key, incident_key, activated_position, activated_at, activated_actor, ended_position, ended_actor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (element_instance_key) DO UPDATE SET ${upsertSet(ELEMENT_COLUMNS)}`,
    );
    // The case columns come from variables that may have been written before the row (creation variables).
    this.insertInstance = db.prepare(
      `INSERT INTO process_instances (process_instance_key, process_definition_key, process_definition_id, process_definition_name,
         process_definition_version, process_definition_version_tag, state, start_date, end_date, incident_count, tenant_id, parent_process_instance_key,
         parent_element_instance_key, case_id, case_title, business_id, created_position, created_at, created_actor, result_position, result_at, result_actor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
         (SELECT ${CASE_TEXT} FROM variables WHERE scope_key = ? AND name = 'caseId'),
         (SELECT ${CASE_TEXT} FROM variables WHERE scope_key = ? AND name = 'caseTitle'), ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (process_instance_key) DO UPDATE SET ${upsertSet(INSTANCE_COLUMNS)}`,
    );
    this.selectVersionTag = db.prepare('SELECT version_tag AS tag FROM process_definitions WHERE process_definition_key = ?');
  }

  elementStarted(row: ElementRow): void {
    this.elements.set(row.key, row);
  }

  instanceStarted(row: InstanceRow): void {
    const created = this.creations.get(row.key);
    if (created && row.created === null) {
      this.creations.delete(row.key);
      row.created = created.event;
    }
    this.instances.set(row.key, row);
  }

  /**
   * Notes an instance's creation event on its held row, or until its row starts in this transaction; the
   * record is handed back by {@link unplacedCreations} when the row does not start here (it then gets an event
   * row of its own).
   */
  instanceCreated(key: string, event: FoldedEvent, record: EngineRecord): void {
    const row = this.instances.get(key);
    if (row && row.created === null) row.created = event;
    else this.creations.set(key, { event, record });
  }

  /** Creation events whose instance row did not start in this transaction (their records), forgotten here. */
  unplacedCreations(): EngineRecord[] {
    const records = [...this.creations.values()].map((creation) => creation.record);
    this.creations.clear();
    return records;
  }

  /** Notes a held instance's result event; false when the instance is not held or already has one. */
  instanceResult(key: string, event: FoldedEvent): boolean {
    const row = this.instances.get(key);
    if (!row || row.result !== null) return false;
    row.result = event;
    return true;
  }

  /** A held element's row as it stands (undefined when it is not held). */
  element(key: string): Readonly<ElementRow> | undefined {
    return this.elements.get(key);
  }

  /** Notes a held element's ELEMENT_ACTIVATED event; false when it is not held. */
  elementActivated(key: string, position: number, at: number, actor: string | null): boolean {
    const row = this.elements.get(key);
    if (!row || row.activatedPosition !== null) return false;
    row.activatedPosition = position;
    row.activatedAt = at === row.start ? null : at;
    row.activatedActor = actor;
    return true;
  }

  /** Ends a held element (its ending event at `position`); false when it is not held (its row is already in the table). */
  elementEnded(key: string, state: string, at: number, position: number, actor: string | null): boolean {
    const row = this.elements.get(key);
    if (!row || row.endedPosition !== null) return false;
    row.state = state;
    row.end = at;
    row.endedPosition = position;
    row.endedActor = actor;
    return true;
  }

  /** Ends a held process instance; false when it is not held. */
  instanceEnded(key: string, state: string, at: number): boolean {
    const row = this.instances.get(key);
    if (!row) return false;
    row.state = state;
    row.end = at;
    return true;
  }

  /** Counts incidents on a held process instance; false when it is not held. */
  countIncidents(key: string, delta: number): boolean {
    const row = this.instances.get(key);
    if (!row) return false;
    row.incidentCount = Math.max(0, row.incidentCount + delta);
    return true;
  }

  /** Whether the instance's row is held: its case columns are then read from its variables when it is written. */
  holdsInstance(key: string): boolean {
    return this.instances.has(key);
  }

  // Positional parameters: binding eighteen named ones per row cost more than the insert itself. Keys are bound as
  // numbers (sqlKey), as in every writer.
  private writeElementRow(row: ElementRow): void {
    this.insertElement.run(
      sqlKey(row.key), sqlKey(row.processInstanceKey), sqlKey(row.definitionKey), row.bpmnProcessId, row.elementId, row.elementName, row.type, row.state, row.start, row.end,
      row.tenantId, sqlKey(row.flowScopeKey), sqlKey(row.incidentKey), row.activatedPosition, row.activatedAt, row.activatedActor, row.endedPosition, row.endedActor,
    );
  }

  private writeInstanceRow(row: InstanceRow): void {
    let tag = this.versionTags.get(row.definitionKey);
    if (tag === undefined) {
      tag = (this.selectVersionTag.get(row.definitionKey) as { tag: string | null } | undefined)?.tag ?? null;
      this.versionTags.set(row.definitionKey, tag);
    }
    const key = sqlKey(row.key);
    this.insertInstance.run(
      key, sqlKey(row.definitionKey), row.bpmnProcessId, row.name, row.version, tag, row.state, row.start, row.end, row.incidentCount, row.tenantId, sqlKey(row.parent),
      sqlKey(row.parentElement), key, key, row.businessId, row.created?.position ?? null, row.created?.at ?? null, row.created?.actor ?? null,
      row.result?.position ?? null, row.result?.at ?? null, row.result?.actor ?? null,
    );
  }

  /** Writes a held element's row now, so an UPDATE that follows finds it. */
  writeElement(key: string): void {
    const row = this.elements.get(key);
    if (!row) return;
    this.elements.delete(key);
    this.writeElementRow(row);
  }

  /** Writes a held process instance's row now, so an UPDATE that follows finds it. */
  writeInstance(key: string): void {
    const row = this.instances.get(key);
    if (!row) return;
    this.instances.delete(key);
    this.writeInstanceRow(row);
  }

  /** Writes every held row (at the end of the transaction, before the exported position). */
  writeAll(): void {
    for (const row of this.elements.values()) this.writeElementRow(row);
    for (const row of this.instances.values()) this.writeInstanceRow(row);
    this.discard();
  }

  /** Forgets held rows (a transaction that failed rolls them back with everything else). */
  discard(): void {
    this.elements.clear();
    this.instances.clear();
    this.creations.clear();
  }
}
