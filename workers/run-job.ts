/**
 * The decision of what to answer for one job, apart from any client: validate input, run the handler,
 * validate output. Keeping this pure makes every worker unit-testable with a fake job.
 */
import { ValidationError } from 'yup';
import { isBpmnError, isRetryableFailure, type JobContext, type JobWorkerDefinition } from './define-worker';
import { fieldLabelsFor } from './field-labels';
import { describeValidationInChinese } from './validation-messages';

/** What the runtime should tell the engine about the job. */
export type JobOutcome =
  | { kind: 'complete'; variables: Record<string, unknown> }
  | { kind: 'error'; errorCode: string; errorMessage: string; variables: Record<string, unknown> }
  | { kind: 'fail'; errorMessage: string; retries: number; retryBackOffMs: number };

function describeValidation(error: ValidationError): string {
  return error.errors.join('; ');
}

const CJK = /[\u3400-\u9fff]/;

/**
 * Staff and auditors read a failed job's message in the incident views, so every message is Chinese first,
 * then English (" / "), as the engine's own bilingual errors are. A handler's message that carries no Chinese
 * gets a Chinese line saying what kind of failure it is; the English original follows unchanged.
 */
function handlerFailureMessage(type: string, message: string, retryable: boolean): string {
  if (CJK.test(message)) return message;
  const chinese = retryable
    ? `自动步骤（作业类型 ${type}）暂时无法完成，多为对接系统未应答，将自动重试`
    : `自动步骤（作业类型 ${type}）处理失败，原因见英文说明`;
  return `${chinese} / ${message}`;
}

/**
 * Runs one job through a worker definition.
 *
 * Bad input or bad output cannot be fixed by retrying, so those fail with no retries left (an incident
 * an operator can read). Transient failures keep the retry budget the engine gave the job, minus one.
 */
export async function runJob(
  definition: JobWorkerDefinition,
  variables: Record<string, unknown>,
  context: JobContext,
): Promise<JobOutcome> {
  let input;
  try {
    input = await definition.input.validate(variables, { abortEarly: false, stripUnknown: true });
  } catch (error) {
    if (error instanceof ValidationError) {
      return {
        kind: 'fail',
        errorMessage:
          `自动步骤（作业类型 ${definition.type}）收到的数据不合格：${describeValidationInChinese(error, fieldLabelsFor(definition.type))}` +
          ` / Expected the variables of job type '${definition.type}' to be valid, but ${describeValidation(error)}`,
        retries: 0,
        retryBackOffMs: 0,
      };
    }
    throw error;
  }

  let result;
  try {
    result = await definition.handle(input, context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const retryable = isRetryableFailure(error);
    const retryBackOffMs = retryable ? error.retryBackOffMs : 10_000;
    return { kind: 'fail', errorMessage: handlerFailureMessage(definition.type, message, retryable), retries: Math.max(0, context.job.retries - 1), retryBackOffMs };
  }

  if (isBpmnError(result)) {
    return { kind: 'error', errorCode: result.errorCode, errorMessage: result.errorMessage, variables: result.variables };
  }

  try {
    const output = await definition.output.validate(result, { abortEarly: false, stripUnknown: true });
    return { kind: 'complete', variables: output as Record<string, unknown> };
  } catch (error) {
    if (error instanceof ValidationError) {
      return {
        kind: 'fail',
        errorMessage:
          `自动步骤（作业类型 ${definition.type}）产生的结果不合格：${describeValidationInChinese(error, fieldLabelsFor(definition.type))}` +
          ` / Expected worker '${definition.type}' to produce valid output, but ${describeValidation(error)}`,
        retries: 0,
        retryBackOffMs: 0,
      };
    }
    throw error;
  }
}
