import { Router } from 'express';
import { PROCESS_INSTANCE_SEARCH } from '../../../history/readers/process-instances';
import {
  definitionElementStatistics,
  instanceElementStatistics,
  instanceStatisticsByDefinition,
  instanceStatisticsByVersion,
  messageSubscriptionStatistics,
  statisticsByDefinition,
  statisticsByError,
} from '../../../history/statistics';
import { onlyFields } from '../../../history/statistics/grouped-page';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { HttpProblem } from '../problem';
import { keyParam, objectBody } from '../request-fields';
import { getFromHistory, readHistory, searchHistory } from '../history-readers/history-reads';
import { READ_FUNCTIONS } from '../history-readers/read-registry';

/**
 * Camunda 8.9's statistics endpoints (eventually consistent, read from the history store): element counts
 * of a process definition or instance, active instances per definition and per version, open message
 * subscriptions per definition, and active incidents by error and by definition. Reading them needs the right to read process instances / incidents.
 */
export function statisticsRoutes(context: RestRouteContext): Router {
  const router = Router();

  router.post('/process-definitions/:processDefinitionKey/statistics/element-instances', async (request, response) => {
    const key = keyParam(request, 'processDefinitionKey');
    requestAuth(response).require({ action: 'process-instance:read' });
    const body = objectBody(request);
    onlyFields(body, ['filter']);
    const known = await readHistory(context, READ_FUNCTIONS.processDefinitionExists, key);
    if (!known) throw new HttpProblem(404, 'NOT_FOUND', `Process definition with key '${key}' not found`);
    response.json({ items: await readHistory(context, definitionElementStatistics, key, body.filter) });
  });

  router.get('/process-instances/:processInstanceKey/statistics/element-instances', async (request, response) => {
    const key = keyParam(request, 'processInstanceKey');
    requestAuth(response).require({ action: 'process-instance:read' });
    if (!(await getFromHistory(context, PROCESS_INSTANCE_SEARCH, key))) throw new HttpProblem(404, 'NOT_FOUND', `Process instance with key '${key}' not found`);
    response.json({ items: await readHistory(context, instanceElementStatistics, key) });
  });

  router.post('/process-definitions/statistics/process-instances', async (request, response) => {
    requestAuth(response).require({ action: 'process-instance:read' });
    const body = objectBody(request);
    response.json(await readHistory(context, instanceStatisticsByDefinition, body));
  });

  router.post('/process-definitions/statistics/process-instances-by-version', async (request, response) => {
    requestAuth(response).require({ action: 'process-instance:read' });
    const body = objectBody(request);
    response.json(await readHistory(context, instanceStatisticsByVersion, body));
  });

  router.post('/process-definitions/statistics/message-subscriptions', async (request, response) => {
    requestAuth(response).require({ action: 'process-instance:read' });
    const body = objectBody(request);
    response.json(await readHistory(context, messageSubscriptionStatistics, body));
  });

  router.post('/incidents/statistics/process-instances-by-error', async (request, response) => {
    requestAuth(response).require({ action: 'incident:read' });
    const body = objectBody(request);
    response.json(await readHistory(context, statisticsByError, body));
  });

  router.post('/incidents/statistics/process-instances-by-definition', async (request, response) => {
    requestAuth(response).require({ action: 'incident:read' });
    const body = objectBody(request);
    response.json(await readHistory(context, statisticsByDefinition, body));
  });
  return router;
}
