/**
 * FEEL for the engine: Zeebe's `=expression` properties and DMN entries, evaluated with feelin plus the
 * Camunda 8.8 extension functions, with the engine clock for now()/today() and JSON values in and out.
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
