/**
 * CPT's instructions for ad-hoc subprocesses driven by a job worker (`COMPLETE_JOB_AD_HOC_SUB_PROCESS`, 8.8)
 * and root-level conditional start events (`EVALUATE_CONDITIONAL_START_EVENT`, 8.9).
 */
import { ConditionalEvaluationIntent, ValueType } from '../../engine/protocol';
import { selectedJob, variablesOf } from './actions';
import type { TestCaseInstruction } from './test-case-file';
import { TestCaseFailure, type TestCaseRuntime } from './test-case-runtime';

type Action = (runtime: TestCaseRuntime, instruction: TestCaseInstruction) => Promise<void>;

/** `activateElements`: `[{ elementId, variables? }]`. */
function activateElementsOf(instruction: TestCaseInstruction): { elementId: string; variables?: Record<string, unknown> }[] {
  const value = instruction.activateElements;
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TestCaseFailure('"activateElements" must be a list / 必须是列表');
  return value.map((entry, index) => {
    if (typeof entry !== 'object' || entry === null || typeof (entry as { elementId?: unknown }).elementId !== 'string') {
      throw new TestCaseFailure(`"activateElements[${index}].elementId" is required / 缺少 elementId`);
    }
    const element = entry as { elementId: string; variables?: unknown };
    return { elementId: element.elementId, ...(element.variables ? { variables: variablesOf({ type: 'ACTIVATE_ELEMENT', variables: element.variables }) } : {}) };
  });
}

/** Complete an ad-hoc subprocess's job with an ad-hoc result: activate elements, or declare it done. */
const completeJobAdHocSubProcess: Action = async (runtime, instruction) => {
  const jobKey = await selectedJob(runtime, instruction);
  await runtime.engine.completeJob(jobKey, variablesOf(instruction), undefined, {
    type: 'adHocSubProcess',
    activateElements: activateElementsOf(instruction),
    isCompletionConditionFulfilled: instruction.completionConditionFulfilled === true,
    isCancelRemainingInstances: instruction.cancelRemainingInstances === true,
  });
};

/** Evaluate the root-level conditional start events of the deployed processes with `variables`. */
const evaluateConditionalStartEvent: Action = async (runtime, instruction) => {
  await runtime.engine.submitCommand({
    key: '-1',
    valueType: ValueType.CONDITIONAL_EVALUATION,
    intent: ConditionalEvaluationIntent.EVALUATE,
    value: { tenantId: '<default>', variables: variablesOf(instruction) },
  });
};

/** Action instructions by CPT type. */
export const AD_HOC_AND_CONDITIONAL_ACTIONS: Record<string, Action> = {
  COMPLETE_JOB_AD_HOC_SUB_PROCESS: completeJobAdHocSubProcess,
  EVALUATE_CONDITIONAL_START_EVENT: evaluateConditionalStartEvent,
};
