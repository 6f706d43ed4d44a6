import { evaluateFeelNative, toJsonValue, type FeelContext } from '../feel';
import { describeError } from '../feel/expression';
import { feelTimeBudget, threadCpuMillis } from '../feel/evaluation-budget';
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

  /**
   * One scope for the whole evaluation: each decision sees the variables plus the outputs of the decisions it
   * requires, set before and taken back after it. Copying the variables per decision made a chain 2,000
   * decisions deep with 10,000 variables run for over a minute (issue 13).
   */
  const scope: Record<string, unknown> = { ...variables };
  const withRequiredOutputs = <T>(decision: CompiledDecision, evaluate: () => T): T => {
    const saved = new Map<string, { had: boolean; value: unknown }>();
    const set = (name: string, value: unknown) => {
      if (!saved.has(name)) saved.set(name, { had: Object.prototype.hasOwnProperty.call(scope, name), value: scope[name] });
      scope[name] = value;
    };
    for (const requiredId of decision.requiredDecisionIds) {
      const required = drg.compiled.get(requiredId)!;
      set(required.id, outputs.get(required.id));
      set(required.resultName, outputs.get(required.id));
    }
    try {
      return evaluate();
    } finally {
      for (const [name, { had, value }] of saved) {
        if (had) scope[name] = value;
        else delete scope[name];
      }
    }
  };

  const evaluateOne = (decision: CompiledDecision): { ok: true } | { ok: false; failure: string; failedDecisionId: string } => withRequiredOutputs(decision, () => {
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
  });

  let outcome: ReturnType<typeof evaluateOne> = { ok: true };
  // The whole evaluation, however many decisions it requires, holds the engine thread at most the FEEL time
  // budget, counted in this thread's CPU time so that waiting for a core on a loaded machine does not stop a sound
  // decision; ten times the budget in wall time stops it all the same, so a starved runaway is not held longer.
  const started = threadCpuMillis();
  const startedWall = performance.now();
  const budget = feelTimeBudget();
  try {
    const order = requiredFirst(drg, decisionId);
    for (const [index, decision] of order.entries()) {
      outcome = evaluateOne(decision);
      if (!outcome.ok) break;
      const overBudget = threadCpuMillis() - started > budget.millis || performance.now() - startedWall > budget.millis * 10;
      if (index + 1 < order.length && overBudget) {
        outcome = {
          ok: false,
          failure: `决策求值超时 / Expected the decision '${decisionId}' to be evaluated within ${budget.millis} ms of CPU time (${budget.setting}; ${budget.millis * 10} ms of wall time), but after ${index + 1} of its ${order.length} decisions it took longer`,
          failedDecisionId: order[index + 1].id,
        };
        break;
      }
    }
  } catch (error) {
    // Failures are data: nothing below should throw, but an engine must not crash on a decision.
    outcome = { ok: false, failure: `failed to evaluate the decision: ${describeError(error)}`, failedDecisionId: decisionId };
  }
  if (!outcome.ok) return { ...outcome, evaluatedDecisions };
  return { ok: true, value: { output: evaluatedDecisions[evaluatedDecisions.length - 1].output, evaluatedDecisions } };
}

/**
 * The decision and everything it requires, each once, required decisions before the decisions that need them
 * (in requirement order, as a depth-first evaluation reaches them), found without recursion so a requirement
 * chain thousands deep needs no stack. Deployment refused cycles.
 */
function requiredFirst(drg: ParsedDecisionRequirements, decisionId: string): CompiledDecision[] {
  const order: CompiledDecision[] = [];
  const seen = new Set<string>([decisionId]);
  const stack: { decision: CompiledDecision; next: number }[] = [{ decision: drg.compiled.get(decisionId)!, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next >= top.decision.requiredDecisionIds.length) {
      order.push(top.decision);
      stack.pop();
      continue;
    }
    const requiredId = top.decision.requiredDecisionIds[top.next++];
    if (seen.has(requiredId)) continue;
    seen.add(requiredId);
    stack.push({ decision: drg.compiled.get(requiredId)!, next: 0 });
  }
  return order;
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
