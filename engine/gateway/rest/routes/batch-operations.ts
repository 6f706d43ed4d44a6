import { Router, type Request, type Response } from 'express';
import { BatchOperationCreationIntent, BatchOperationLifecycleIntent, ValueType } from '../../../protocol';
import type { BatchOperationType } from '../../../processing/batch/batch-item-commands';
import type { BatchOperationItem } from '../../../state';
import { filterConditions } from '../../../history/sql-search';
import { BATCH_OPERATION_ITEM_SEARCH, BATCH_OPERATION_SEARCH } from '../../../history/readers/batch-operations';
import { PROCESS_INSTANCE_SEARCH } from '../../../history/readers/process-instances';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { historyFor } from '../history-access';
import { getFromHistory, searchHistory } from '../history-readers/history-reads';
import { HttpProblem, badRequest } from '../problem';
import { keyParam, objectBody, optionalKey, requiredString, type Body } from '../request-fields';
import type { GlobalAction } from '../../../identity/authorization';

/**
 * Which instances each kind of batch may act on, as Camunda 8.10 narrows the filter: the states it requires
 * (combined with the caller's filter, or replacing the caller's `state` and parent filters for suspension and
 * resumption, which do not cascade), and whether only root instances qualify (the engine cancels roots only).
 */
interface InstanceScope {
  states: string[];
  rootsOnly: boolean;
  /** The caller's `state` and `parentProcessInstanceKey` filters are ignored (suspension, resumption). */
  overrideState: boolean;
}

/** The process-instance filter of a batch request, as the keys of the instances it matches within `scope`. */
async function matchingInstances(context: RestRouteContext, body: Body, scope: InstanceScope): Promise<string[]> {
  if (body.filter === undefined || body.filter === null || typeof body.filter !== 'object' || Array.isArray(body.filter)) {
    throw badRequest('No filter provided. / 未提供筛选条件 filter。');
  }
  let filter = body.filter as Body;
  if (scope.overrideState) {
    const { state: _state, parentProcessInstanceKey: _parent, ...rest } = filter;
    filter = rest;
  }
  const history = await historyFor(context);
  const params: unknown[] = [...scope.states];
  const conditions = [`state IN (${scope.states.map(() => '?').join(', ')})`];
  if (scope.rootsOnly) conditions.push('parent_process_instance_key IS NULL');
  conditions.push(...filterConditions(PROCESS_INSTANCE_SEARCH.noun, PROCESS_INSTANCE_SEARCH.filters, filter, 'filter', params));
  const rows = history.db
    .prepare(`SELECT CAST(process_instance_key AS TEXT) AS key FROM process_instances WHERE ${conditions.join(' AND ')} ORDER BY process_instance_key`)
    .all(...params) as { key: string }[];
  return rows.map((row) => row.key);
}

const ACTIVE: InstanceScope = { states: ['ACTIVE'], rootsOnly: false, overrideState: false };

/** The open incidents of the matching instances: the items of an incident-resolution batch. */
async function openIncidents(context: RestRouteContext, instances: string[]): Promise<BatchOperationItem[]> {
  if (instances.length === 0) return [];
  const db = (await historyFor(context)).db;
  const statement = db.prepare("SELECT CAST(incident_key AS TEXT) AS itemKey, CAST(process_instance_key AS TEXT) AS processInstanceKey FROM incidents WHERE process_instance_key = ? AND state = 'ACTIVE' ORDER BY incident_key");
  return instances.flatMap((key) => statement.all(key) as BatchOperationItem[]);
}

function objectList(body: Body, field: string): Body[] {
  const value = body[field];
  if (!Array.isArray(value)) throw badRequest(`No ${field} provided.`);
  return value.map((entry: unknown, index) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw badRequest(`Expected '${field}[${index}]' to be an object, but was ${JSON.stringify(entry)}.`);
    return entry as Body;
  });
}

/** What each batch endpoint needs: its type, who may start it, and its items and payload from the request. */
interface BatchKind {
  type: BatchOperationType;
  action: GlobalAction;
  read(context: RestRouteContext, body: Body): Promise<{ items: BatchOperationItem[]; payload: Record<string, unknown> }>;
}

const asItems = (keys: string[]): BatchOperationItem[] => keys.map((key) => ({ itemKey: key, processInstanceKey: key }));

const KINDS: Record<string, BatchKind> = {
  cancellation: {
    type: 'CANCEL_PROCESS_INSTANCE',
    action: 'process-instance:cancel',
    read: async (context, body) => ({ items: asItems(await matchingInstances(context, body, { states: ['ACTIVE', 'SUSPENDED'], rootsOnly: true, overrideState: false })), payload: {} }),
  },
  suspension: {
    type: 'SUSPEND_PROCESS_INSTANCE',
    action: 'process-instance:modify',
    read: async (context, body) => ({ items: asItems(await matchingInstances(context, body, { states: ['ACTIVE'], rootsOnly: false, overrideState: true })), payload: {} }),
  },
  resumption: {
    type: 'RESUME_PROCESS_INSTANCE',
    action: 'process-instance:modify',
    read: async (context, body) => ({ items: asItems(await matchingInstances(context, body, { states: ['SUSPENDED'], rootsOnly: false, overrideState: true })), payload: {} }),
  },
  'incident-resolution': {
    type: 'RESOLVE_INCIDENT',
    action: 'incident:resolve',
    read: async (context, body) => ({ items: await openIncidents(context, await matchingInstances(context, body, ACTIVE)), payload: {} }),
  },
  migration: {
    type: 'MIGRATE_PROCESS_INSTANCE',
    action: 'process-instance:modify',
    read: async (context, body) => {
      const plan = body.migrationPlan;
      if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) throw badRequest('No migrationPlan provided.');
      const targetProcessDefinitionKey = optionalKey(plan as Body, 'targetProcessDefinitionKey');
      if (!targetProcessDefinitionKey) throw badRequest('No migrationPlan.targetProcessDefinitionKey provided.');
      const mappingInstructions = objectList(plan as Body, 'mappingInstructions').map((m) => ({ sourceElementId: requiredString(m, 'sourceElementId'), targetElementId: requiredString(m, 'targetElementId') }));
      return { items: asItems(await matchingInstances(context, body, ACTIVE)), payload: { targetProcessDefinitionKey, mappingInstructions } };
    },
  },
  modification: {
    type: 'MODIFY_PROCESS_INSTANCE',
    action: 'process-instance:modify',
    read: async (context, body) => {
      const moveInstructions = objectList(body, 'moveInstructions').map((m) => ({ sourceElementId: requiredString(m, 'sourceElementId'), targetElementId: requiredString(m, 'targetElementId') }));
      return { items: asItems(await matchingInstances(context, body, ACTIVE)), payload: { moveInstructions } };
    },
  },
};

/**
 * Camunda 8.8 batch operations. `POST /v2/process-instances/cancellation`, `/incident-resolution`, `/migration`
 * and `/modification` (and 8.10's `/suspension`, `/resumption`) take a process-instance `filter` (the same
 * fields as the search), resolve it against history into items (instances in the states the operation needs,
 * or their open incidents) and answer
 * `{ batchOperationKey, batchOperationType }`; the engine then runs the items in chunks of 20, between other
 * commands, durably. `POST /v2/batch-operations/search`, `GET /v2/batch-operations/{key}` and
 * `POST /v2/batch-operation-items/search` read history; `POST /v2/batch-operations/{key}/cancellation`,
 * `/suspension`, `/resumption` answer 204. Starting one needs the permission of its item command; reading, an
 * auditor's or admin's; steering, an admin's.
 */
export function batchOperationRoutes(context: RestRouteContext): Router {
  const router = Router();
  for (const [path, kind] of Object.entries(KINDS)) {
    router.post(`/process-instances/${path}`, async (request, response) => {
      const auth = requestAuth(response);
      const body = objectBody(request);
      auth.require({ action: kind.action });
      const { items, payload } = await kind.read(context, body);
      const created = await context.engine.submitCommand<{ batchOperationKey: string; batchOperationType: string }>(
        { key: '-1', valueType: ValueType.BATCH_OPERATION_CREATION, intent: BatchOperationCreationIntent.CREATE, value: { batchOperationType: kind.type, items, payload } },
        auth.context,
      );
      response.json(created);
    });
  }

  router.post('/batch-operations/search', async (request, response) => {
    requestAuth(response).require({ action: 'process-instance:read' });
    const result = await searchHistory(context, BATCH_OPERATION_SEARCH, objectBody(request));
    response.json(result);
  });

  router.get('/batch-operations/:batchOperationKey', async (request, response) => {
    const key = keyParam(request, 'batchOperationKey');
    requestAuth(response).require({ action: 'process-instance:read' });
    const found = await getFromHistory(context, BATCH_OPERATION_SEARCH, key);
    if (!found) throw new HttpProblem(404, 'NOT_FOUND', `Batch operation with key '${key}' not found / 未找到批量操作 ${key}`);
    response.json(found);
  });

  router.post('/batch-operation-items/search', async (request, response) => {
    requestAuth(response).require({ action: 'process-instance:read' });
    const result = await searchHistory(context, BATCH_OPERATION_ITEM_SEARCH, objectBody(request));
    response.json(result);
  });

  const steer = (intent: string) => async (request: Request, response: Response) => {
    const auth = requestAuth(response);
    const key = keyParam(request, 'batchOperationKey');
    auth.require({ action: 'process-instance:modify' });
    await context.engine.submitCommand({ key, valueType: ValueType.BATCH_OPERATION_LIFECYCLE_MANAGEMENT, intent, value: { batchOperationKey: key } }, auth.context);
    response.status(204).end();
  };
  router.post('/batch-operations/:batchOperationKey/cancellation', steer(BatchOperationLifecycleIntent.CANCEL));
  router.post('/batch-operations/:batchOperationKey/suspension', steer(BatchOperationLifecycleIntent.SUSPEND));
  router.post('/batch-operations/:batchOperationKey/resumption', steer(BatchOperationLifecycleIntent.RESUME));
  return router;
}
