import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import type { GatewayContext } from '../context';
import { int64ToNumber, optionalString, parseVariablesDocument, requireKey } from '../convert';
import { unary } from '../unary';
import { jobResultOf, type JobResultMessage } from './job-result';

/** The job commands a worker sends after activation: complete, fail, throw error, and the two updates. */
export function jobHandlers(gateway: GatewayContext): UntypedServiceImplementation {
  const { engine } = gateway;
  return {
    CompleteJob: unary(gateway, 'CompleteJob', 'COMPLETE', async (request: { jobKey: string; variables: string; result?: JobResultMessage | null }, ctx) => {
      // 8.8's `result` (a task listener's verdict, an ad-hoc subprocess's next steps), as REST carries it.
      await engine.completeJob(requireKey(request.jobKey, 'jobKey'), parseVariablesDocument(request.variables), ctx, jobResultOf(request));
      return {};
    }),

    FailJob: unary(
      gateway,
      'FailJob',
      'FAIL',
      async (
        request: { jobKey: string; retries: number; errorMessage: string; retryBackOff: string; variables: string },
        ctx,
      ) => {
        await engine.failJob(
          {
            jobKey: requireKey(request.jobKey, 'jobKey'),
            retries: request.retries,
            errorMessage: request.errorMessage,
            retryBackOffMs: int64ToNumber(request.retryBackOff, 'retryBackOff'),
            variables: parseVariablesDocument(request.variables),
          },
          ctx,
        );
        return {};
      },
    ),

    ThrowError: unary(
      gateway,
      'ThrowError',
      'THROW_ERROR',
      async (request: { jobKey: string; errorCode: string; errorMessage: string; variables: string }, ctx) => {
        await engine.throwError(
          {
            jobKey: requireKey(request.jobKey, 'jobKey'),
            errorCode: request.errorCode,
            errorMessage: optionalString(request.errorMessage),
            variables: parseVariablesDocument(request.variables),
          },
          ctx,
        );
        return {};
      },
    ),

    UpdateJobRetries: unary(
      gateway,
      'UpdateJobRetries',
      'UPDATE_RETRIES',
      async (request: { jobKey: string; retries: number }, ctx) => {
        await engine.updateJobRetries(requireKey(request.jobKey, 'jobKey'), request.retries, ctx);
        return {};
      },
    ),

    UpdateJobTimeout: unary(
      gateway,
      'UpdateJobTimeout',
      'UPDATE_TIMEOUT',
      async (request: { jobKey: string; timeout: string }, ctx) => {
        await engine.updateJobTimeout(requireKey(request.jobKey, 'jobKey'), int64ToNumber(request.timeout, 'timeout'), ctx);
        return {};
      },
    ),
  };
}
