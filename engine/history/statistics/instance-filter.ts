/**
 * Camunda's `ProcessDefinitionStatisticsFilter` (the base process-instance filter plus `$or`) as SQL conditions
 * over `process_instances` aliased `p`: the statistics endpoints count only the instances it selects.
 */
import type Database from 'better-sqlite3';
import { badRequest } from '../../gateway/rest/problem';
import { filterCondition, filterConditions, type CustomFilter, type SqlField } from '../sql-search';
import { javaStringHash } from './error-hash';

/** Error messages of incidents whose Java `String.hashCode` is one of `hashes` (there are few distinct messages). */
export function messagesWithHash(db: Database.Database, hashes: number[]): string[] {
  const rows = db.prepare('SELECT DISTINCT error_message AS message FROM incidents').all() as { message: string }[];
  return rows.map((row) => row.message).filter((message) => hashes.includes(javaStringHash(message)));
}

function exists(table: string, alias: string, condition: string): string {
  return `EXISTS (SELECT 1 FROM ${table} ${alias} WHERE ${alias}.process_instance_key = p.process_instance_key AND ${condition})`;
}

function elementFilter(column: SqlField): CustomFilter {
  return (value, field, params) => exists('element_instances', 'fe', filterCondition(column, value, field, params));
}

/** The filter fields, read by `filterConditions`; `$or` is handled around them. */
function baseFilters(db: Database.Database): Record<string, SqlField | CustomFilter> {
  return {
    processInstanceKey: { sql: 'p.process_instance_key', kind: 'key' },
    parentProcessInstanceKey: { sql: 'p.parent_process_instance_key', kind: 'key' },
    parentElementInstanceKey: { sql: 'p.parent_element_instance_key', kind: 'key' },
    startDate: { sql: 'p.start_date', kind: 'date' },
    endDate: { sql: 'p.end_date', kind: 'date' },
    state: { sql: 'p.state', kind: 'string' },
    hasIncident: { sql: '(p.incident_count > 0)', kind: 'boolean' },
    tenantId: { sql: 'p.tenant_id', kind: 'string' },
    errorMessage: (value, field, params) => exists('incidents', 'fi', `fi.state = 'ACTIVE' AND ${filterCondition({ sql: 'fi.error_message', kind: 'string' }, value, field, params)}`),
    incidentErrorHashCode: (value, field, params) => {
      const hashes = integerOperands(value, field);
      const messages = messagesWithHash(db, hashes);
      if (messages.length === 0) return '0';
      params.push(...messages);
      return exists('incidents', 'fh', `fh.state = 'ACTIVE' AND fh.error_message IN (${messages.map(() => '?').join(', ')})`);
    },
    elementId: elementFilter({ sql: 'fe.element_id', kind: 'string' }),
    elementInstanceState: elementFilter({ sql: 'fe.state', kind: 'string' }),
    hasElementInstanceIncident: (value, field) => {
      if (typeof value !== 'boolean') throw badRequest(`Expected '${field}' to be a boolean, but was ${JSON.stringify(value)}.`);
      const condition = exists('element_instances', 'fe', "fe.incident_key IS NOT NULL AND fe.state = 'ACTIVE'");
      return value ? condition : `NOT ${condition}`;
    },
  };
}

/** `incidentErrorHashCode`: an integer or `{ $eq | $in }` of integers (hashes have no order worth comparing). */
function integerOperands(value: unknown, field: string): number[] {
  const isInt = (candidate: unknown): candidate is number => typeof candidate === 'number' && Number.isInteger(candidate);
  if (isInt(value)) return [value];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { $eq, $in, ...rest } = value as Record<string, unknown>;
    if (Object.keys(rest).length === 0) {
      if (isInt($eq) && $in === undefined) return [$eq];
      if (Array.isArray($in) && $in.every(isInt) && $eq === undefined) return $in;
    }
  }
  throw badRequest(`Expected '${field}' to be an integer error hash code or {"$eq"|"$in": …} of them, but was ${JSON.stringify(value)}.`);
}

/** SQL conditions (over `process_instances p`) for a statistics `filter`, with `$or` groups ORed and ANDed to the rest. */
export function instanceFilterConditions(db: Database.Database, filter: unknown, params: unknown[]): string[] {
  if (filter === undefined || filter === null) return [];
  if (typeof filter !== 'object' || Array.isArray(filter)) throw badRequest(`Expected 'filter' to be an object, but was ${JSON.stringify(filter)}.`);
  const { $or, ...fields } = filter as Record<string, unknown>;
  const filters = baseFilters(db);
  const conditions = filterConditions('process definition statistics', filters, fields, 'filter', params);
  if ($or !== undefined && $or !== null) {
    if (!Array.isArray($or)) throw badRequest(`Expected 'filter.$or' to be an array of filters, but was ${JSON.stringify($or)}.`);
    const alternatives = $or.map((group, index) => {
      const groupConditions = filterConditions('process definition statistics', filters, group, `filter.$or[${index}]`, params);
      return groupConditions.length === 0 ? '1' : `(${groupConditions.join(' AND ')})`;
    });
    if (alternatives.length > 0) conditions.push(`(${alternatives.join(' OR ')})`);
  }
  return conditions;
}
