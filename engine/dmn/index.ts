/**
 * DMN for the engine: reads DMN 1.3 decision requirements (decision tables and literal expressions) with
 * dmn-moddle and evaluates decisions with FEEL, returning Zeebe's evaluated-decision trace.
 *
 * @example
 * import { evaluateDecision, parseDecisionRequirements } from './dmn';
 * const drg = parseDecisionRequirements(xml);                  // on deployment: refused with a reason if invalid
 * if (drg.ok) {
 *   const result = evaluateDecision(drg.value, 'review-route', { applicant }, { now: clock.now() });
 *   // result.ok ? result.value.output : result.failure (+ result.failedDecisionId)
 * }
 */
export type { ParsedDecisionRequirements, CompiledDecision, HitPolicy, Aggregation } from './decision-requirements';
export { parseDecisionRequirements } from './decision-requirements';
export type { EvaluatedDecisionTrace, DecisionEvaluationResult } from './evaluated-decision';
export { evaluateDecision } from './evaluate-decision';
