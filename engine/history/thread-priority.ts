/**
 * The exporter thread's scheduling priority. History is eventually consistent, so while it keeps up the
 * thread runs at a lower priority (a higher nice value) and the engine thread, the log writer and the
 * clients get the cores first on a busy machine; once records wait too long, or a reader or a rebuild waits
 * for history, it goes back to normal priority so the lag stays bounded.
 *
 * On Linux a nice value belongs to a thread, and `os.setPriority(0, …)` changes the calling thread's only.
 * Going back up needs the right to raise a priority (root, CAP_SYS_NICE or RLIMIT_NICE): where it is
 * missing (probed at start without lowering anything), the thread is never lowered, so it can never be
 * stuck below the engine.
 */
import { getPriority, setPriority } from 'node:os';

/** How much lower than the engine the exporter runs while it keeps up (nice 10: about a tenth of a core's share against a busy thread). */
export const YIELDING_NICE = 10;

export class ThreadPriority {
  private readonly normal: number;
  private readonly allowed: boolean;
  private yielding = false;

  constructor(private readonly yieldingNice = YIELDING_NICE) {
    let normal = 0;
    let allowed = false;
    try {
      normal = getPriority(0);
      // Probe the right to raise a priority by raising this thread one step above normal and back (lowering
      // is always allowed): unlike lowering first, a refusal leaves the thread where it was.
      setPriority(0, normal - 1);
      setPriority(0, normal);
      allowed = true;
    } catch {
      allowed = false;
    }
    this.normal = normal;
    this.allowed = allowed && yieldingNice > 0;
  }

  /** Whether this thread may lower itself and come back (false: it stays at the engine's priority). */
  get adjustable(): boolean {
    return this.allowed;
  }

  /** Whether the thread currently runs below the engine. */
  get lowered(): boolean {
    return this.yielding;
  }

  /** Runs below the engine (history keeps up). */
  yieldToEngine(): void {
    if (!this.allowed || this.yielding) return;
    this.set(Math.min(19, this.normal + this.yieldingNice));
    this.yielding = true;
  }

  /** Runs at the engine's priority again (history fell behind, or someone waits for it). */
  keepUp(): void {
    if (!this.allowed || !this.yielding) return;
    this.set(this.normal);
    this.yielding = false;
  }

  private set(priority: number): void {
    try {
      setPriority(0, priority);
    } catch {
      // A limit changed under us: stay where we are; the export itself is unaffected.
    }
  }
}
