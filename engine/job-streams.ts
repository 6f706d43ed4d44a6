// Job push streams (Zeebe's StreamActivatedJobs): open streams per job type, round robin among them, and
// the drain that pushes activatable jobs to them; a job no stream can take is yielded back.
import { type ActivateJobsRequest, type ActivatedJob, type JobStreamHandle, type JobStreamRequest, type Key } from './api';
import { tenantOf } from './client-commands';
import type { JobStreamTarget } from './processing/processing-context';

/** One open push stream. */
interface JobStream {
  request: JobStreamRequest;
  push: (job: ActivatedJob) => boolean;
  closed: boolean;
}

/** What the streams need from the engine that owns them. */
export interface JobStreamsHost {
  /** Activatable jobs by type (live state; read only). */
  activatableJobs: ReadonlyMap<string, { readonly size: number }>;
  /** Activate jobs through an ACTIVATE command, as a polling worker would. */
  activateJobs(req: ActivateJobsRequest): Promise<ActivatedJob[]>;
  /** Hand a job back (a YIELD command); failures are ignored by the caller. */
  yieldJob(jobKey: Key): Promise<unknown>;
  /** Run after the current batch commits. */
  defer(task: () => void): void;
  /** Whether the engine is closing (then nothing is pushed). */
  isClosed(): boolean;
}

/** Whether a stream opened for these tenants takes a job of `tenantId` (no tenants listed: any, as for ActivateJobs). */
function acceptsTenant(request: JobStreamRequest, tenantId: string): boolean {
  const tenants = (request.tenantIds ?? []).map(tenantOf);
  return tenants.length === 0 || tenants.includes(tenantId);
}

/**
 * The engine's job streams and job-available listeners: who is told that jobs of a type may be activatable,
 * and which open stream a newly created job is pushed to.
 */
export class JobStreams {
  private readonly listeners = new Set<(type: string) => void>();
  private readonly streams = new Map<string, Set<JobStream>>();
  private readonly draining = new Set<string>();
  /** Round-robin position among each job type's streams. */
  private readonly turns = new Map<string, number>();

  constructor(private readonly host: JobStreamsHost) {}

  /** Be told whenever jobs of a type may have become activatable; returns the unsubscribe function. */
  onJobsAvailable(listener: (type: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Open a push stream for a job type; jobs already waiting are pushed on the next turn of the event loop. */
  open(req: JobStreamRequest, push: (job: ActivatedJob) => boolean): JobStreamHandle {
    const stream: JobStream = { request: req, push, closed: false };
    let set = this.streams.get(req.type);
    if (!set) this.streams.set(req.type, (set = new Set()));
    set.add(stream);
    setImmediate(() => void this.drain(req.type));
    return {
      close: () => {
        stream.closed = true;
        const current = this.streams.get(req.type);
        current?.delete(stream);
        if (current && current.size === 0) this.streams.delete(req.type);
      },
    };
  }

  /** The next open stream (round robin) that takes jobs of this type and tenant, as a push target. */
  streamFor(type: string, tenantId: string): JobStreamTarget | undefined {
    const set = this.streams.get(type);
    if (!set || this.host.isClosed()) return undefined;
    const candidates = [...set].filter((stream) => !stream.closed && acceptsTenant(stream.request, tenantId));
    if (candidates.length === 0) return undefined;
    const turn = this.turns.get(type) ?? 0;
    this.turns.set(type, turn + 1);
    const stream = candidates[turn % candidates.length];
    return {
      activator: {
        type,
        worker: stream.request.worker,
        timeout: stream.request.timeoutMs,
        maxJobsToActivate: 1,
        fetchVariables: stream.request.fetchVariables,
        tenantIds: (stream.request.tenantIds ?? []).map(tenantOf),
      },
      deliver: (job) => this.host.defer(() => this.pushOrYield(stream, job)),
    };
  }

  /** Tell the listeners, and drain the open streams, that jobs of this type may be activatable. */
  announce(type: string): void {
    for (const listener of this.listeners) listener(type);
    if (this.streams.has(type)) void this.drain(type);
  }

  /** Push an activated job to its stream; a stream that is gone or refuses it is closed. Says whether it took the job. */
  private tryPush(stream: JobStream, job: ActivatedJob): boolean {
    let delivered = false;
    if (!stream.closed) {
      try {
        delivered = stream.push(job);
      } catch {
        delivered = false;
      }
    }
    if (!delivered) {
      stream.closed = true;
      this.streams.get(job.type)?.delete(stream);
    }
    return delivered;
  }

  /** Push a job activated for a stream while it was created; if the stream cannot take it, yield it back. */
  private pushOrYield(stream: JobStream, job: ActivatedJob): void {
    if (this.tryPush(stream, job)) return;
    void this.host.yieldJob(job.key).catch(() => undefined);
  }

  /** Push activatable jobs of a type to its open streams, round robin; undeliverable jobs are yielded back. */
  private async drain(type: string): Promise<void> {
    if (this.draining.has(type) || this.host.isClosed()) return;
    this.draining.add(type);
    try {
      for (;;) {
        const streams = [...(this.streams.get(type) ?? [])].filter((s) => !s.closed);
        if (streams.length === 0 || (this.host.activatableJobs.get(type)?.size ?? 0) === 0) return;
        let delivered = 0;
        // All streams' activations go into one batch (one commit), each stream taking its share.
        const share = Math.max(1, Math.ceil((this.host.activatableJobs.get(type)?.size ?? 1) / streams.length));
        const batches = await Promise.all(
          streams.map((stream) =>
            this.host
              .activateJobs({
                type,
                worker: stream.request.worker,
                timeoutMs: stream.request.timeoutMs,
                maxJobsToActivate: share,
                fetchVariables: stream.request.fetchVariables,
                tenantIds: stream.request.tenantIds,
              })
              .catch(() => [] as ActivatedJob[]),
          ),
        );
        const undeliverable: ActivatedJob[] = [];
        streams.forEach((stream, index) => {
          for (const job of batches[index]) {
            if (this.tryPush(stream, job)) delivered++;
            else undeliverable.push(job);
          }
        });
        await Promise.all(undeliverable.map((job) => this.host.yieldJob(job.key).catch(() => undefined)));
        if (delivered === 0) return;
      }
    } finally {
      this.draining.delete(type);
    }
  }
}
