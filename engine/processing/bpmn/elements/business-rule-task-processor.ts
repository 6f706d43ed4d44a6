import type { Key } from '../../../api';
import type { ResourceBinding } from '../../../model';
import type { DecisionDefinition, EngineState } from '../../../state';
import { evaluateDecision } from '../../../dmn';
import { DecisionEvaluationIntent, ValueType } from '../../../protocol';
import type { ElementProcessor } from '../element-processor';
import { failure, isFailure } from '../failure';
import { jobTaskActivation } from './job-worker-task-processor';
import { decisionEvaluationValue, decisionGraphOf } from '../../decision/decision-behavior';

/** The decision version the binding type selects, or Zeebe's incident message when there is none. */
function calledDecision(state: EngineState, binding: ResourceBinding, decisionId: string, tenantId: string, processDefinitionKey: Key): DecisionDefinition | string {
  switch (binding.bindingType) {
    case 'deployment': {
      const deploymentKey = state.processes.get(processDefinitionKey)?.deploymentKey ?? '';
      return (
        state.decisionInDeployment(decisionId, deploymentKey) ??
        `Expected to evaluate decision '${decisionId}' with binding type 'deployment', but no such decision found in the deployment with key ${deploymentKey} which contained the current process. To resolve this incident, migrate the process instance to a process definition that is deployed together with the intended decision to evaluate.`
      );
    }
    case 'versionTag':
      return (
        state.latestDecisionWithVersionTag(decisionId, binding.versionTag ?? '', tenantId) ??
        `Expected to evaluate decision with id '${decisionId}' and version tag '${binding.versionTag}', but no such decision found. To resolve this incident, deploy a decision with the given id and version tag.`
      );
    default:
      return state.latestDecision(decisionId, tenantId) ?? `Expected to evaluate decision '${decisionId}', but no decision found for id '${decisionId}'`;
  }
}

/**
 * Business rule tasks: evaluate the called DMN decision (the version its binding type selects) into
 * `resultVariable`, or hand the work to a job.
 */
export const businessRuleTaskProcessor: ElementProcessor = {
  onActivate(b, instance, node) {
    if (!node.calledDecision) return jobTaskActivation(b, instance, node);
    const decisionId = b.expressions.string(node.calledDecision.decisionId, instance.key, 'decisionId');
    if (isFailure(decisionId)) return decisionId;
    // As Zeebe: a decision that cannot be found is a CALLED_DECISION_ERROR; a failing one DECISION_EVALUATION_ERROR.
    const decision = calledDecision(b.state, node.calledDecision, decisionId, instance.value.tenantId, instance.value.processDefinitionKey);
    if (typeof decision === 'string') return failure('CALLED_DECISION_ERROR', decision);
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
