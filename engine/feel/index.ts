/**
 * FEEL for the engine: Zeebe's `=expression` properties and DMN entries, evaluated with feelin plus the
 * Camunda 8.8 extension functions, with the engine clock for now()/today() and JSON values in and out.
 *
 * @example
 * import { checkExpression, evaluateExpressionOfType } from './feel';
 * checkExpression('=amount >');                       // deploy: { ok: false, failure: "failed to parse expression 'amount >': …" }
 * const ctx = { now: Date.parse('2025-03-01T09:00:00Z') };
 * evaluateExpressionOfType('=amount > 100', 'BOOLEAN', { amount: 120 }, ctx);  // { ok: true, value: true }
 * evaluateExpressionOfType('=missing', 'STRING', {}, ctx);
 * // { ok: false, failure: "Expected result of the expression 'missing' to be 'STRING', but was 'NULL'. The evaluation …" }
 */
export type { FeelResult, FeelContext } from './expression';
export {
  isExpression,
  checkExpression,
  evaluateExpression,
  evaluateProperty,
  evaluateFeel,
  describeWarnings,
} from './expression';
export { toJsonValue } from './feel-value';
export { evaluateFeelNative } from './expression';
export { checkUnaryTests, evaluateUnaryTests } from './unary-tests';
export type { ResultType } from './result-type';
export { resultTypeOf, evaluateExpressionOfType } from './result-type';
export { referencedVariables } from './referenced-variables';
