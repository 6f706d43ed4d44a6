/**
 * Per-element counts as Camunda's `ProcessElementStatisticsResult`: for each element id, how many of its
 * instances are active (without an incident), active with an incident, completed and canceled (terminated).
 * The owning process element itself is not an element of the diagram and is left out, as Operate does.
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
 * instances that match `filter`. Without a filter they are the counts the exporter keeps per element
 * (`element_statistics`, a few rows however many instances ran); with one, the matching instances are picked
 * first and their elements counted.
 */
export function definitionElementStatistics(db: Database.Database, processDefinitionKey: string, filter: unknown): ElementStatistics[] {
  const params: unknown[] = [];
  const conditions = instanceFilterConditions(db, filter, params);
  if (conditions.length === 0) {
    const kept = db
      .prepare(
        `SELECT element_id AS elementId, active, canceled, incidents, completed FROM element_statistics
         WHERE process_definition_key = ? AND (active <> 0 OR canceled <> 0 OR incidents <> 0 OR completed <> 0) ORDER BY element_id`,
      )
      .all(processDefinitionKey) as Record<string, unknown>[];
    return kept.map(toItem);
  }
  const scope = `e.process_instance_key IN (SELECT p.process_instance_key FROM process_instances p WHERE p.process_definition_key = ? AND ${conditions.join(' AND ')})`;
  const rows = db.prepare(`SELECT ${COUNTS} FROM element_instances e WHERE ${scope} AND e.type <> 'PROCESS' GROUP BY e.element_id ORDER BY e.element_id`).all(processDefinitionKey, ...params) as Record<string, unknown>[];
  return rows.map(toItem);
}

/** `GET /v2/process-instances/{key}/statistics/element-instances`: the same counts within one instance. */
export function instanceElementStatistics(db: Database.Database, processInstanceKey: string): ElementStatistics[] {
  const rows = db
    .prepare(`SELECT ${COUNTS} FROM element_instances e WHERE e.process_instance_key = ? AND e.type <> 'PROCESS' GROUP BY e.element_id ORDER BY e.element_id`)
    .all(processInstanceKey) as Record<string, unknown>[];
  return rows.map(toItem);
}
