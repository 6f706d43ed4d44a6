/**
 * What one process instance is related to, read from history for Camunda 8.8–8.9's per-instance endpoints:
 * its call hierarchy (the callers up to the root), the sequence flows it took, and which instances and
 * element instances lie below it (so "incidents of this instance" includes those of what it called).
 */
import type Database from 'better-sqlite3';
import { key } from './row-values';

/** One entry of `GET /v2/process-instances/{key}/call-hierarchy`. */
export interface CallHierarchyEntry {
  processInstanceKey: string;
  processDefinitionKey: string;
  /** The definition's name, or its id when it has none (as Camunda falls back). */
  processDefinitionName: string;
}

/** One item of `GET /v2/process-instances/{key}/sequence-flows`. */
export interface SequenceFlowView {
  /** Camunda's exporter names a taken flow `<processInstanceKey>_<flow id>` (one row per flow and instance). */
  sequenceFlowId: string;
  processInstanceKey: string;
  rootProcessInstanceKey: string | null;
  processDefinitionKey: string;
  processDefinitionId: string;
  elementId: string;
  tenantId: string;
}

/** Calls are nested a few levels in practice; this bounds a walk over damaged parent links. */
const MAX_CALL_DEPTH = 1_000;

/**
 * The instance and its callers, root first and the instance itself last (Operate reads the root as the first
 * entry); undefined when history does not know the instance.
 */
export function callHierarchy(db: Database.Database, processInstanceKey: string): CallHierarchyEntry[] | undefined {
  const select = db.prepare(
    `SELECT CAST(process_instance_key AS TEXT) AS instanceKey, CAST(process_definition_key AS TEXT) AS definitionKey,
            process_definition_name AS name, process_definition_id AS id,
            CAST(parent_process_instance_key AS TEXT) AS parentKey
       FROM process_instances WHERE process_instance_key = ?`,
  );
  const chain: CallHierarchyEntry[] = [];
  let next: string | undefined = processInstanceKey;
  while (next !== undefined && chain.length < MAX_CALL_DEPTH) {
    const row = select.get(next) as { instanceKey: string; definitionKey: string; name: string | null; id: string; parentKey: string | null } | undefined;
    if (!row) break;
    chain.push({ processInstanceKey: row.instanceKey, processDefinitionKey: row.definitionKey, processDefinitionName: row.name || row.id });
    next = key(row.parentKey);
  }
  return chain.length === 0 ? undefined : chain.reverse();
}

/** The root of an instance's call chain (itself when it was not called). */
function rootOf(db: Database.Database, processInstanceKey: string): string | null {
  const chain = callHierarchy(db, processInstanceKey);
  return chain ? chain[0].processInstanceKey : null;
}

/** The sequence flows the instance took, each once, in the order of their ids. */
export function sequenceFlows(db: Database.Database, processInstanceKey: string): { items: SequenceFlowView[] } {
  const rows = db
    .prepare(
      `SELECT CAST(f.process_instance_key AS TEXT) AS instanceKey, f.element_id AS elementId,
              CAST(p.process_definition_key AS TEXT) AS definitionKey, p.process_definition_id AS definitionId, p.tenant_id AS tenantId
         FROM taken_sequence_flows f JOIN process_instances p ON p.process_instance_key = f.process_instance_key
        WHERE f.process_instance_key = ? ORDER BY f.element_id`,
    )
    .all(processInstanceKey) as { instanceKey: string; elementId: string; definitionKey: string; definitionId: string; tenantId: string }[];
  if (rows.length === 0) return { items: [] };
  const root = rootOf(db, processInstanceKey);
  return {
    items: rows.map((row) => ({
      sequenceFlowId: `${row.instanceKey}_${row.elementId}`,
      processInstanceKey: row.instanceKey,
      rootProcessInstanceKey: root,
      processDefinitionKey: row.definitionKey,
      processDefinitionId: row.definitionId,
      elementId: row.elementId,
      tenantId: row.tenantId,
    })),
  };
}

/** Whether history holds this process instance. */
export function processInstanceKnown(db: Database.Database, processInstanceKey: string): boolean {
  return db.prepare('SELECT 1 FROM process_instances WHERE process_instance_key = ?').get(processInstanceKey) !== undefined;
}

/** Whether history holds this element instance. */
export function elementInstanceKnown(db: Database.Database, elementInstanceKey: string): boolean {
  return db.prepare('SELECT 1 FROM element_instances WHERE element_instance_key = ?').get(elementInstanceKey) !== undefined;
}

/**
 * A search condition (one `?`: the instance key) keeping rows whose `process_instance_key` is the instance or
 * any instance it called, directly or further down (the partial parent index serves each step).
 */
export const IN_PROCESS_INSTANCE_TREE = `process_instance_key IN (
  WITH RECURSIVE tree(k) AS (
    SELECT ?
    UNION SELECT p.process_instance_key FROM process_instances p JOIN tree ON p.parent_process_instance_key = tree.k
  ) SELECT k FROM tree)`;

/**
 * A search condition (three `?`: the element instance key each time) keeping incident rows caused inside the
 * element instance: by it, by any element instance in its scope, or anywhere in an instance it (or one inside
 * it) called. Each walk stays inside indexed lookups: the element instance's own process instance, and the
 * instances that process instance called.
 */
export const IN_ELEMENT_INSTANCE_SUBTREE = `(element_instance_key IN (${insideElementInstance()} SELECT k FROM inside)
OR process_instance_key IN (${insideElementInstance()}, called(k) AS (
    SELECT p.process_instance_key FROM process_instances p
     WHERE p.parent_process_instance_key = (SELECT process_instance_key FROM element_instances WHERE element_instance_key = ?)
       AND p.parent_element_instance_key IN (SELECT k FROM inside)
    UNION SELECT p.process_instance_key FROM process_instances p JOIN called ON p.parent_process_instance_key = called.k
  ) SELECT k FROM called))`;

/** `WITH RECURSIVE inside(k)`: an element instance (one `?`) and every element instance in its scope. */
function insideElementInstance(): string {
  return `WITH RECURSIVE inside(k) AS (
    SELECT ?
    UNION SELECT e.element_instance_key FROM element_instances e JOIN inside ON e.flow_scope_key = inside.k
     WHERE e.process_instance_key = (SELECT process_instance_key FROM element_instances WHERE element_instance_key = inside.k)
  )`;
}
