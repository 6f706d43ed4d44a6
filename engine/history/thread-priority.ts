/**
 * The exporter thread's scheduling priority. History is eventually consistent, so while it keeps up the
 * exporter thread runs at a lower priority (a higher nice value) and the engine thread, the log writer and
 * the clients get the cores first on a busy machine; once records wait too long, or a reader or a rebuild
 * waits for history, it runs at normal priority again so the lag stays bounded.
 *
 * The engine thread decides (`history-exporter.ts`), from the lag it measures anyway: a thread starved at a
 * low priority would not run often enough to notice its own lag. On Linux a nice value belongs to a thread,
 * and `os.setPriority(tid, …)` changes that one thread only. Going back up needs the right to raise a
 * priority (root, CAP_SYS_NICE or RLIMIT_NICE); where it is missing (probed at start without lowering
 * anything) the thread is never lowered, so it can never be stuck below the engine. Elsewhere than Linux
 * the exporter simply keeps the engine's priority.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** How much lower than the engine the exporter runs while it keeps up (nice +10: about a tenth of the share of a busy thread at +0). */
export const YIELDING_NICE = 10;

/** The calling thread's Linux thread id (undefined elsewhere): its `/proc/thread-self` is `<pid>/task/<tid>`. */
export function currentThreadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

export class ThreadPriority {
  private readonly normal: number;
  private readonly allowed: boolean;
  private yielding = false;

  /** `threadId`: a Linux thread id of this process (0: the calling thread). */
  constructor(
    private readonly threadId: number,
    private readonly yieldingNice = YIELDING_NICE,
  ) {
    let normal = 0;
    let allowed = false;
    try {
      normal = getPriority(threadId);
      // Probe the right to raise a priority by raising the thread one step above normal and back (lowering
      // is always allowed): unlike lowering first, a refusal leaves the thread where it was.
      setPriority(threadId, normal - 1);
      setPriority(threadId, normal);
      allowed = true;
    } catch {
      allowed = false;
    }
    this.normal = normal;
    this.allowed = allowed && yieldingNice > 0;
  }

  /** Whether the thread may be lowered and brought back (false: it stays at its priority). */
  get adjustable(): boolean {
    return this.allowed;
  }

  /** Whether the thread currently runs below its normal priority. */
  get lowered(): boolean {
    return this.yielding;
  }

  /** Runs the thread below the engine (history keeps up). */
  yieldToEngine(): void {
    if (!this.allowed || this.yielding) return;
    this.set(Math.min(19, this.normal + this.yieldingNice));
    this.yielding = true;
  }

  /** Runs the thread at its normal priority again (history fell behind, or someone waits for it). */
  keepUp(): void {
    if (!this.allowed || !this.yielding) return;
    this.set(this.normal);
    this.yielding = false;
  }

  private set(priority: number): void {
    try {
      setPriority(this.threadId, priority);
    } catch {
      // The thread ended, or a limit changed under us: the export itself is unaffected.
    }
  }
}
