/**
 * Decisions at run time: the deployed DRGs parsed once, and DECISION_EVALUATION record values as Zeebe
 * writes them (for business rule tasks and the EvaluateDecision command).
 */
export { decisionGraphOf, decisionEvaluationValue } from './decision-behavior';
