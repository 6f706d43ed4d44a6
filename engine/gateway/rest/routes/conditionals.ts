import { Router } from 'express';
import { ConditionalEvaluationIntent, ValueType } from '../../../protocol';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { badRequest } from '../problem';
import { objectBody, optionalKey, optionalVariables, tenantOf } from '../request-fields';

/**
 * Camunda 8.9's `POST /v2/conditionals/evaluation`: evaluates root-level conditional start events against
 * `variables` (of one process definition, or of the latest version of every process) and answers the
 * instances it started: `{ conditionalEvaluationKey, tenantId, processInstances: [{ processDefinitionKey,
 * processInstanceKey }] }`. Starting cases is what may start them.
 */
export function conditionalRoutes(context: RestRouteContext): Router {
  const router = Router();
  router.post('/conditionals/evaluation', async (request, response) => {
    const auth = requestAuth(response);
    const body = objectBody(request);
    const variables = optionalVariables(body);
    if (!variables) throw badRequest('No variables provided. / 未提供变量 variables。');
    const processDefinitionKey = optionalKey(body, 'processDefinitionKey');
    const tenantId = tenantOf(body);
    auth.require({ action: 'process-instance:create' });
    const result = await context.engine.submitCommand(
      {
        key: '-1',
        valueType: ValueType.CONDITIONAL_EVALUATION,
        intent: ConditionalEvaluationIntent.EVALUATE,
        value: { ...(processDefinitionKey ? { processDefinitionKey } : {}), tenantId, variables },
      },
      auth.context,
    );
    response.json(result);
  });
  return router;
}
