import type { Key } from '../../api';
import { parseDecisionRequirements, type DecisionEvaluationResult, type ParsedDecisionRequirements } from '../../dmn';
import type { DecisionDefinition } from '../../state';
import type { ProcessingContext } from '../processing-context';
import { failure, type Failure } from '../bpmn/failure';

/** The parsed DRG of a deployed DMN resource (parsed once, then cached beside state). */
export function decisionGraphOf(ctx: ProcessingContext, decisionRequirementsKey: Key): ParsedDecisionRequirements | Failure {
  const cached = ctx.state.decisionGraphs.get(decisionRequirementsKey);
  if (cached) return cached;
  const stored = ctx.state.decisionRequirements.get(decisionRequirementsKey);
  if (!stored) return failure('DECISION_EVALUATION_ERROR', `Expected to find decision requirements with key '${decisionRequirementsKey}', but none found`);
  const parsed = parseDecisionRequirements(stored.resource);
  if (!parsed.ok) return failure('DECISION_EVALUATION_ERROR', parsed.failure);
  ctx.state.decisionGraphs.set(decisionRequirementsKey, parsed.value);
  return parsed.value;
}

/** The DECISION_EVALUATION record value, as Zeebe writes it (outputs and inputs as JSON text). */
export function decisionEvaluationValue(
  ctx: ProcessingContext,
  decision: DecisionDefinition,
  result: DecisionEvaluationResult,
  origin: { bpmnProcessId: string; processDefinitionKey: Key; processInstanceKey: Key; elementId: string; elementInstanceKey: Key; tenantId: string },
): Record<string, unknown> {
  // The versions of one decision id (a few), not every decision deployed: the graph holds one decision per id.
  const decisionKeyOf = (decisionId: string) => {
    for (const key of ctx.state.decisionVersions.get(`${decision.tenantId}\u0000${decisionId}`) ?? []) {
      const d = ctx.state.decisions.get(key);
      if (d?.decisionRequirementsKey === decision.decisionRequirementsKey) return d;
    }
    return undefined;
  };
  const traces = result.ok ? result.value.evaluatedDecisions : result.evaluatedDecisions;
  const evaluatedDecisions = traces.map((trace) => {
    const d = decisionKeyOf(trace.decisionId);
    return {
      decisionId: trace.decisionId,
      decisionName: trace.decisionName,
      decisionKey: d?.key ?? '-1',
      decisionVersion: d?.version ?? -1,
      decisionType: trace.decisionType,
      decisionOutput: JSON.stringify(trace.output ?? null),
      tenantId: decision.tenantId,
      evaluatedInputs: trace.evaluatedInputs.map((i) => ({ inputId: i.inputId, inputName: i.inputName, inputValue: JSON.stringify(i.inputValue ?? null) })),
      matchedRules: trace.matchedRules.map((r) => ({
        ruleId: r.ruleId,
        ruleIndex: r.ruleIndex,
        evaluatedOutputs: r.evaluatedOutputs.map((o) => ({ outputId: o.outputId, outputName: o.outputName, outputValue: JSON.stringify(o.outputValue ?? null) })),
      })),
    };
  });
  return {
    decisionKey: decision.key,
    decisionId: decision.decisionId,
    decisionName: decision.decisionName,
    decisionVersion: decision.version,
    decisionRequirementsId: decision.decisionRequirementsId,
    decisionRequirementsKey: decision.decisionRequirementsKey,
    decisionOutput: result.ok ? JSON.stringify(result.value.output ?? null) : 'null',
    evaluatedDecisions,
    evaluationFailureMessage: result.ok ? '' : result.failure,
    failedDecisionId: result.ok ? '' : result.failedDecisionId,
    ...origin,
    variables: {},
  };
}
