import type { ServerWritableStream } from '@grpc/grpc-js';
import type { EngineApi, JobStreamHandle, JobStreamRequest } from '../../api';
import type { GatewayContext } from './context';
import { int64ToNumber, optionalList, resolveTenants, toActivatedJobMessage } from './convert';
import { failServerStream, invalidArgument } from './errors';

interface StreamActivatedJobsMessage {
  type: string;
  worker: string;
  timeout: string;
  fetchVariable: string[];
  tenantIds: string[];
}

function toStreamRequest(message: StreamActivatedJobsMessage): JobStreamRequest {
  if (!message.type || message.type.trim() === '') {
    throw invalidArgument(`Expected to stream jobs with a non-blank type, but it was blank`);
  }
  const timeoutMs = int64ToNumber(message.timeout, 'timeout');
  if (timeoutMs < 1) {
    throw invalidArgument(`Expected to stream jobs with a timeout of at least 1 ms, but it was ${timeoutMs}`);
  }
  return {
    type: message.type,
    worker: message.worker,
    timeoutMs,
    fetchVariables: optionalList(message.fetchVariable),
    tenantIds: resolveTenants(message.tenantIds, 'StreamActivatedJobs'),
  };
}

/**
 * StreamActivatedJobs: a long-lived call the engine pushes jobs into as they become activatable. The SDK
 * cancels the call when its worker closes and may cancel more than once; every way a stream can end
 * (cancel, error, gateway shutdown) funnels into one idempotent close.
 */
export class JobStreaming {
  private readonly open = new Set<() => void>();

  constructor(private readonly engine: EngineApi) {}

  /** The grpc-js handler for `StreamActivatedJobs`. */
  handler(gateway: GatewayContext) {
    return (call: ServerWritableStream<StreamActivatedJobsMessage, unknown>): void => {
      void (async () => {
        await gateway.authenticate(call.metadata, 'StreamActivatedJobs');
        this.serve(call, toStreamRequest(call.request));
      })().catch((error: unknown) => failServerStream(call, error, 'ACTIVATE'));
    };
  }

  /** How many streams are open now. */
  get size(): number {
    return this.open.size;
  }

  /** End every open stream (the clients see a clean end and reconnect elsewhere or stop). */
  close(): void {
    for (const end of [...this.open]) end();
  }

  private serve(call: ServerWritableStream<StreamActivatedJobsMessage, unknown>, request: JobStreamRequest): void {
    if (call.cancelled) return;
    let handle: JobStreamHandle | undefined;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      this.open.delete(end);
      handle?.close();
      if (!call.cancelled && !call.writableEnded) call.end();
    };
    this.open.add(end);
    call.on('cancelled', end);
    call.on('error', end);
    call.on('close', end);
    handle = this.engine.openJobStream(request, (job) => {
      // A job pushed after the client left is refused, so the engine hands it to someone else.
      if (ended || call.cancelled || call.writableEnded) return false;
      call.write(toActivatedJobMessage(job));
      return true;
    });
    if (ended) handle.close();
  }
}
