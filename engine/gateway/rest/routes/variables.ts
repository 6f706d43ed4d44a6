import { Router } from 'express';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { HttpProblem, badRequest } from '../problem';
import type { VariableView } from '../projections';
import { search, stringFilter, type SearchSpec } from '../projections/search';
import { keyParam, objectBody, optionalBoolean, optionalString, optionalVariables } from '../request-fields';
import type { RestServices } from '../services';

/** Values longer than this are cut in search answers (`isTruncated`), as Camunda does; GET returns them whole. */
export const VARIABLE_PREVIEW_CHARS = 8191;

/** A variable as Camunda's search answer: value cut to a preview, `isTruncated` saying so. */
export function searchVariableBody(variable: VariableView, truncate: boolean): Record<string, unknown> {
  const isTruncated = truncate && variable.value.length > VARIABLE_PREVIEW_CHARS;
  return { ...variable, value: isTruncated ? variable.value.slice(0, VARIABLE_PREVIEW_CHARS) : variable.value, isTruncated };
}

/** Filters and sorts shared by `/variables/search` and `/user-tasks/{key}/variables/search`. */
export const VARIABLE_SEARCH: SearchSpec<VariableView> = {
  noun: 'variable',
  filters: {
    name: stringFilter((item) => item.name),
    value: stringFilter((item) => item.value),
    tenantId: stringFilter((item) => item.tenantId),
    isTruncated: () => true,
    variableKey: stringFilter((item) => item.variableKey),
    scopeKey: stringFilter((item) => item.scopeKey),
    processInstanceKey: stringFilter((item) => item.processInstanceKey),
  },
  sortFields: {
    value: (item) => item.value,
    name: (item) => item.name,
    tenantId: (item) => item.tenantId,
    variableKey: (item) => item.variableKey.padStart(20, '0'),
    scopeKey: (item) => item.scopeKey.padStart(20, '0'),
    processInstanceKey: (item) => item.processInstanceKey.padStart(20, '0'),
  },
  key: (item) => item.variableKey,
};

/** Variables: search, get, and `PUT /v2/element-instances/{key}/variables`. */
export function variableRoutes(services: RestServices) {
  return (context: RestRouteContext): Router => {
    const router = Router();
    const { variables } = services.projections;

    router.post('/variables/search', (request, response) => {
      requestAuth(response).require({ action: 'variable:read' });
      const body = objectBody(request);
      const truncate = request.query.truncateValues !== 'false';
      const filter = (body.filter ?? {}) as Record<string, unknown>;
      const candidates =
        typeof filter.processInstanceKey === 'string'
          ? [...(variables.byProcessInstance.get(filter.processInstanceKey) ?? [])].map((key) => variables.variables.get(key)!)
          : variables.variables.values();
      const result = search(candidates, VARIABLE_SEARCH, body);
      response.json({ items: result.items.map((item) => searchVariableBody(item, truncate)), page: result.page });
    });

    router.get('/variables/:variableKey', (request, response) => {
      const key = keyParam(request, 'variableKey');
      requestAuth(response).require({ action: 'variable:read' });
      const variable = variables.variables.get(key);
      if (!variable) throw new HttpProblem(404, 'NOT_FOUND', `Variable with key '${key}' not found`);
      response.json(variable);
    });

    router.put('/element-instances/:elementInstanceKey/variables', async (request, response) => {
      const auth = requestAuth(response);
      const elementInstanceKey = keyParam(request, 'elementInstanceKey');
      const body = objectBody(request);
      const document = optionalVariables(body);
      if (!document) throw badRequest('No variables provided.');
      const command = {
        elementInstanceKey,
        variables: document,
        local: optionalBoolean(body, 'local') ?? false,
        operationReference: optionalString(body, 'operationReference'),
      };
      auth.require({ action: 'variable:write' });
      await context.engine.setVariables(command, auth.context);
      response.status(204).end();
    });
    return router;
  };
}
