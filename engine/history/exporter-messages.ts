/** What the engine thread tells the exporter thread. */
export type ExporterRequest =
  /** Records up to `position` are committed in the log: export them. */
  | { kind: 'committed'; position: number }
  /** A reader waits for history to reach `position`: export what is there now instead of gathering more. */
  | { kind: 'flush'; position: number }
  /** Finish the transaction under way, close both connections, stop. */
  | { kind: 'close' };

/** What the exporter thread reports. */
export type ExporterReply =
  /**
   * Opened: `exported` is where history stands, `logPosition` where the log ends; `rebuilding` when history
   * starts empty over a non-empty log; `threadId` the thread's Linux id, for its priority (`thread-priority.ts`).
   */
  | { kind: 'ready'; exported: number; logPosition: number; rebuilding: boolean; threadId?: number }
  /** Rows up to `position` are committed in history. */
  | { kind: 'exported'; position: number }
  /** A long catch-up (a rebuild) is at `position` of `target`. */
  | { kind: 'progress'; position: number; target: number }
  | { kind: 'failed'; message: string }
  | { kind: 'closed' };
