import { Router } from 'express';
import type { EvaluatedDecision } from '../../../api';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { badRequest } from '../problem';
import { objectBody, optionalKey, optionalString, optionalVariables, tenantOf } from '../request-fields';

/** The 8.8 schema types `decisionEvaluationInstanceKey` as a long key, so every entry carries the evaluation's key. */
function toEvaluatedDecision(decision: EvaluatedDecision, evaluationKey: string): Record<string, unknown> {
  return {
    decisionDefinitionId: decision.decisionId,
    decisionDefinitionName: decision.decisionName,
    decisionDefinitionVersion: decision.decisionVersion,
    decisionDefinitionType: decision.decisionType,
    output: decision.decisionOutput,
    tenantId: decision.tenantId,
    matchedRules: decision.matchedRules,
    evaluatedInputs: decision.evaluatedInputs,
    decisionDefinitionKey: decision.decisionKey,
    decisionEvaluationInstanceKey: evaluationKey,
  };
}

/** `POST /v2/decision-definitions/evaluation` by `decisionDefinitionId` or `decisionDefinitionKey`. */
export function decisionRoutes(context: RestRouteContext): Router {
  const router = Router();
  router.post('/decision-definitions/evaluation', async (request, response) => {
    const auth = requestAuth(response);
    const body = objectBody(request);
    const decisionKey = optionalKey(body, 'decisionDefinitionKey');
    const decisionId = optionalString(body, 'decisionDefinitionId');
    if (!decisionKey && !decisionId) throw badRequest('At least one of [decisionDefinitionId, decisionDefinitionKey] is required.');
    if (decisionKey && decisionId) throw badRequest('Only one of [decisionDefinitionId, decisionDefinitionKey] is allowed.');
    const command = { decisionKey, decisionId, variables: optionalVariables(body), tenantId: tenantOf(body) };
    auth.require({ action: 'decision:evaluate' });
    const result = await context.engine.evaluateDecision(command, auth.context);
    const evaluationKey = result.decisionInstanceKey;
    response.json({
      decisionDefinitionId: result.decisionId,
      decisionDefinitionName: result.decisionName,
      decisionDefinitionVersion: result.decisionVersion,
      decisionRequirementsId: result.decisionRequirementsId,
      output: result.decisionOutput,
      failedDecisionDefinitionId: result.failedDecisionId,
      failureMessage: result.failureMessage,
      tenantId: result.tenantId,
      decisionDefinitionKey: result.decisionKey,
      decisionRequirementsKey: result.decisionRequirementsKey,
      decisionInstanceKey: evaluationKey,
      decisionEvaluationKey: evaluationKey,
      evaluatedDecisions: result.evaluatedDecisions.map((decision) => toEvaluatedDecision(decision, evaluationKey)),
    });
  });
  return router;
}
