/**
 * How the fuzz tests judge an answer: a clear refusal (a gRPC status other than a failure, an HTTP status below 500,
 * each with a message, or a refusal by the client itself before sending) is fine; a failure, a silent error or no
 * answer in time is not, and neither is an engine that reports itself down afterwards.
 */
import type { EngineServer } from '../../../engine/server';

/** gRPC codes that mean the engine failed rather than refused: UNKNOWN, DEADLINE_EXCEEDED, INTERNAL, UNAVAILABLE. */
const FAILED_GRPC = new Set([2, 4, 13, 14]);

/** The engine did not answer in time: never a clear refusal. */
class NoAnswer extends Error {}

/** `promise`, or a {@link NoAnswer} after `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new NoAnswer(`no answer within ${ms} ms: ${what}`)), ms).unref())]);
}

/** Undefined when the client's error is a clear refusal, else what is wrong with it. */
export function unclearRefusal(error: unknown): string | undefined {
  if (error instanceof NoAnswer) return error.message;
  const failure = error as { code?: unknown; details?: string; message?: string; response?: { statusCode?: number }; statusCode?: number };
  const message = failure.details ?? failure.message ?? '';
  const httpStatus = failure.response?.statusCode ?? failure.statusCode;
  if (typeof httpStatus === 'number') return httpStatus >= 500 ? `HTTP ${httpStatus}: ${message.slice(0, 200)}` : message ? undefined : `HTTP ${httpStatus} without a message`;
  if (typeof failure.code === 'number') return FAILED_GRPC.has(failure.code) ? `gRPC ${failure.code}: ${message.slice(0, 200)}` : message ? undefined : `gRPC ${failure.code} without a message`;
  // Refused by the client library before anything was sent (it cannot encode the request).
  return message ? undefined : `an error without a message: ${String(error).slice(0, 200)}`;
}

/**
 * Runs one fuzz call (60 s at most): its answer, or undefined when it was refused; anything but a clear refusal, and
 * an engine down afterwards, is noted in `unclear`. `ONEGO_FUZZ_VERBOSE=1` prints each refusal.
 */
export function fuzzAttempt(server: () => EngineServer, unclear: string[]) {
  return async (label: string, action: () => Promise<unknown>): Promise<unknown> => {
    try {
      return await within(action(), 60_000, label);
    } catch (error) {
      const problem = unclearRefusal(error);
      if (process.env.ONEGO_FUZZ_VERBOSE) console.log(`${label.slice(0, 90)} -> ${String((error as { details?: string; message?: string }).details ?? (error as Error).message).slice(0, 160)}`);
      if (problem) unclear.push(`${label}: ${problem}`);
      return undefined;
    } finally {
      if (!server().engine.health().up) unclear.push(`${label}: the engine reported itself down afterwards`);
    }
  };
}
