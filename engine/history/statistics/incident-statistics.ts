/**
 * Camunda 8.9's incident statistics: active process instances with active incidents, grouped by error
 * (`errorHashCode`, the Java hash of the message) or, for one error, by process definition.
 */
import type Database from 'better-sqlite3';
import { badRequest } from '../../gateway/rest/problem';
import { javaStringHash } from './error-hash';
import { groupedPage, onlyFields, type GroupedPage } from './grouped-page';
import { messagesWithHash } from './instance-filter';

/** `IncidentProcessInstanceStatisticsByErrorResult`. */
export interface ErrorStatistics {
  errorHashCode: number;
  errorMessage: string;
  activeInstancesWithErrorCount: number;
}

/** `IncidentProcessInstanceStatisticsByDefinitionResult`. */
export interface DefinitionIncidentStatistics {
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionName: string;
  processDefinitionVersion: number;
  tenantId: string;
  activeInstancesWithErrorCount: number;
}

/** Active incidents of active instances: the rows both statistics count (indexed by `incidents_by_state_message`). */
const ACTIVE_INCIDENTS = `incidents i JOIN process_instances p ON p.process_instance_key = i.process_instance_key
  WHERE i.state = 'ACTIVE' AND p.state = 'ACTIVE'`;

/** `POST /v2/incidents/statistics/process-instances-by-error`. */
export function statisticsByError(db: Database.Database, body: Record<string, unknown>): GroupedPage<ErrorStatistics> {
  onlyFields(body, ['page', 'sort']);
  return groupedPage(
    db,
    body,
    {
      sql: `SELECT i.error_message AS errorMessage, COUNT(DISTINCT i.process_instance_key) AS activeInstancesWithErrorCount FROM ${ACTIVE_INCIDENTS} GROUP BY i.error_message`,
      params: [],
      sortFields: { errorMessage: 'errorMessage', activeInstancesWithErrorCount: 'activeInstancesWithErrorCount' },
      tieBreak: 'errorMessage ASC',
    },
    (row) => ({
      errorHashCode: javaStringHash(String(row.errorMessage)),
      errorMessage: String(row.errorMessage),
      activeInstancesWithErrorCount: Number(row.activeInstancesWithErrorCount),
    }),
  );
}

/** `POST /v2/incidents/statistics/process-instances-by-definition`: `filter.errorHashCode` is required. */
export function statisticsByDefinition(db: Database.Database, body: Record<string, unknown>): GroupedPage<DefinitionIncidentStatistics> {
  onlyFields(body, ['filter', 'page', 'sort']);
  const filter = body.filter as Record<string, unknown> | undefined;
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw badRequest(`Expected 'filter' with 'errorHashCode', but was ${JSON.stringify(filter)}. / 请在 filter 中给出 errorHashCode。`);
  }
  onlyFields(filter, ['errorHashCode']);
  const hash = filter.errorHashCode;
  if (typeof hash !== 'number' || !Number.isInteger(hash)) {
    throw badRequest(`Expected 'filter.errorHashCode' to be an integer, but was ${JSON.stringify(hash)}. / errorHashCode 须为整数。`);
  }
  const messages = messagesWithHash(db, [hash]);
  const matches = messages.length === 0 ? '0' : `i.error_message IN (${messages.map(() => '?').join(', ')})`;
  return groupedPage(
    db,
    body,
    {
      sql: `SELECT CAST(p.process_definition_key AS TEXT) AS processDefinitionKey, p.process_definition_key AS definitionKeyNumber,
              MAX(p.process_definition_id) AS processDefinitionId, MAX(p.process_definition_name) AS processDefinitionName,
              MAX(p.process_definition_version) AS processDefinitionVersion, p.tenant_id AS tenantId,
              COUNT(DISTINCT i.process_instance_key) AS activeInstancesWithErrorCount
            FROM ${ACTIVE_INCIDENTS} AND ${matches} GROUP BY p.process_definition_key, p.tenant_id`,
      params: messages,
      sortFields: { activeInstancesWithErrorCount: 'activeInstancesWithErrorCount', processDefinitionKey: 'definitionKeyNumber', tenantId: 'tenantId' },
      tieBreak: 'definitionKeyNumber ASC, tenantId ASC',
    },
    (row) => ({
      processDefinitionId: String(row.processDefinitionId),
      processDefinitionKey: String(row.processDefinitionKey),
      processDefinitionName: String(row.processDefinitionName ?? row.processDefinitionId),
      processDefinitionVersion: Number(row.processDefinitionVersion),
      tenantId: String(row.tenantId),
      activeInstancesWithErrorCount: Number(row.activeInstancesWithErrorCount),
    }),
  );
}
