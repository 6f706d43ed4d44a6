import { Router } from 'express';
import { INCIDENT_SEARCH } from '../../../history/readers/incidents';
import {
  IN_ELEMENT_INSTANCE_SUBTREE,
  IN_PROCESS_INSTANCE_TREE,
  callHierarchy,
  elementInstanceKnown,
  processInstanceKnown,
  sequenceFlows,
} from '../../../history/readers/process-instance-relations';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { readHistory, searchHistory } from '../history-readers/history-reads';
import { HttpProblem } from '../problem';
import { keyParam, objectBody } from '../request-fields';

/**
 * What one process or element instance is related to, from history (eventually consistent, as in Camunda):
 * `GET /v2/process-instances/{key}/call-hierarchy` and `/sequence-flows` (8.8), and the incidents caused
 * inside an instance, `POST /v2/process-instances/{key}/incidents/search` (8.8: including what it called) and
 * `POST /v2/element-instances/{key}/incidents/search` (8.9: the element, its scope and what it called).
 */
export function processInstanceRelationRoutes(context: RestRouteContext): Router {
  const router = Router();

  router.get('/process-instances/:processInstanceKey/call-hierarchy', async (request, response) => {
    const key = keyParam(request, 'processInstanceKey');
    requestAuth(response).require({ action: 'process-instance:read' });
    const chain = await readHistory(context, callHierarchy, key);
    if (!chain) throw new HttpProblem(404, 'NOT_FOUND', `Process instance with key '${key}' not found`);
    response.json(chain);
  });

  // Camunda documents no 404 here: an unknown instance took no flows.
  router.get('/process-instances/:processInstanceKey/sequence-flows', async (request, response) => {
    const key = keyParam(request, 'processInstanceKey');
    requestAuth(response).require({ action: 'process-instance:read' });
    response.json(await readHistory(context, sequenceFlows, key));
  });

  router.post('/process-instances/:processInstanceKey/incidents/search', async (request, response) => {
    const key = keyParam(request, 'processInstanceKey');
    requestAuth(response).require({ action: 'incident:read' });
    const body = objectBody(request);
    if (!(await readHistory(context, processInstanceKnown, key))) {
      throw new HttpProblem(404, 'NOT_FOUND', `Process instance with key '${key}' not found`);
    }
    response.json(await searchHistory(context, INCIDENT_SEARCH, body, { conditions: [IN_PROCESS_INSTANCE_TREE], params: [key] }));
  });

  router.post('/element-instances/:elementInstanceKey/incidents/search', async (request, response) => {
    const key = keyParam(request, 'elementInstanceKey');
    requestAuth(response).require({ action: 'incident:read' });
    const body = objectBody(request);
    if (!(await readHistory(context, elementInstanceKnown, key))) {
      throw new HttpProblem(404, 'NOT_FOUND', `Element instance with key '${key}' not found`);
    }
    response.json(await searchHistory(context, INCIDENT_SEARCH, body, { conditions: [IN_ELEMENT_INSTANCE_SUBTREE], params: [key, key, key] }));
  });
  return router;
}
