import type { AdmissionLimits } from './caller-admission';

/**
 * The words of a per-caller refusal (REST 429 `TOO_MANY_REQUESTS` with `Retry-After`, gRPC `RESOURCE_EXHAUSTED`,
 * as Zeebe answers backpressure): in Chinese and English, naming the settings that set the limits, so an operator
 * who sees it in a client's log knows what to raise.
 */
export function overloadDetail(limits: AdmissionLimits, retryAfterSeconds: number): string {
  const inFlight = Number.isFinite(limits.inFlightPerCaller) ? String(limits.inFlightPerCaller) : 'unlimited';
  return (
    `请求过多：每个调用方最多 ${inFlight} 个请求同时处理、${limits.waitingPerCaller} 个排队（ONEGO_MAX_IN_FLIGHT_PER_CALLER、ONEGO_MAX_WAITING_PER_CALLER），请 ${retryAfterSeconds} 秒后重试 / ` +
    `Expected at most ${inFlight} requests in flight and ${limits.waitingPerCaller} waiting per caller (ONEGO_MAX_IN_FLIGHT_PER_CALLER, ONEGO_MAX_WAITING_PER_CALLER), ` +
    `but this caller has more; retry after ${retryAfterSeconds} s`
  );
}
