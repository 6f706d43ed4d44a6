/**
 * Per-element counts of each process definition (active, with an incident, completed, canceled), kept by the
 * exporter as element instances change, so `POST /v2/process-definitions/{key}/statistics/element-instances`
 * reads a few rows instead of counting millions of element instances. Changes are summed in memory during a
 * history transaction and written once per (definition, element) when it commits; a failed transaction
 * discards them with everything else. A rebuild starts from zero and re-counts from the log.
 */
import type Database from 'better-sqlite3';
import { sqlKey } from './record-values';

/** The count an element instance is in, by its state and whether it has an open incident. */
export type ElementCount = 'active' | 'incidents' | 'completed' | 'canceled';

/**
 * Which count an element instance in `state` belongs to (Camunda's `ProcessElementStatisticsResult`: active
 * ones without an incident, active ones with one, completed, canceled). The process element itself is no
 * element of the diagram (Operate leaves it out) and counts nowhere.
 */
export function elementCount(type: string, state: string, incidentKey: string | null): ElementCount | undefined {
  if (type === 'PROCESS') return undefined;
  if (state === 'ACTIVE') return incidentKey === null ? 'active' : 'incidents';
  if (state === 'COMPLETED') return 'completed';
  if (state === 'TERMINATED') return 'canceled';
  return undefined;
}

interface Deltas {
  definitionKey: string;
  elementId: string;
  active: number;
  incidents: number;
  completed: number;
  canceled: number;
}

export class ElementCounters {
  private readonly deltas = new Map<string, Deltas>();
  private readonly upsert: Database.Statement;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO element_statistics (process_definition_key, element_id, active, incidents, completed, canceled) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (process_definition_key, element_id) DO UPDATE SET active = active + excluded.active, incidents = incidents + excluded.incidents,
         completed = completed + excluded.completed, canceled = canceled + excluded.canceled`,
    );
  }

  /** One element instance of `elementId` moved from one count to another (undefined: none, as when it starts). */
  move(definitionKey: string, elementId: string, from: ElementCount | undefined, to: ElementCount | undefined): void {
    if (from === to || definitionKey === '') return;
    const id = `${definitionKey}\u0000${elementId}`;
    let deltas = this.deltas.get(id);
    if (!deltas) {
      deltas = { definitionKey, elementId, active: 0, incidents: 0, completed: 0, canceled: 0 };
      this.deltas.set(id, deltas);
    }
    if (from) deltas[from] -= 1;
    if (to) deltas[to] += 1;
  }

  /** Adds this transaction's changes to the table (before the exported position is written). */
  writeAll(): void {
    for (const d of this.deltas.values()) {
      if (d.active !== 0 || d.incidents !== 0 || d.completed !== 0 || d.canceled !== 0) {
        this.upsert.run(sqlKey(d.definitionKey), d.elementId, d.active, d.incidents, d.completed, d.canceled);
      }
    }
    this.deltas.clear();
  }

  /** Forgets this transaction's changes (it failed and rolls back). */
  discard(): void {
    this.deltas.clear();
  }
}
