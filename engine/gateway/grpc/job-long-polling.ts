import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ActivateJobsRequest, ActivatedJob, CommandContext, EngineApi } from '../../api';
import type { GatewayContext } from './context';
import { int64ToNumber, optionalList, resolveTenants, toActivatedJobMessage } from './convert';
import { failServerStream, invalidArgument } from './errors';

/** How long an ActivateJobs call with `requestTimeout: 0` waits for jobs: Zeebe's gateway default. */
export const DEFAULT_LONG_POLLING_TIMEOUT_MS = 10_000;

interface ActivateJobsMessage {
  type: string;
  worker: string;
  timeout: string;
  maxJobsToActivate: number;
  fetchVariable: string[];
  requestTimeout: string;
  tenantIds: string[];
}

type WakeReason = 'notified' | 'expired' | 'cancelled' | 'closed';

/** One ActivateJobs call parked until jobs of its type may be there. */
interface ParkedActivation {
  readonly type: string;
  /** Set when a notification arrived while the call was not parked (e.g. mid-attempt). */
  notified: boolean;
  wake?: (reason: WakeReason) => void;
}

/** How much earlier than a client's own gRPC deadline the gateway answers, so the answer still arrives. */
const DEADLINE_MARGIN_MS = 100;

/**
 * How long a parked call may wait: its `requestTimeout`, but never past the gRPC deadline the client set
 * (the SDK and zeebe-node set none and give up 1 s after `requestTimeout`; other clients may).
 */
export function answerWithin(requestTimeoutMs: number, deadline: Date | number, now = Date.now()): number {
  const deadlineMs = deadline instanceof Date ? deadline.getTime() : deadline;
  if (!Number.isFinite(deadlineMs)) return requestTimeoutMs;
  return Math.max(0, Math.min(requestTimeoutMs, deadlineMs - now - DEADLINE_MARGIN_MS));
}

/** Checks Zeebe's gateway makes before a request reaches the broker. */
function toActivateRequest(message: ActivateJobsMessage): ActivateJobsRequest {
  if (!message.type || message.type.trim() === '') {
    throw invalidArgument(`Expected to activate jobs with a non-blank type, but it was blank`);
  }
  if (!message.worker || message.worker.trim() === '') {
    throw invalidArgument(`Expected to activate jobs with a non-blank worker, but it was blank`);
  }
  const timeoutMs = int64ToNumber(message.timeout, 'timeout');
  if (timeoutMs < 1) {
    throw invalidArgument(`Expected to activate jobs with a timeout of at least 1 ms, but it was ${timeoutMs}`);
  }
  if (message.maxJobsToActivate < 1) {
    throw invalidArgument(`Expected to activate at least 1 job, but maxJobsToActivate was ${message.maxJobsToActivate}`);
  }
  return {
    type: message.type,
    worker: message.worker,
    timeoutMs,
    maxJobsToActivate: message.maxJobsToActivate,
    fetchVariables: optionalList(message.fetchVariable),
    tenantIds: resolveTenants(message.tenantIds, 'ActivateJobs'),
  };
}

/**
 * ActivateJobs with long polling, as Zeebe's gateway does it: try at once; if nothing is activatable, park
 * the call until the engine says jobs of that type may be there, or until `requestTimeout` (-1 = answer
 * now, 0 = {@link DEFAULT_LONG_POLLING_TIMEOUT_MS}) has passed, then answer with what there is.
 *
 * A notification wakes only the longest-parked call of the type; that call passes the notification on when
 * it took a full batch (more may be waiting) or was notified again while busy — so N parked workers do not
 * all race for the one new job.
 */
export class JobLongPolling {
  private readonly parked = new Map<string, ParkedActivation[]>();
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(
    private readonly engine: EngineApi,
    private readonly defaultTimeoutMs = DEFAULT_LONG_POLLING_TIMEOUT_MS,
  ) {
    this.unsubscribe = engine.onJobsAvailable((type) => this.notify(type));
  }

  /** The grpc-js handler for `ActivateJobs`. */
  handler(gateway: GatewayContext) {
    return (call: ServerWritableStream<ActivateJobsMessage, unknown>): void => {
      void (async () => {
        const ctx = await gateway.authenticate(call.metadata, 'ActivateJobs');
        await this.serve(call, toActivateRequest(call.request), int64ToNumber(call.request.requestTimeout, 'requestTimeout'), ctx);
      })().catch((error: unknown) => failServerStream(call, error, 'ACTIVATE'));
    };
  }

  /** Answer every parked call now (with no jobs) and stop listening; used on shutdown. */
  close(): void {
    this.closed = true;
    this.unsubscribe();
    for (const activations of this.parked.values()) {
      for (const activation of [...activations]) activation.wake?.('closed');
    }
  }

  private async serve(
    call: ServerWritableStream<ActivateJobsMessage, unknown>,
    request: ActivateJobsRequest,
    requestTimeoutMs: number,
    ctx: CommandContext,
  ): Promise<void> {
    const activation: ParkedActivation = { type: request.type, notified: false };
    const longPolling = requestTimeoutMs >= 0 && !this.closed;
    let expired = false;
    const onCancelled = () => activation.wake?.('cancelled');
    call.on('cancelled', onCancelled);
    const timer = longPolling
      ? setTimeout(() => {
          expired = true;
          activation.wake?.('expired');
        }, answerWithin(requestTimeoutMs > 0 ? requestTimeoutMs : this.defaultTimeoutMs, call.getDeadline()))
      : undefined;
    // Parked before the first attempt, so a job created during that attempt is not missed.
    this.park(activation);
    let jobsTaken = 0;
    try {
      for (;;) {
        activation.notified = false;
        const jobs = await this.engine.activateJobs(request, ctx);
        jobsTaken = jobs.length;
        if (call.cancelled) {
          await this.yieldBack(jobs, ctx);
          return;
        }
        if (jobs.length > 0) {
          call.write({ jobs: jobs.map(toActivatedJobMessage) });
          call.end();
          return;
        }
        if (!longPolling || expired || this.closed) break;
        if (activation.notified) continue;
        const reason = await new Promise<WakeReason>((resolve) => {
          activation.wake = resolve;
        });
        activation.wake = undefined;
        if (reason === 'cancelled') return;
        if (reason !== 'notified') break;
      }
      call.end();
    } finally {
      clearTimeout(timer);
      call.off('cancelled', onCancelled);
      this.unpark(activation);
      if (activation.notified || (jobsTaken > 0 && jobsTaken >= request.maxJobsToActivate)) this.notify(request.type);
    }
  }

  /**
   * Jobs activated for a client that has gone: hand them back at once (a FAIL that keeps their retries)
   * instead of letting them sit locked until their deadline, as Zeebe's gateway does.
   */
  private async yieldBack(jobs: readonly ActivatedJob[], ctx: CommandContext): Promise<void> {
    for (const job of jobs) {
      await this.engine
        .failJob(
          {
            jobKey: job.key,
            retries: job.retries,
            errorMessage: 'Expected to send the activated job to the worker, but the worker had cancelled the request',
            retryBackOffMs: 0,
          },
          ctx,
        )
        // The job may have timed out or been cancelled meanwhile; then there is nothing to hand back.
        .catch(() => undefined);
    }
  }

  private park(activation: ParkedActivation): void {
    const list = this.parked.get(activation.type);
    if (list) list.push(activation);
    else this.parked.set(activation.type, [activation]);
  }

  private unpark(activation: ParkedActivation): void {
    const list = this.parked.get(activation.type);
    if (!list) return;
    const index = list.indexOf(activation);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.parked.delete(activation.type);
  }

  private notify(type: string): void {
    const first = this.parked.get(type)?.[0];
    if (!first) return;
    if (first.wake) first.wake('notified');
    else first.notified = true;
  }
}
