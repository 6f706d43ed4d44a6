// The engine's side of the disk watermark (issue 13): while the data folder is short of free space, every
// command is refused and the engine's own triggers pause, as Zeebe pauses processing; both resume once
// the space is back.
import type { EngineRejection } from '../api';
import { engineServiceLog } from '../logging/service-log';
import { DiskSpaceMonitor, type DiskSpaceStatus, type DiskWatermarkOptions } from './disk-space-monitor';
import { diskSpaceChangeLine, outOfDiskSpace } from './disk-space-refusal';

/** What the engine does when the free space crosses the watermark. */
export interface DiskWatermarkReactions {
  /** Whether the engine is closing (then a crossing changes nothing). */
  isClosed(): boolean;
  /** Below the watermark: stop writing trigger commands. */
  paused(): void;
  /** Above it again: fire what fell due meanwhile and pick up work refused meanwhile. */
  resumed(): void;
}

/** Watches the data folder's free space and says whether commands are refused for the lack of it. */
export class DiskWatermarkGuard {
  /** Checks the data folder's free space every second. */
  private monitor: DiskSpaceMonitor | undefined;
  /** Set while the free space is below the watermark. */
  private shortage: DiskSpaceStatus | undefined;

  constructor(private readonly reactions: DiskWatermarkReactions) {}

  /** Start checking `dataDir` against the watermark (the first check is done before this resolves). */
  async start(dataDir: string, watermark: DiskWatermarkOptions): Promise<void> {
    this.monitor = new DiskSpaceMonitor(dataDir, watermark, (status) => this.changed(status));
    await this.monitor.start();
  }

  /** The refusal every command gets now, or undefined while there is space. */
  refusal(): EngineRejection | undefined {
    return this.shortage ? outOfDiskSpace(this.monitor?.status ?? this.shortage) : undefined;
  }

  /** What the last free-space check found, when the watermark is on. */
  status(): DiskSpaceStatus | undefined {
    return this.monitor?.enabled ? this.monitor.status : undefined;
  }

  /** Stop checking. */
  stop(): void {
    this.monitor?.stop();
  }

  private changed(status: DiskSpaceStatus): void {
    if (this.reactions.isClosed()) return;
    const log = engineServiceLog();
    if (!status.available) {
      this.shortage = status;
      this.reactions.paused();
      log.warn(diskSpaceChangeLine(status));
      return;
    }
    this.shortage = undefined;
    log.info(diskSpaceChangeLine(status));
    this.reactions.resumed();
  }
}
