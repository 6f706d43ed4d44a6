import type { EngineApi } from '../api';
import { serviceLogWriteHealth } from '../logging/service-log';

/** How far the history exporter is behind the log, when there is one. */
export type HistoryLagSource = () => { lagRecords: number; lagMs: number; failure?: { message: string } } | undefined;

/** Spring Boot's health shape, as Camunda's actuator answers it. */
export interface HealthReport {
  status: 'UP' | 'DOWN';
  components?: Record<string, { status: 'UP' | 'DOWN'; details: Record<string, unknown> }>;
}

/** Readiness fails when history is this far behind (searches would show a stale picture for too long). */
export const DEFAULT_MAX_HISTORY_LAG_MS = 60_000;

/**
 * Liveness: the process answers (a wedged event loop does not). Readiness: the engine takes commands and
 * can write its log (a full disk, free space below the watermark or a failed write turns it DOWN), and history is
 * no further behind than `maxHistoryLagMs` and not stopped by a failed write (`details.failure` says why); the service log's failed writes are reported, not counted as DOWN.
 */
export function readiness(engine: EngineApi, history?: HistoryLagSource, maxHistoryLagMs = DEFAULT_MAX_HISTORY_LAG_MS): HealthReport {
  const engineHealth = engine.health();
  const components: NonNullable<HealthReport['components']> = {
    engine: { status: engineHealth.up ? 'UP' : 'DOWN', details: { detail: engineHealth.detail } },
  };
  // Spring Boot's disk space indicator's shape (total, free, threshold, path, exists), on the data folder.
  const disk = engine.diskSpace?.();
  if (disk) {
    components.diskSpace = {
      status: disk.available ? 'UP' : 'DOWN',
      details: { total: disk.totalBytes, free: disk.freeBytes, threshold: disk.thresholdBytes, path: disk.path, exists: disk.checkFailure === undefined, ...(disk.checkFailure ? { checkFailure: disk.checkFailure } : {}) },
    };
  }
  // The service log failing (stderr on a full disk) does not stop the engine taking commands, so it stays UP;
  // its details say how many writes failed, for monitoring to alert on.
  components.serviceLog = { status: 'UP', details: { ...serviceLogWriteHealth() } };
  const lag = history?.();
  if (lag) {
    // A failed history write is DOWN at once (searches answer 503 until the exporter resumes by itself).
    components.history = { status: lag.lagMs <= maxHistoryLagMs && !lag.failure ? 'UP' : 'DOWN', details: { ...lag, maxLagMs: maxHistoryLagMs } };
  }
  const status = Object.values(components).every((component) => component.status === 'UP') ? 'UP' : 'DOWN';
  return { status, components };
}

/** Liveness answers UP whenever it is asked: being able to answer is the check. */
export function liveness(): HealthReport {
  return { status: 'UP' };
}
