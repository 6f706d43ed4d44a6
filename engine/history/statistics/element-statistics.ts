/**
 * Per-element counts as Camunda's `ProcessElementStatisticsResult`: for each element id, how many of its
 * instances are active (without an incident), active with an incident, completed and canceled (terminated).
 * The owning process element itself is not an element of the diagram and is left out, as Operate does: its
 * element id is the process id, which no other element of the same BPMN file can carry, so it is dropped
 * after grouping and the counts come from the covering index alone (no table rows are read).
 */
import type Database from 'better-sqlite3';
import { instanceFilterConditions } from './instance-filter';

/** One element's counts. */
export interface ElementStatistics {
  elementId: string;
  active: number;
  canceled: number;
  incidents: number;
  completed: number;
}

const COUNTS = `e.element_id AS elementId,
  SUM(e.state = 'ACTIVE' AND e.incident_key IS NULL) AS active,
  SUM(e.state = 'TERMINATED') AS canceled,
  SUM(e.state = 'ACTIVE' AND e.incident_key IS NOT NULL) AS incidents,
  SUM(e.state = 'COMPLETED') AS completed`;

function toItem(row: Record<string, unknown>): ElementStatistics {
  return { elementId: String(row.elementId), active: Number(row.active), canceled: Number(row.canceled), incidents: Number(row.incidents), completed: Number(row.completed) };
}

/**
 * `POST /v2/process-definitions/{key}/statistics/element-instances`: element counts over the definition's
 * instances that match `filter`. Without a filter it reads the covering index `element_instances_by_definition`
 * alone; with one, the matching instances are picked first and their elements counted.
 */
export function definitionElementStatistics(db: Database.Database, processDefinitionKey: string, filter: unknown): ElementStatistics[] {
  const params: unknown[] = [];
  const conditions = instanceFilterConditions(db, filter, params);
  const scope =
    conditions.length === 0
      ? 'e.process_definition_key = ?'
      : `e.process_instance_key IN (SELECT p.process_instance_key FROM process_instances p WHERE p.process_definition_key = ? AND ${conditions.join(' AND ')})`;
  const rows = db.prepare(`SELECT ${COUNTS} FROM element_instances e WHERE ${scope} GROUP BY e.element_id ORDER BY e.element_id`).all(processDefinitionKey, ...params) as Record<string, unknown>[];
  const process = db.prepare('SELECT process_definition_id AS id FROM process_definitions WHERE process_definition_key = ?').get(processDefinitionKey) as { id: string } | undefined;
  return rows.filter((row) => row.elementId !== process?.id).map(toItem);
}

/** `GET /v2/process-instances/{key}/statistics/element-instances`: the same counts within one instance. */
export function instanceElementStatistics(db: Database.Database, processInstanceKey: string): ElementStatistics[] {
  const rows = db
    .prepare(`SELECT ${COUNTS} FROM element_instances e WHERE e.process_instance_key = ? AND e.type <> 'PROCESS' GROUP BY e.element_id ORDER BY e.element_id`)
    .all(processInstanceKey) as Record<string, unknown>[];
  return rows.map(toItem);
}
