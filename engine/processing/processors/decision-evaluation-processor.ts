import type { DecisionEvaluationResult as ApiResult, Key, Variables } from '../../api';
import { evaluateDecision } from '../../dmn';
import { DecisionEvaluationIntent, ValueType } from '../../protocol';
import type { CommandProcessor } from '../processing-context';
import { isFailure } from '../bpmn/failure';
import { decisionEvaluationValue, decisionGraphOf } from '../decision/decision-behavior';

/** DECISION_EVALUATION EVALUATE (EvaluateDecision RPC): evaluate a deployed decision by key or id. */
export const decisionEvaluationProcessor: CommandProcessor = {
  process(command, ctx) {
    const v = command.value as { decisionKey?: Key; decisionId?: string; variables?: Variables; tenantId: string };
    const decision =
      v.decisionKey && v.decisionKey !== '-1' && v.decisionKey !== '0'
        ? ctx.state.decisions.get(v.decisionKey)
        : v.decisionId
          ? ctx.state.latestDecision(v.decisionId, v.tenantId)
          : undefined;
    if (!decision) {
      const what = v.decisionKey && v.decisionKey !== '-1' && v.decisionKey !== '0' ? `key '${v.decisionKey}'` : `id '${v.decisionId ?? ''}'`;
      return ctx.reject('NOT_FOUND', `Expected to evaluate decision with ${what}, but no such decision found`);
    }
    const graph = decisionGraphOf(ctx, decision.decisionRequirementsKey);
    if (isFailure(graph)) return ctx.reject('PROCESSING_ERROR', graph.message);
    const variables = v.variables ?? {};
    const result = evaluateDecision(graph, decision.decisionId, variables, { now: ctx.now });
    const value = decisionEvaluationValue(ctx, decision, result, {
      bpmnProcessId: '',
      processDefinitionKey: '-1',
      processInstanceKey: '-1',
      elementId: '',
      elementInstanceKey: '-1',
      tenantId: decision.tenantId,
    });
    const key = ctx.newKey();
    ctx.writeEvent(key, ValueType.DECISION_EVALUATION, result.ok ? DecisionEvaluationIntent.EVALUATED : DecisionEvaluationIntent.FAILED, value);
    const response: ApiResult = {
      decisionInstanceKey: key,
      decisionKey: decision.key,
      decisionId: decision.decisionId,
      decisionName: decision.decisionName,
      decisionVersion: decision.version,
      decisionRequirementsId: decision.decisionRequirementsId,
      decisionRequirementsKey: decision.decisionRequirementsKey,
      decisionOutput: String(value.decisionOutput),
      evaluatedDecisions: (value.evaluatedDecisions as ApiResult['evaluatedDecisions']).map((d) => ({ ...d })),
      failedDecisionId: String(value.failedDecisionId),
      failureMessage: String(value.evaluationFailureMessage),
      tenantId: decision.tenantId,
    };
    ctx.respond(response);
  },
};
