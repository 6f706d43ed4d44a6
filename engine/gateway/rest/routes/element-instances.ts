import { Router } from 'express';
import { ELEMENT_INSTANCE_SEARCH } from '../../../history/readers/element-instances';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { HttpProblem } from '../problem';
import { keyParam, objectBody } from '../request-fields';
import type { RestServices } from '../services';
import { getFromHistory, searchHistory } from '../history-readers/history-reads';

/** Element instances: search and get, from history (names were stored from the deployed XML). */
export function elementInstanceRoutes(_services: RestServices) {
  return (context: RestRouteContext): Router => {
    const router = Router();

    router.post('/element-instances/search', async (request, response) => {
      requestAuth(response).require({ action: 'element-instance:read' });
      const body = objectBody(request);
      response.json(await searchHistory(context, ELEMENT_INSTANCE_SEARCH, body));
    });

    router.get('/element-instances/:elementInstanceKey', async (request, response) => {
      const key = keyParam(request, 'elementInstanceKey');
      requestAuth(response).require({ action: 'element-instance:read' });
      const instance = await getFromHistory(context, ELEMENT_INSTANCE_SEARCH, key);
      if (!instance) throw new HttpProblem(404, 'NOT_FOUND', `Element instance with key '${key}' not found`);
      response.json(instance);
    });
    return router;
  };
}
