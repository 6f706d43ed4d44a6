// Evaluating a DMN decision directly, and the evaluation Zeebe answers with.
import type { Key, Variables } from './keys-and-variables';

export interface EvaluateDecisionRequest {
  decisionKey?: Key;
  decisionId?: string;
  variables?: Variables;
  tenantId?: string;
}

export interface EvaluatedDecisionInput {
  inputId: string;
  inputName: string;
  inputValue: string;
}

export interface MatchedDecisionRule {
  ruleId: string;
  ruleIndex: number;
  evaluatedOutputs: { outputId: string; outputName: string; outputValue: string }[];
}

export interface EvaluatedDecision {
  decisionId: string;
  decisionName: string;
  decisionKey: Key;
  decisionVersion: number;
  decisionType: string;
  /** JSON text of the decision's output. */
  decisionOutput: string;
  matchedRules: MatchedDecisionRule[];
  evaluatedInputs: EvaluatedDecisionInput[];
  tenantId: string;
}

export interface DecisionEvaluationResult {
  /**
   * Key of the DECISION_EVALUATION event (EVALUATED or FAILED) the evaluation wrote: the gRPC
   * `decisionInstanceKey` and the REST `decisionEvaluationKey` (and its deprecated `decisionInstanceKey`).
   */
  decisionInstanceKey: Key;
  decisionKey: Key;
  decisionId: string;
  decisionName: string;
  decisionVersion: number;
  decisionRequirementsId: string;
  decisionRequirementsKey: Key;
  /** JSON text of the required decision's output. */
  decisionOutput: string;
  evaluatedDecisions: EvaluatedDecision[];
  failedDecisionId: string;
  failureMessage: string;
  tenantId: string;
}
