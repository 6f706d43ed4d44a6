import { evaluateDecision } from '../../../dmn';
import { DecisionEvaluationIntent, ValueType } from '../../../protocol';
import type { ElementProcessor } from '../element-processor';
import { failure, isFailure } from '../failure';
import { jobTaskActivation } from './job-worker-task-processor';
import { decisionEvaluationValue, decisionGraphOf } from '../../decision/decision-behavior';

/** Business rule tasks: evaluate the called DMN decision into `resultVariable`, or hand the work to a job. */
export const businessRuleTaskProcessor: ElementProcessor = {
  onActivate(b, instance, node) {
    if (!node.calledDecision) return jobTaskActivation(b, instance, node);
    const decisionId = b.expressions.string(node.calledDecision.decisionId, instance.key, 'decisionId');
    if (isFailure(decisionId)) return decisionId;
    const decision = b.state.latestDecision(decisionId, instance.value.tenantId);
    if (!decision) {
      // As Zeebe: a decision that is not deployed is a CALLED_DECISION_ERROR; a failing one DECISION_EVALUATION_ERROR.
      return failure('CALLED_DECISION_ERROR', `Expected to evaluate decision '${decisionId}', but no decision found for id '${decisionId}'`);
    }
    const graph = decisionGraphOf(b.ctx, decision.decisionRequirementsKey);
    if (isFailure(graph)) return graph;
    const variables = b.state.visibleVariables(instance.key);
    const result = evaluateDecision(graph, decision.decisionId, variables, { now: b.ctx.now });
    const v = instance.value;
    const evaluation = decisionEvaluationValue(b.ctx, decision, result, {
      bpmnProcessId: v.bpmnProcessId,
      processDefinitionKey: v.processDefinitionKey,
      processInstanceKey: v.processInstanceKey,
      elementId: v.elementId,
      elementInstanceKey: instance.key,
      tenantId: v.tenantId,
    });
    if (!result.ok) {
      b.ctx.writeEvent(b.ctx.newKey(), ValueType.DECISION_EVALUATION, DecisionEvaluationIntent.FAILED, evaluation);
      return failure('DECISION_EVALUATION_ERROR', result.failure);
    }
    const failed = b.transitionToActivated(instance);
    if (failed) return failed;
    b.ctx.writeEvent(b.ctx.newKey(), ValueType.DECISION_EVALUATION, DecisionEvaluationIntent.EVALUATED, evaluation);
    b.applyEventVariables(instance, node, { [node.calledDecision.resultVariable]: result.value.output ?? null });
    b.completeElement(instance);
  },
};
