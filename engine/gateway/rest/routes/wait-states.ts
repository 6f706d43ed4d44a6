import { Router } from 'express';
import { MESSAGE_SUBSCRIPTION_SEARCH } from '../../../history/readers/message-subscriptions';
import { WAIT_STATE_SEARCH, waitStateStatistics } from '../../../history/readers/wait-states';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { readHistory, searchHistory } from '../history-readers/history-reads';
import { keyParam, objectBody } from '../request-fields';

/**
 * What instances wait for, from history (eventually consistent): Camunda 8.10's wait states,
 * `POST /v2/element-instances/wait-states/search` and `GET /v2/process-instances/{key}/statistics/wait-states`,
 * and 8.8's `POST /v2/message-subscriptions/search`.
 */
export function waitStateRoutes(context: RestRouteContext): Router {
  const router = Router();

  router.post('/element-instances/wait-states/search', async (request, response) => {
    requestAuth(response).require({ action: 'element-instance:read' });
    response.json(await searchHistory(context, WAIT_STATE_SEARCH, objectBody(request)));
  });

  // Camunda documents no 404: an unknown instance simply waits on nothing.
  router.get('/process-instances/:processInstanceKey/statistics/wait-states', async (request, response) => {
    const key = keyParam(request, 'processInstanceKey');
    requestAuth(response).require({ action: 'process-instance:read' });
    response.json(await readHistory(context, waitStateStatistics, key));
  });

  router.post('/message-subscriptions/search', async (request, response) => {
    requestAuth(response).require({ action: 'process-instance:read' });
    response.json(await searchHistory(context, MESSAGE_SUBSCRIPTION_SEARCH, objectBody(request)));
  });
  return router;
}
