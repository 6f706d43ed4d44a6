/**
 * Camunda 8.9's process-instance statistics per process definition: active instances with and without an
 * incident, per definition id and tenant (`/process-definitions/statistics/process-instances`) or per version
 * of one definition id (`…/process-instances-by-version`). Counted from the active instances (`process_instances_by_state`, `process_instances_by_definition`).
 */
import type Database from 'better-sqlite3';
import { badRequest } from '../../gateway/rest/problem';
import { groupedPage, onlyFields, type GroupedPage } from './grouped-page';

/** `ProcessDefinitionInstanceStatisticsResult`. */
export interface DefinitionInstanceStatistics {
  processDefinitionId: string;
  tenantId: string;
  latestProcessDefinitionName: string | null;
  hasMultipleVersions: boolean;
  activeInstancesWithoutIncidentCount: number;
  activeInstancesWithIncidentCount: number;
}

/** `ProcessDefinitionInstanceVersionStatisticsResult`. */
export interface VersionInstanceStatistics {
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionName: string | null;
  tenantId: string;
  processDefinitionVersion: number;
  activeInstancesWithIncidentCount: number;
  activeInstancesWithoutIncidentCount: number;
}

/** `POST /v2/process-definitions/statistics/process-instances`: one row per definition id and tenant with active instances. */
export function instanceStatisticsByDefinition(db: Database.Database, body: Record<string, unknown>): GroupedPage<DefinitionInstanceStatistics> {
  onlyFields(body, ['page', 'sort']);
  return groupedPage(
    db,
    body,
    {
      sql: `SELECT a.processDefinitionId, a.tenantId, a.withIncident, a.withoutIncident,
              (SELECT d.name FROM process_definitions d WHERE d.process_definition_id = a.processDefinitionId AND d.tenant_id = a.tenantId ORDER BY d.version DESC LIMIT 1) AS latestName,
              (SELECT COUNT(*) FROM process_definitions d WHERE d.process_definition_id = a.processDefinitionId AND d.tenant_id = a.tenantId) AS versions
            FROM (SELECT process_definition_id AS processDefinitionId, tenant_id AS tenantId,
                    SUM(incident_count > 0) AS withIncident, SUM(incident_count = 0) AS withoutIncident
                  FROM process_instances WHERE state = 'ACTIVE' GROUP BY process_definition_id, tenant_id) a`,
      params: [],
      sortFields: { processDefinitionId: 'processDefinitionId', activeInstancesWithIncidentCount: 'withIncident', activeInstancesWithoutIncidentCount: 'withoutIncident' },
      tieBreak: 'processDefinitionId ASC, tenantId ASC',
    },
    (row) => ({
      processDefinitionId: String(row.processDefinitionId),
      tenantId: String(row.tenantId),
      latestProcessDefinitionName: row.latestName === null || row.latestName === undefined ? null : String(row.latestName),
      hasMultipleVersions: Number(row.versions) > 1,
      activeInstancesWithoutIncidentCount: Number(row.withoutIncident),
      activeInstancesWithIncidentCount: Number(row.withIncident),
    }),
  );
}

/** `POST /v2/process-definitions/statistics/process-instances-by-version`: `filter.processDefinitionId` is required. */
export function instanceStatisticsByVersion(db: Database.Database, body: Record<string, unknown>): GroupedPage<VersionInstanceStatistics> {
  onlyFields(body, ['filter', 'page', 'sort']);
  const filter = body.filter as Record<string, unknown> | undefined;
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter) || typeof filter.processDefinitionId !== 'string' || filter.processDefinitionId === '') {
    throw badRequest(`Expected 'filter.processDefinitionId' to name a process, but the filter was ${JSON.stringify(filter)}. / 请在 filter 中给出 processDefinitionId。`);
  }
  onlyFields(filter, ['processDefinitionId', 'tenantId']);
  if (filter.tenantId !== undefined && typeof filter.tenantId !== 'string') throw badRequest(`Expected 'filter.tenantId' to be a string, but was ${JSON.stringify(filter.tenantId)}.`);
  const params: unknown[] = [filter.processDefinitionId];
  let tenant = '';
  if (typeof filter.tenantId === 'string') {
    tenant = 'AND tenant_id = ?';
    params.push(filter.tenantId);
  }
  return groupedPage(
    db,
    body,
    {
      sql: `SELECT CAST(process_definition_key AS TEXT) AS processDefinitionKey, process_definition_key AS definitionKeyNumber,
              MAX(process_definition_id) AS processDefinitionId, MAX(process_definition_name) AS processDefinitionName,
              MAX(process_definition_version) AS processDefinitionVersion, MAX(tenant_id) AS tenantId,
              SUM(incident_count > 0) AS withIncident, SUM(incident_count = 0) AS withoutIncident
            FROM process_instances WHERE process_definition_id = ? AND state = 'ACTIVE' ${tenant} GROUP BY process_definition_key`,
      params,
      sortFields: {
        processDefinitionId: 'processDefinitionId',
        processDefinitionKey: 'definitionKeyNumber',
        processDefinitionName: 'processDefinitionName',
        processDefinitionVersion: 'processDefinitionVersion',
        activeInstancesWithIncidentCount: 'withIncident',
        activeInstancesWithoutIncidentCount: 'withoutIncident',
      },
      tieBreak: 'definitionKeyNumber ASC',
    },
    (row) => ({
      processDefinitionId: String(row.processDefinitionId),
      processDefinitionKey: String(row.processDefinitionKey),
      processDefinitionName: row.processDefinitionName === null || row.processDefinitionName === undefined ? null : String(row.processDefinitionName),
      tenantId: String(row.tenantId),
      processDefinitionVersion: Number(row.processDefinitionVersion),
      activeInstancesWithIncidentCount: Number(row.withIncident),
      activeInstancesWithoutIncidentCount: Number(row.withoutIncident),
    }),
  );
}
