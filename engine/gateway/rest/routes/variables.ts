import { Router } from 'express';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { VARIABLE_SEARCH, type VariableView } from '../../../history/readers/variables';
import { HttpProblem, badRequest } from '../problem';
import { keyParam, objectBody, optionalBoolean, optionalString, optionalVariables } from '../request-fields';
import type { RestServices } from '../services';
import { getFromHistory, searchHistory } from '../history-readers/history-reads';

/** Values longer than this are cut in search answers (`isTruncated`), as Camunda does; GET returns them whole. */
export const VARIABLE_PREVIEW_CHARS = 8191;

/** A variable as Camunda's search answer: value cut to a preview, `isTruncated` saying so. */
export function searchVariableBody(variable: VariableView, truncate: boolean): Record<string, unknown> {
  const isTruncated = truncate && variable.value.length > VARIABLE_PREVIEW_CHARS;
  return { ...variable, value: isTruncated ? variable.value.slice(0, VARIABLE_PREVIEW_CHARS) : variable.value, isTruncated };
}

/** Variables: search, get, and `PUT /v2/element-instances/{key}/variables`. */
export function variableRoutes(_services: RestServices) {
  return (context: RestRouteContext): Router => {
    const router = Router();

    router.post('/variables/search', async (request, response) => {
      requestAuth(response).require({ action: 'variable:read' });
      const body = objectBody(request);
      const truncate = request.query.truncateValues !== 'false';
      const result = await searchHistory(context, VARIABLE_SEARCH, body);
      response.json({ items: result.items.map((item) => searchVariableBody(item, truncate)), page: result.page });
    });

    router.get('/variables/:variableKey', async (request, response) => {
      const key = keyParam(request, 'variableKey');
      requestAuth(response).require({ action: 'variable:read' });
      const variable = await getFromHistory(context, VARIABLE_SEARCH, key);
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
