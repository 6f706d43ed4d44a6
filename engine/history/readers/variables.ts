import type { SqlSearchSpec } from '../sql-search';
import { keyColumn } from './row-values';

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
    value: { sql: 'value', kind: 'string' },
    tenantId: { sql: 'tenant_id', kind: 'string' },
    // Camunda accepts it; whether a value is cut is decided per answer (truncateValues).
    isTruncated: () => undefined,
    variableKey: { sql: 'variable_key', kind: 'key' },
    scopeKey: { sql: 'scope_key', kind: 'key' },
    processInstanceKey: { sql: 'process_instance_key', kind: 'key' },
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
