import { Router } from 'express';
import { isolationPool } from '../../../isolation';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { badRequest } from '../problem';
import { objectBody, requiredString, tenantOf } from '../request-fields';

/** Longest expression accepted: evaluation is for checking an expression, not for running programs. */
export const MAX_EXPRESSION_LENGTH = 10_000;

/**
 * `POST /v2/expression/evaluation` (Camunda 8.10): evaluates `{ expression, tenantId? }` with the engine's
 * FEEL (Camunda's extension functions, `now()` on the engine clock, the FEEL time guard) and answers
 * `{ expression, result, warnings }`. As everywhere in Zeebe, a leading `=` marks FEEL and anything else is a
 * static value. A syntax error or a guard stop is a 400 naming the problem. There are no cluster variables
 * in this engine, so an expression sees no variables. The evaluation runs on an isolation thread with the
 * off-engine FEEL budget (`ONEGO_FEEL_MAX_MILLIS`): a runaway expression holds that thread, never the engine's.
 */
export function expressionEvaluationRoutes(context: RestRouteContext): Router {
  const router = Router();
  router.post('/expression/evaluation', async (request, response) => {
    const auth = requestAuth(response);
    const body = objectBody(request);
    const expression = requiredString(body, 'expression');
    tenantOf(body);
    if (expression.length > MAX_EXPRESSION_LENGTH) {
      throw badRequest(`Expected 'expression' to have at most ${MAX_EXPRESSION_LENGTH} characters, but it has ${expression.length}. / 表达式过长。`);
    }
    auth.require({ action: 'decision:evaluate' });
    const evaluated = await isolationPool().run({ op: 'evaluate-expression', expression, now: context.engine.clock.now() });
    if (!evaluated.ok) throw badRequest(`${evaluated.failure} / 表达式无法求值`);
    response.json({ expression, result: evaluated.value ?? null, warnings: evaluated.warnings ?? [] });
  });
  return router;
}
