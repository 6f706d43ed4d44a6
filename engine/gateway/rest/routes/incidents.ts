import { Router } from 'express';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { HttpProblem } from '../problem';
import type { IncidentView } from '../projections';
import { dateFilter, search, stringFilter, type SearchSpec } from '../projections/search';
import { keyParam, objectBody, optionalString } from '../request-fields';
import type { RestServices } from '../services';

const INCIDENT_SEARCH: SearchSpec<IncidentView> = {
  noun: 'incident',
  filters: {
    processDefinitionId: stringFilter((item) => item.processDefinitionId),
    errorType: stringFilter((item) => item.errorType),
    errorMessage: stringFilter((item) => item.errorMessage),
    elementId: stringFilter((item) => item.elementId),
    creationTime: dateFilter((item) => item.creationTime),
    state: stringFilter((item) => item.state),
    tenantId: stringFilter((item) => item.tenantId),
    incidentKey: stringFilter((item) => item.incidentKey),
    processDefinitionKey: stringFilter((item) => item.processDefinitionKey),
    processInstanceKey: stringFilter((item) => item.processInstanceKey),
    elementInstanceKey: stringFilter((item) => item.elementInstanceKey),
    jobKey: stringFilter((item) => item.jobKey),
  },
  sortFields: {
    incidentKey: (item) => item.incidentKey.padStart(20, '0'),
    processDefinitionKey: (item) => item.processDefinitionKey.padStart(20, '0'),
    processDefinitionId: (item) => item.processDefinitionId,
    processInstanceKey: (item) => item.processInstanceKey.padStart(20, '0'),
    errorType: (item) => item.errorType,
    errorMessage: (item) => item.errorMessage,
    elementId: (item) => item.elementId,
    elementInstanceKey: (item) => item.elementInstanceKey.padStart(20, '0'),
    creationTime: (item) => item.creationTime,
    state: (item) => item.state,
    jobKey: (item) => item.jobKey?.padStart(20, '0'),
    tenantId: (item) => item.tenantId,
  },
  key: (item) => item.incidentKey,
};

/** Incidents: search, get, resolution. */
export function incidentRoutes(services: RestServices) {
  return (context: RestRouteContext): Router => {
    const router = Router();
    const { incidents } = services.projections.incidents;

    router.post('/incidents/search', (request, response) => {
      requestAuth(response).require({ action: 'incident:read' });
      objectBody(request);
      response.json(search(incidents.values(), INCIDENT_SEARCH, request.body));
    });

    router.get('/incidents/:incidentKey', (request, response) => {
      const key = keyParam(request, 'incidentKey');
      requestAuth(response).require({ action: 'incident:read' });
      const incident = incidents.get(key);
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
