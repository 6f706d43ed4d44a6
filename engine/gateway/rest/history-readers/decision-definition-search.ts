/**
 * `POST /v2/decision-definitions/search` and `GET /v2/decision-definitions/{key}` as an SQL search over the
 * history store's `decision_definitions` table, so they run on the history reader threads like every other
 * search (issue 13): deployments are an admin's, but a search with a costly filter must still never hold the
 * engine thread.
 */
import type { CustomFilter, SqlField, SqlSearchSpec } from '../../../history/sql-search';
import type { DecisionDefinitionView } from '../../../history/readers/definitions';
import { keyColumn, text } from '../../../history/readers/row-values';
import { badRequest } from '../problem';

/** A decision version as the search answers it, with whether it is the highest version of its decision id. */
export interface DecisionDefinitionRow extends DecisionDefinitionView {
  isLatestVersion: boolean;
}

const COLUMNS: Record<string, SqlField> = {
  decisionDefinitionKey: { sql: 'decision_definition_key', kind: 'key', notNull: true },
  decisionDefinitionId: { sql: 'decision_definition_id', kind: 'string', notNull: true },
  name: { sql: 'name', kind: 'string', notNull: true },
  version: { sql: 'version', kind: 'integer', notNull: true },
  decisionRequirementsId: { sql: 'decision_requirements_id', kind: 'string', notNull: true },
  decisionRequirementsKey: { sql: 'decision_requirements_key', kind: 'key' },
  tenantId: { sql: 'tenant_id', kind: 'string', notNull: true },
};

/** The highest version of the row's decision id (per tenant), among the versions not deleted. */
const LATEST_VERSION =
  '(SELECT MAX(latest.version) FROM decision_definitions AS latest WHERE latest.decision_definition_id = decision_definitions.decision_definition_id AND latest.tenant_id = decision_definitions.tenant_id AND latest.deleted = 0)';

/** Camunda 8.9's `filter.isLatestVersion`: a boolean, true for the highest version of each decision id. */
const isLatestVersion: CustomFilter = (value, field) => {
  if (typeof value !== 'boolean') throw badRequest(`Expected '${field}' to be a boolean, but was ${JSON.stringify(value)}.`);
  return `version ${value ? '=' : '<>'} ${LATEST_VERSION}`;
};

/** The decision-definition search over history (registered for the reader threads in `read-registry.ts`). */
export const DECISION_DEFINITION_SEARCH: SqlSearchSpec<DecisionDefinitionRow> = {
  noun: 'decision definition',
  from: 'decision_definitions',
  scope: 'deleted = 0',
  select: [
    keyColumn('decision_definition_key', 'decisionDefinitionKey'),
    'decision_definition_id AS decisionDefinitionId',
    'name',
    'version',
    keyColumn('decision_requirements_key', 'decisionRequirementsKey'),
    'decision_requirements_id AS decisionRequirementsId',
    'tenant_id AS tenantId',
    `(version = ${LATEST_VERSION}) AS isLatestVersion`,
  ].join(', '),
  filters: { ...COLUMNS, isLatestVersion },
  sortFields: COLUMNS,
  key: 'decision_definition_key',
  toItem: (row) => ({
    decisionDefinitionKey: String(row.decisionDefinitionKey),
    decisionDefinitionId: String(row.decisionDefinitionId),
    name: String(row.name),
    version: Number(row.version),
    decisionRequirementsKey: text(row.decisionRequirementsKey) ?? '',
    decisionRequirementsId: String(row.decisionRequirementsId),
    tenantId: String(row.tenantId),
    isLatestVersion: Number(row.isLatestVersion) === 1,
  }),
};

/** The keys of the decision requirements graphs that have a deployed, undeleted decision (few: one per DMN resource version). */
export function decisionRequirementsKeys(db: import('better-sqlite3').Database): string[] {
  return (
    db
      .prepare('SELECT DISTINCT CAST(decision_requirements_key AS TEXT) AS key FROM decision_definitions WHERE deleted = 0 AND decision_requirements_key IS NOT NULL ORDER BY decision_requirements_key')
      .all() as { key: string }[]
  ).map((row) => row.key);
}
