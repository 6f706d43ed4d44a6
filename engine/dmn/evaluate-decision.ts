import { evaluateFeelNative, toJsonValue, type FeelContext } from '../feel';
import type { CompiledDecision, ParsedDecisionRequirements } from './decision-requirements';
import { evaluateDecisionTable } from './decision-table';
import { resultTypeFailure } from './result-type';
import type { DecisionEvaluationResult, EvaluatedDecisionTrace } from './evaluated-decision';

/**
 * Evaluates a decision of a parsed DRG against the given variables. Required decisions are evaluated
 * first (each once) and their outputs are visible to the decisions that need them under the required
 * decision's id and under its variable name. The output is a JSON value; failures are returned as data
 * with the id of the decision that failed and the trace of those evaluated, the failed one last (with a
 * null output and the inputs and matched rules it got to).
 */
export function evaluateDecision(
  drg: ParsedDecisionRequirements,
  decisionId: string,
  variables: Record<string, unknown>,
  ctx: FeelContext,
): DecisionEvaluationResult {
  const evaluatedDecisions: EvaluatedDecisionTrace[] = [];
  if (!drg.compiled.has(decisionId)) {
    return {
      ok: false,
      failure: `no decision found with id '${decisionId}'`,
      failedDecisionId: decisionId,
      evaluatedDecisions,
    };
  }
  const outputs = new Map<string, unknown>();

  const evaluateOne = (decision: CompiledDecision): { ok: true } | { ok: false; failure: string; failedDecisionId: string } => {
    if (outputs.has(decision.id)) return { ok: true };
    const scope: Record<string, unknown> = { ...variables };
    for (const requiredId of decision.requiredDecisionIds) {
      const required = drg.compiled.get(requiredId)!;
      const outcome = evaluateOne(required);
      if (!outcome.ok) return outcome;
      scope[required.id] = outputs.get(required.id);
      scope[required.resultName] = outputs.get(required.id);
    }
    if (decision.logic.kind === 'LITERAL_EXPRESSION') {
      const evaluated = evaluateFeelNative(decision.logic.expression, scope, ctx);
      if (!evaluated.ok) {
        evaluatedDecisions.push(trace(decision, null, [], []));
        return { ok: false, failure: evaluated.failure, failedDecisionId: decision.id };
      }
      const typeFailure = resultTypeFailure(evaluated.value, decision.resultType);
      const output = toJsonValue(evaluated.value);
      if (typeFailure !== undefined || !output.ok) {
        evaluatedDecisions.push(trace(decision, null, [], []));
        return { ok: false, failure: typeFailure ?? (output.ok ? '' : output.failure), failedDecisionId: decision.id };
      }
      outputs.set(decision.id, evaluated.value);
      evaluatedDecisions.push(trace(decision, output.value, [], []));
      return { ok: true };
    }
    const table = evaluateDecisionTable(decision.logic, scope, ctx);
    if (!table.ok) {
      // Like dmn-scala's audit log, the failed decision is traced too: the inputs and rules it got to.
      evaluatedDecisions.push(trace(decision, null, table.trace.matchedRules, table.trace.evaluatedInputs));
      return { ok: false, failure: table.failure, failedDecisionId: decision.id };
    }
    const typeFailure = resultTypeFailure(table.output, decision.resultType);
    const output = toJsonValue(table.output);
    if (typeFailure !== undefined || !output.ok) {
      evaluatedDecisions.push(trace(decision, null, table.trace.matchedRules, table.trace.evaluatedInputs));
      return { ok: false, failure: typeFailure ?? (output.ok ? '' : output.failure), failedDecisionId: decision.id };
    }
    outputs.set(decision.id, table.output);
    evaluatedDecisions.push(trace(decision, output.value, table.trace.matchedRules, table.trace.evaluatedInputs));
    return { ok: true };
  };

  let outcome: ReturnType<typeof evaluateOne>;
  try {
    outcome = evaluateOne(drg.compiled.get(decisionId)!);
  } catch (error) {
    // Failures are data: nothing below should throw, but an engine must not crash on a decision.
    outcome = { ok: false, failure: `failed to evaluate the decision: ${(error as Error)?.message ?? String(error)}`, failedDecisionId: decisionId };
  }
  if (!outcome.ok) return { ...outcome, evaluatedDecisions };
  return { ok: true, value: { output: evaluatedDecisions[evaluatedDecisions.length - 1].output, evaluatedDecisions } };
}

function trace(
  decision: CompiledDecision,
  output: unknown,
  matchedRules: EvaluatedDecisionTrace['matchedRules'],
  evaluatedInputs: EvaluatedDecisionTrace['evaluatedInputs'],
): EvaluatedDecisionTrace {
  return {
    decisionId: decision.id,
    decisionName: decision.name,
    decisionType: decision.logic.kind,
    output,
    matchedRules,
    evaluatedInputs,
  };
}
