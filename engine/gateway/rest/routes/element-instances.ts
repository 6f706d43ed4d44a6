import { Router } from 'express';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { HttpProblem, badRequest } from '../problem';
import type { ElementInstanceView, RestProjections } from '../projections';
import { dateFilter, search, stringFilter, type SearchSpec } from '../projections/search';
import { keyParam, objectBody } from '../request-fields';
import type { RestServices } from '../services';

const ELEMENT_INSTANCE_SEARCH: SearchSpec<ElementInstanceView> = {
  noun: 'element instance',
  filters: {
    processDefinitionId: stringFilter((item) => item.processDefinitionId),
    state: stringFilter((item) => item.state),
    type: stringFilter((item) => item.type),
    elementId: stringFilter((item) => item.elementId),
    elementName: stringFilter((item) => item.elementName),
    hasIncident: (item, value, field) => {
      if (typeof value !== 'boolean') throw badRequest(`Expected '${field}' to be a boolean, but was ${JSON.stringify(value)}.`);
      return item.hasIncident === value;
    },
    tenantId: stringFilter((item) => item.tenantId),
    elementInstanceKey: stringFilter((item) => item.elementInstanceKey),
    processInstanceKey: stringFilter((item) => item.processInstanceKey),
    processDefinitionKey: stringFilter((item) => item.processDefinitionKey),
    incidentKey: stringFilter((item) => item.incidentKey),
    startDate: dateFilter((item) => item.startDate),
    endDate: dateFilter((item) => item.endDate),
  },
  sortFields: {
    elementInstanceKey: (item) => item.elementInstanceKey.padStart(20, '0'),
    processInstanceKey: (item) => item.processInstanceKey.padStart(20, '0'),
    processDefinitionKey: (item) => item.processDefinitionKey.padStart(20, '0'),
    processDefinitionId: (item) => item.processDefinitionId,
    startDate: (item) => item.startDate,
    endDate: (item) => item.endDate,
    elementId: (item) => item.elementId,
    elementName: (item) => item.elementName,
    type: (item) => item.type,
    state: (item) => item.state,
    incidentKey: (item) => item.incidentKey?.padStart(20, '0'),
    tenantId: (item) => item.tenantId,
  },
  key: (item) => item.elementInstanceKey,
};

/** Element names are in the model, not in the records; fill them in for the answer. */
async function named(projections: RestProjections, items: ElementInstanceView[]): Promise<ElementInstanceView[]> {
  for (const item of items) {
    if (item.elementName !== undefined) continue;
    const model = await projections.definitions.model(item.processDefinitionKey);
    item.elementName = model?.nodes.get(item.elementId)?.name ?? model?.name ?? item.elementId;
  }
  return items;
}

/** Element instances: search and get. */
export function elementInstanceRoutes(services: RestServices) {
  return (_context: RestRouteContext): Router => {
    const router = Router();
    const { projections } = services;
    const { instances } = projections;

    router.post('/element-instances/search', async (request, response) => {
      requestAuth(response).require({ action: 'element-instance:read' });
      const body = objectBody(request);
      const filter = (body.filter ?? {}) as Record<string, unknown>;
      const candidates =
        typeof filter.processInstanceKey === 'string'
          ? [...(instances.elementsByProcessInstance.get(filter.processInstanceKey) ?? [])].map((key) => instances.elementInstances.get(key)!)
          : instances.elementInstances.values();
      const needsNames = filter.elementName !== undefined || (Array.isArray(body.sort) && body.sort.some((entry) => (entry as { field?: unknown })?.field === 'elementName'));
      const pool = needsNames ? await named(projections, [...candidates]) : candidates;
      const result = search(pool, ELEMENT_INSTANCE_SEARCH, body);
      response.json({ items: await named(projections, result.items), page: result.page });
    });

    router.get('/element-instances/:elementInstanceKey', async (request, response) => {
      const key = keyParam(request, 'elementInstanceKey');
      requestAuth(response).require({ action: 'element-instance:read' });
      const instance = instances.elementInstances.get(key);
      if (!instance) throw new HttpProblem(404, 'NOT_FOUND', `Element instance with key '${key}' not found`);
      response.json((await named(projections, [instance]))[0]);
    });
    return router;
  };
}
