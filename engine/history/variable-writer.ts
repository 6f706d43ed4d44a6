/**
 * History rows of variables: the `variables` row holds each variable's current value and, until its first
 * update, its creation (position, time, actor); `variable_changes` holds the later changes. Most variables are
 * never changed, so their creation costs one row instead of a row in each table (a third of the rows history
 * wrote per case). The first update moves the creation into `variable_changes` with the value it was created
 * with, so the view `variable_change_log` always lists every creation and change with the value it set.
 */
import type Database from 'better-sqlite3';
import type { EngineRecord } from '../api';
import { upsertSet } from './upsert-set';
import type { PendingRows } from './pending-rows';
import { sqlKey, str } from './record-values';

/** Process-level variables copied onto the instance row: they name the case after the instance ends. */
const CASE_VARIABLES = new Set(['caseId', 'caseTitle']);

/** A variable's JSON text as the case columns show it: strings unquoted. */
function caseText(json: string): string | null {
  try {
    const value = JSON.parse(json) as unknown;
    return typeof value === 'string' ? value : value === null ? null : JSON.stringify(value);
  } catch {
    return json;
  }
}

export class VariableWriter {
  private readonly s;

  constructor(
    db: Database.Database,
    private readonly pending: PendingRows,
  ) {
    this.s = {
      created: db.prepare(
        `INSERT OR IGNORE INTO variables (variable_key, name, value, scope_key, process_instance_key, tenant_id, created_position, created_at, created_actor)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      // The creation the row still holds moves to variable_changes before its value is overwritten.
      creationMoved: db.prepare(
        `INSERT INTO variable_changes (position, variable_key, intent, name, value, scope_key, process_instance_key, changed_at, actor)
         SELECT created_position, variable_key, 'CREATED', name, value, scope_key, process_instance_key, created_at, created_actor
         FROM variables WHERE variable_key = ? AND created_position IS NOT NULL ON CONFLICT (position) DO UPDATE SET ${upsertSet(['variable_key', 'intent', 'name', 'value', 'scope_key', 'process_instance_key', 'changed_at', 'actor'])}`,
      ),
      updated: db.prepare(
        `INSERT INTO variables (variable_key, name, value, scope_key, process_instance_key, tenant_id) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (variable_key) DO UPDATE SET value = excluded.value, created_position = NULL, created_at = NULL, created_actor = NULL`,
      ),
      change: db.prepare(
        `INSERT INTO variable_changes (position, variable_key, intent, name, value, scope_key, process_instance_key, changed_at, actor)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (position) DO UPDATE SET ${upsertSet(['variable_key', 'intent', 'name', 'value', 'scope_key', 'process_instance_key', 'changed_at', 'actor'])}`,
      ),
      caseId: db.prepare('UPDATE process_instances SET case_id = ? WHERE process_instance_key = ?'),
      caseTitle: db.prepare('UPDATE process_instances SET case_title = ? WHERE process_instance_key = ?'),
    };
  }

  /** A VARIABLE event: CREATED and UPDATED write rows, other intents (MIGRATED) none. */
  variable(record: EngineRecord): void {
    if (record.intent !== 'CREATED' && record.intent !== 'UPDATED') return;
    const value = record.value;
    const raw = value.value;
    const json = typeof raw === 'string' ? raw : JSON.stringify(raw ?? null);
    const name = str(value, 'name') ?? '';
    const scopeKey = str(value, 'scopeKey') ?? '';
    const processInstanceKey = str(value, 'processInstanceKey') ?? '';
    const tenantId = str(value, 'tenantId') ?? '<default>';
    const actor = record.actor ?? null;
    const key = sqlKey(record.key);
    const scope = sqlKey(scopeKey);
    const instance = sqlKey(processInstanceKey);
    const createdHere = record.intent === 'CREATED' && this.s.created.run(key, name, json, scope, instance, tenantId, record.position, record.timestamp, actor).changes > 0;
    if (!createdHere) {
      // An update (or a creation of a key history already has): the row's own creation goes first.
      this.s.creationMoved.run(key);
      this.s.updated.run(key, name, json, scope, instance, tenantId);
      this.s.change.run(record.position, key, record.intent, name, json, scope, instance, record.timestamp, actor);
    }
    // A held instance row reads its case columns from the variables when it is written.
    if (CASE_VARIABLES.has(name) && scopeKey === processInstanceKey && !this.pending.holdsInstance(processInstanceKey)) {
      (name === 'caseId' ? this.s.caseId : this.s.caseTitle).run(caseText(json), instance);
    }
  }
}
