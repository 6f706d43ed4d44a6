/**
 * What Zeebe records about one evaluated decision (the `evaluatedDecisions` of a DECISION_EVALUATION
 * record): its output, the input values the table saw and the rules that matched, all as JSON values.
 */
export interface EvaluatedDecisionTrace {
  decisionId: string;
  decisionName: string;
  /** `DECISION_TABLE` or `LITERAL_EXPRESSION`. */
  decisionType: string;
  output: unknown;
  matchedRules: {
    ruleId: string;
    /** One-based position of the rule in its table. */
    ruleIndex: number;
    evaluatedOutputs: { outputId: string; outputName: string; outputValue: unknown }[];
  }[];
  evaluatedInputs: { inputId: string; inputName: string; inputValue: unknown }[];
}

/** The result of evaluating a decision: its output plus every decision evaluated on the way, required ones first. */
export type DecisionEvaluationResult =
  | { ok: true; value: { output: unknown; evaluatedDecisions: EvaluatedDecisionTrace[] } }
  | { ok: false; failure: string; failedDecisionId: string; evaluatedDecisions: EvaluatedDecisionTrace[] };
