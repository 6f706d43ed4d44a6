// How an engine is started: where its log lives, which clock it runs on, when it snapshots, what it checks.
import type { ProcessPermissionCheck } from './api';
import type { DiskWatermarkOptions } from './log/disk-space-monitor';
import type { DEFAULT_SNAPSHOT_POLICY } from './snapshot';

/** How the engine is started. */
export interface EngineOptions {
  /** Where the record log lives; omitted → a fresh temporary directory. */
  dataDir?: string;
  /** `controlled`: engine time moves only when told to (tests, `PUT /v2/clock`). Default `system`. */
  clock?: 'system' | 'controlled';
  /**
   * When to snapshot live state (under `<dataDir>/snapshots/`): after `everyRecords` records or `everySeconds`
   * seconds, whichever comes first; 0 turns a trigger off. Defaults: {@link DEFAULT_SNAPSHOT_POLICY}.
   */
  snapshot?: { everyRecords?: number; everySeconds?: number };
  /** Ignore snapshots on start and replay the whole log from position 1 (`onego engine --replay-all`). */
  replayAll?: boolean;
  /** Per-process permissions checked inside commands (`--auth basic`: from the identity file). Absent: none. */
  permissions?: ProcessPermissionCheck;
  /** The free-space watermark of the data folder (default: `ONEGO_DISK_FREE_PROCESSING`, 1 GiB; 0 turns it off). */
  diskWatermark?: DiskWatermarkOptions;
}
