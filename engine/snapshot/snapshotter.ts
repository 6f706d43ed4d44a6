import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { StateCapture } from '../state';
import { SNAPSHOT_FORMAT } from './snapshot-file';
import type { SnapshotWriter } from './snapshot-writer';

/** When snapshots are taken: after this many records, or this many seconds, whichever comes first (0 turns one off). */
export interface SnapshotPolicy {
  everyRecords: number;
  everySeconds: number;
}

/**
 * Every 50,000 records: a restart replays at most that much tail after the snapshot. At 100,000 (until session
 * 14) the tail alone cost up to ~0.5 s of a restart at 1,000,000 finished + 50,000 waiting cases, and restarts
 * measured 2.4–3.2 s against issue 9's 3 s; halving it costs one more snapshot per 50,000 records, which with
 * 50,000 waiting cases left cold in carried-over chunks is ~0.1–0.2 s of engine-thread capture (measured with
 * scripts/bench-scale/snapshot-cost.ts), a few µs per record. Every 300 seconds (Zeebe's default snapshot
 * period): a quiet engine still gets a fresh one, so the tail never holds hours of trickle. Nothing is written
 * when no record was committed since the last one.
 */
export const DEFAULT_SNAPSHOT_POLICY: SnapshotPolicy = { everyRecords: 50_000, everySeconds: 300 };

/** What `snapshotStatus()` reports: the newest snapshot on disk. */
export interface SnapshotStatus {
  position: number;
  takenAt: string;
  bytes: number;
}

/** One snapshot taken: its status plus what capturing it cost the engine thread. */
export interface SnapshotTaken extends SnapshotStatus {
  /** The longest the engine thread paused for the capture (its start, or one slice), in milliseconds. */
  pauseMs: number;
  /** The pause at the start (key lists copied), in milliseconds. */
  startMs: number;
  /** Engine-thread time spent on the capture in all, in milliseconds (spread over `slices` slices). */
  captureMs: number;
  slices: number;
  /** Size of the captured state before compression. */
  stateBytes: number;
  /** Entries put back into the snapshot's compressed chunks afterwards (untouched since the capture began). */
  recooled: number;
  /** Engine-thread time spent re-cooling them, in milliseconds. */
  recoolMs: number;
}

/** What the snapshotter needs from the engine: positions and a capture of state, all on the engine thread. */
export interface SnapshotSource {
  /** Position of the last record processed (state reflects exactly the records up to it). */
  processedPosition(): number;
  /** Position of the last record durably committed. */
  committedPosition(): number;
  /** Start capturing the state as it is now (at the processed position). */
  startCapture(): StateCapture;
}

/**
 * Decides when to snapshot and takes one snapshot at a time: state is captured at the processed position P
 * on the engine thread, a slice per event-loop turn while batches go on in between ({@link StateCapture});
 * the file is handed to the writer thread only once the batch ending at P is durable, so a snapshot never
 * holds state the log could lose in a crash.
 */
export class Snapshotter {
  private lastPosition: number;
  private lastTakenAt = performance.now();
  private inFlight: Promise<SnapshotTaken | undefined> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Captures waiting for their batch to become durable: woken by every commit (and by closing). */
  private commitWaiters: (() => void)[] = [];
  /** Bumped when live state is rebuilt after a failed log write: a capture begun before belongs to a lost timeline. */
  private timeline = 0;

  constructor(
    private readonly policy: SnapshotPolicy,
    private readonly source: SnapshotSource,
    private readonly writer: SnapshotWriter,
    /** The newest snapshot on disk at start-up, if any. */
    private latest: SnapshotStatus | undefined,
    private readonly onFailure: (error: Error) => void,
  ) {
    this.lastPosition = latest?.position ?? 0;
    if (policy.everySeconds > 0) {
      this.timer = setInterval(() => this.maybeTake(true), Math.min(policy.everySeconds * 1000, 2 ** 31 - 1));
      this.timer.unref();
    }
  }

  /** The newest snapshot on disk. */
  get status(): SnapshotStatus | undefined {
    return this.latest;
  }

  /** Called after every commit: takes a snapshot once enough records have gone by. */
  afterCommit(): void {
    for (const wake of this.commitWaiters.splice(0)) wake();
    this.maybeTake(false);
  }

  private maybeTake(timeUp: boolean): void {
    if (this.closed || this.inFlight) return;
    const since = this.source.committedPosition() - this.lastPosition;
    if (since <= 0) return;
    const enough = this.policy.everyRecords > 0 && since >= this.policy.everyRecords;
    const late = timeUp || (this.policy.everySeconds > 0 && performance.now() - this.lastTakenAt >= this.policy.everySeconds * 1000);
    // A capture cut short by closing is no failure: the next start replays a little more, that is all.
    if (enough || (late && this.policy.everySeconds > 0)) void this.take().catch((error: Error) => this.closed || this.onFailure(error));
  }

  /**
   * Take a snapshot now (unless nothing happened since the last one); resolves once it is durable. While one
   * is being written, resolves with that one if it holds everything processed until now, else with one more
   * taken after it: an automatic snapshot begun mid-load must not leave the caller a tail to replay.
   */
  take(): Promise<SnapshotTaken | undefined> {
    if (this.inFlight) {
      const wanted = this.source.processedPosition();
      return this.inFlight.then((taken) => (taken && taken.position >= wanted ? taken : this.take()));
    }
    if (this.closed || this.source.processedPosition() <= this.lastPosition) return Promise.resolve(undefined);
    const running = this.capture().finally(() => {
      this.inFlight = undefined;
    });
    this.inFlight = running;
    return running;
  }

  private async capture(): Promise<SnapshotTaken> {
    const timeline = this.timeline;
    const lost = () => new Error('Expected to finish the snapshot capture, but the record log failed and live state was rebuilt; no snapshot written');
    let started = performance.now();
    const position = this.source.processedPosition();
    const capture = this.source.startCapture();
    const startMs = performance.now() - started;
    let pauseMs = startMs;
    let captureMs = startMs;
    let slices = 1;
    const takenAt = new Date().toISOString();
    this.lastPosition = position;
    this.lastTakenAt = performance.now();
    const id = this.writer.begin();
    try {
      // One slice per turn of the event loop: batches of commands run in between. Chunks go to the writer
      // thread as they come, so they do not pile up on the engine thread.
      for (let done = false; !done; slices++) {
        await nextTurn();
        if (this.closed) throw new Error('Expected to finish the snapshot capture, but the engine is closing; no snapshot written');
        if (this.timeline !== timeline) throw lost();
        started = performance.now();
        done = capture.step();
        if (done) capture.finish();
        this.writer.send(id, capture.drain());
        const slice = performance.now() - started;
        pauseMs = Math.max(pauseMs, slice);
        captureMs += slice;
      }
      // The batch ending at P may still be syncing: the file must not claim state the log could still lose.
      while (this.source.committedPosition() < position) {
        if (this.closed) throw new Error(`Expected position ${position} to be committed before the engine closed, but it was not; no snapshot written`);
        if (this.timeline !== timeline) throw lost();
        await new Promise<void>((resolve) => this.commitWaiters.push(resolve));
      }
    } catch (error) {
      capture.abandon();
      this.writer.abandon(id);
      throw error;
    }
    let written;
    try {
      written = await this.writer.write(id, { format: SNAPSHOT_FORMAT, position, takenAt, encoding: 'v8+gzip' }, capture.head);
    } catch (error) {
      capture.abandon();
      throw error;
    }
    this.latest = { position, takenAt, bytes: written.bytes };
    // Entries untouched since the capture began go back into the chunks just written: live state keeps only
    // what moved, and the next snapshot carries those chunks over as they are.
    const recool = await capture.recool(written.chunks, nextTurn, () => this.closed || this.timeline !== timeline);
    return { position, takenAt, bytes: written.bytes, pauseMs, startMs, captureMs, slices, stateBytes: written.stateBytes, recooled: recool.entries, recoolMs: recool.ms };
  }

  /**
   * Live state was rebuilt from the durable log after a failed write (issue 13): a capture still running holds
   * records that were never written, so it is dropped, and the next snapshot counts from the newest on disk.
   * Resolves once the dropped capture has stopped.
   */
  async restartAfterLogFailure(): Promise<void> {
    this.timeline++;
    for (const wake of this.commitWaiters.splice(0)) wake();
    await this.inFlight?.catch(() => undefined);
    this.lastPosition = this.latest?.position ?? 0;
  }

  /** Stop taking snapshots; the one being written is finished first. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    for (const wake of this.commitWaiters.splice(0)) wake();
    await this.inFlight?.catch(() => undefined);
    await this.writer.close();
  }
}
