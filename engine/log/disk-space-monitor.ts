/**
 * The disk watermark, as Zeebe has it (`zeebe.broker.data.disk.freeSpace.processing`, checked every
 * `monitoringInterval`): when the data folder's file system has less free space than the watermark, the
 * engine refuses every command with RESOURCE_EXHAUSTED and pauses its scheduler, so the disk never fills
 * under a half-written batch; reads, topology and health go on, and commands are taken again as soon as a
 * check finds the space back. The check is one `statfs` per interval on a timer of its own, never one per
 * command, and never inside element logic.
 */
import { statfs } from 'node:fs/promises';

/** Free and total bytes of the file system holding a folder, as a probe reports them. */
export interface FreeSpace {
  /** Bytes an unprivileged process may still write (`bavail × bsize`). */
  freeBytes: number;
  /** Size of the file system. */
  totalBytes: number;
}

/** Measures the free space under a folder (the real one is `statfs`; tests pass their own). */
export type FreeSpaceProbe = (folder: string) => Promise<FreeSpace>;

/** What the monitor last found: the health check and the refusal read it. */
export interface DiskSpaceStatus {
  /** The folder checked (the engine's data folder). */
  path: string;
  /** Free bytes at the last check (undefined before the first one, or when it failed). */
  freeBytes?: number;
  totalBytes?: number;
  /** The watermark: below it, commands are refused. */
  thresholdBytes: number;
  /** False while the free space is below the watermark. */
  available: boolean;
  /** Why the last check failed, when it did (the last answer then stands). */
  checkFailure?: string;
}

/** Settings of the watermark; {@link diskWatermarkSettings} reads them from the environment. */
export interface DiskWatermarkOptions {
  /** Commands are refused while less than this many bytes are free; 0 turns the check off. */
  freeProcessingBytes: number;
  /** How often to check, in ms (Zeebe: 1 s). */
  intervalMs?: number;
  /** The free-space measurement (default `statfs`). */
  probe?: FreeSpaceProbe;
}

/**
 * Default watermark: 1 GiB. Zeebe asks 2 GB for processing, sized for several partitions of 128 MB log segments
 * plus snapshots; OneGo has one partition and a single log file, so half of it keeps the same reserve for a
 * snapshot and the history store on a small machine's disk.
 */
export const DEFAULT_FREE_PROCESSING_BYTES = 1024 ** 3;
/** Default interval between checks: Zeebe's `monitoringInterval`, 1 s. */
export const DEFAULT_DISK_MONITORING_INTERVAL_MS = 1_000;

const UNITS: Record<string, number> = { '': 1, B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/**
 * Reads a size as Zeebe writes them: `2GB`, `512MB`, `64KB` or plain bytes (units are powers of 1024, as in
 * Zeebe's configuration); throws naming the setting when it is anything else.
 */
export function parseByteSize(value: string, source: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?B?)\s*$/i.exec(value);
  const unit = match ? UNITS[match[2].toUpperCase()] : undefined;
  if (!match || unit === undefined) {
    throw new Error(`${source} 须为字节数，如 1GB、512MB / Expected ${source} to be a size such as 1GB, 512MB or a number of bytes (0 turns the check off), but was '${value}'`);
  }
  return Math.round(Number(match[1]) * unit);
}

/** The watermark from `ONEGO_DISK_FREE_PROCESSING` and `ONEGO_DISK_MONITORING_INTERVAL_MS`, with Zeebe-like defaults. */
export function diskWatermarkSettings(env: Record<string, string | undefined> = process.env): DiskWatermarkOptions {
  const free = env.ONEGO_DISK_FREE_PROCESSING;
  const interval = env.ONEGO_DISK_MONITORING_INTERVAL_MS;
  let intervalMs = DEFAULT_DISK_MONITORING_INTERVAL_MS;
  if (interval !== undefined && interval !== '') {
    intervalMs = Number(interval);
    if (!/^\d+$/.test(interval.trim()) || intervalMs < 10) {
      throw new Error(`ONEGO_DISK_MONITORING_INTERVAL_MS 须为不小于 10 的整数 / Expected ONEGO_DISK_MONITORING_INTERVAL_MS to be a whole number of milliseconds ≥ 10, but was '${interval}'`);
    }
  }
  return {
    freeProcessingBytes: free === undefined || free === '' ? DEFAULT_FREE_PROCESSING_BYTES : parseByteSize(free, 'ONEGO_DISK_FREE_PROCESSING'),
    intervalMs,
  };
}

/** `statfs` on the folder: the space an unprivileged writer has, as `df` shows it under "Avail". */
export const statfsProbe: FreeSpaceProbe = async (folder) => {
  const stats = await statfs(folder);
  return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
};

/** A size for people: `1.0 GiB`, `512.0 MiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * Checks the free space under a folder every interval and tells its listener when it crosses the watermark
 * (either way). A check that fails (the folder vanished, a stale mount) keeps the last answer and says why.
 */
export class DiskSpaceMonitor {
  private timer: NodeJS.Timeout | undefined;
  private checking = false;
  private readonly current: DiskSpaceStatus;
  private readonly probe: FreeSpaceProbe;

  constructor(
    folder: string,
    private readonly options: DiskWatermarkOptions,
    /** Called with the new status whenever `available` changes. */
    private readonly onChange: (status: DiskSpaceStatus) => void,
  ) {
    this.probe = options.probe ?? statfsProbe;
    this.current = { path: folder, thresholdBytes: options.freeProcessingBytes, available: true };
  }

  /** What the last check found (a copy). */
  get status(): DiskSpaceStatus {
    return { ...this.current };
  }

  /** Whether the monitor runs at all (a watermark of 0 turns it off). */
  get enabled(): boolean {
    return this.options.freeProcessingBytes > 0;
  }

  /** Checks once now (so an engine started on a full disk refuses from its first command), then every interval. */
  async start(): Promise<void> {
    if (!this.enabled) return;
    await this.check();
    this.timer = setInterval(() => void this.check(), this.options.intervalMs ?? DEFAULT_DISK_MONITORING_INTERVAL_MS);
    // The monitor alone must not keep a process alive.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One measurement; overlapping ones (a slow file system) are skipped rather than queued. */
  async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const space = await this.probe(this.current.path);
      this.current.freeBytes = space.freeBytes;
      this.current.totalBytes = space.totalBytes;
      this.current.checkFailure = undefined;
      const available = space.freeBytes >= this.options.freeProcessingBytes;
      if (available !== this.current.available) {
        this.current.available = available;
        this.onChange(this.status);
      }
    } catch (error) {
      this.current.checkFailure = error instanceof Error ? error.message : String(error);
    } finally {
      this.checking = false;
    }
  }
}
