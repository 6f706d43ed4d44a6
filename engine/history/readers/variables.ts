import { filterCondition, type CustomFilter, type SqlSearchSpec } from '../sql-search';
import { keyColumn } from './row-values';

/**
 * How many leading characters of a variable's value the `(name, value)` index holds. Camunda's RDBMS
 * schema keeps a cut preview of each value in its own column (`VAR_VALUE`, beside `VAR_FULL_VALUE`) so a
 * search by name and value is an index lookup; SQLite indexes the cut expression itself, so the value is
 * stored once and the index stays small however long a value grows.
 */
export const VARIABLE_VALUE_INDEX_CHARS = 256;

/** The indexed expression: must be written exactly like this in a query for SQLite to use the index. */
export const VARIABLE_VALUE_PREFIX = `substr(value, 1, ${VARIABLE_VALUE_INDEX_CHARS})`;

/** The exact values a value filter asks for (a plain value, `$eq`, or `$in`); undefined for anything else. */
function wantedValues(filter: unknown): string[] | undefined {
  if (typeof filter === 'string' || typeof filter === 'number') return [String(filter)];
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) return undefined;
  const operators = filter as Record<string, unknown>;
  if (typeof operators.$eq === 'string' || typeof operators.$eq === 'number') return [String(operators.$eq)];
  if (Array.isArray(operators.$in) && operators.$in.length > 0 && operators.$in.every((item) => typeof item === 'string' || typeof item === 'number')) {
    return operators.$in.map(String);
  }
  return undefined;
}

/**
 * The `value` filter: Camunda's operators on the whole value, and for the exact ones (`"v"`, `$eq`, `$in`)
 * also the same test on the indexed prefix, which lets SQLite find the rows through `(name, prefix)` instead
 * of reading every variable of that name.
 */
export const variableValueFilter: CustomFilter = (filter, field, params) => {
  const exactParams: unknown[] = [];
  const exact = filterCondition({ sql: 'value', kind: 'string' }, filter, field, exactParams);
  const wanted = wantedValues(filter);
  if (!wanted) {
    params.push(...exactParams);
    return exact;
  }
  params.push(...wanted, ...exactParams);
  const prefixes = wanted.map(() => `substr(?, 1, ${VARIABLE_VALUE_INDEX_CHARS})`).join(', ');
  return `${VARIABLE_VALUE_PREFIX} IN (${prefixes}) AND (${exact})`;
};

/** The exact keys a key filter asks for (a plain key, `$eq`, or `$in` of keys); undefined for anything else. */
function wantedKeys(filter: unknown): string[] | undefined {
  const values = wantedValues(filter);
  return values && values.every((value) => /^\d{1,19}$/.test(value)) ? values : undefined;
}

/**
 * The `processInstanceKey` filter: an instance's own variables are found through `(scope_key, name)` and its
 * local ones through the partial index of variables whose scope is not the instance (history-schema.ts),
 * so exact keys are asked as those two halves; other operators compare the column as any key filter does.
 */
export const variableInstanceFilter: CustomFilter = (filter, field, params) => {
  const keys = wantedKeys(filter);
  if (!keys) return filterCondition({ sql: 'process_instance_key', kind: 'key' }, filter, field, params);
  const list = keys.map(() => 'CAST(? AS INTEGER)').join(', ');
  params.push(...keys, ...keys);
  return `(scope_key IN (${list}) AND scope_key = process_instance_key OR scope_key <> process_instance_key AND process_instance_key IN (${list}))`;
};

/** A variable as `POST /v2/variables/search` answers it; `value` is JSON text, as in Camunda. */
export interface VariableView {
  variableKey: string;
  name: string;
  value: string;
  scopeKey: string;
  processInstanceKey: string;
  tenantId: string;
}

export const VARIABLE_SEARCH: SqlSearchSpec<VariableView> = {
  noun: 'variable',
  from: 'variables',
  select: [
    keyColumn('variable_key', 'variableKey'),
    'name',
    'value',
    keyColumn('scope_key', 'scopeKey'),
    keyColumn('process_instance_key', 'processInstanceKey'),
    'tenant_id AS tenantId',
  ].join(', '),
  filters: {
    name: { sql: 'name', kind: 'string' },
    value: variableValueFilter,
    tenantId: { sql: 'tenant_id', kind: 'string' },
    // Camunda accepts it; whether a value is cut is decided per answer (truncateValues).
    isTruncated: () => undefined,
    variableKey: { sql: 'variable_key', kind: 'key' },
    scopeKey: { sql: 'scope_key', kind: 'key' },
    processInstanceKey: variableInstanceFilter,
  },
  sortFields: {
    value: { sql: 'value', kind: 'string' },
    name: { sql: 'name', kind: 'string' },
    tenantId: { sql: 'tenant_id', kind: 'string' },
    variableKey: { sql: 'variable_key', kind: 'key' },
    scopeKey: { sql: 'scope_key', kind: 'key' },
    processInstanceKey: { sql: 'process_instance_key', kind: 'key' },
  },
  key: 'variable_key',
  toItem: (row) => ({
    variableKey: String(row.variableKey),
    name: String(row.name),
    value: String(row.value),
    scopeKey: String(row.scopeKey),
    processInstanceKey: String(row.processInstanceKey),
    tenantId: String(row.tenantId),
  }),
};
