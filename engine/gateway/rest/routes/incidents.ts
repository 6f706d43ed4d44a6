import { Router } from 'express';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { HttpProblem } from '../problem';
import { INCIDENT_SEARCH } from '../../../history/readers/incidents';
import { keyParam, objectBody, optionalString } from '../request-fields';
import type { RestServices } from '../services';
import { getFromHistory, searchHistory } from '../history-readers/history-reads';

/** Incidents: search, get, resolution. */
export function incidentRoutes(_services: RestServices) {
  return (context: RestRouteContext): Router => {
    const router = Router();

    router.post('/incidents/search', async (request, response) => {
      requestAuth(response).require({ action: 'incident:read' });
      objectBody(request);
      response.json(await searchHistory(context, INCIDENT_SEARCH, request.body));
    });

    router.get('/incidents/:incidentKey', async (request, response) => {
      const key = keyParam(request, 'incidentKey');
      requestAuth(response).require({ action: 'incident:read' });
      const incident = await getFromHistory(context, INCIDENT_SEARCH, key);
      if (!incident) throw new HttpProblem(404, 'NOT_FOUND', `Incident with key '${key}' not found`);
      response.json(incident);
    });

    router.post('/incidents/:incidentKey/resolution', async (request, response) => {
      const auth = requestAuth(response);
      const key = keyParam(request, 'incidentKey');
      optionalString(objectBody(request), 'operationReference');
      auth.require({ action: 'incident:resolve' });
      await context.engine.resolveIncident(key, auth.context);
      response.status(204).end();
    });
    return router;
  };
}
