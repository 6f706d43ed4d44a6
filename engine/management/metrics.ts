import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EngineApi } from '../api';
import type { HistoryLagSource } from './health';
import { serviceLogWriteHealth } from '../logging/service-log';

/** Job record intents counted as `zeebe_job_events_total` actions (Zeebe's names, lower case). */
const JOB_ACTIONS: Record<string, string> = {
  CREATED: 'created',
  COMPLETED: 'completed',
  FAILED: 'failed',
  TIMED_OUT: 'timed out',
  ERROR_THROWN: 'error thrown',
  RETRIES_UPDATED: 'retries updated',
  CANCELED: 'canceled',
  YIELDED: 'yielded',
};

/**
 * The engine's Prometheus metrics, under Zeebe's names where Zeebe has them (so a city's existing Zeebe
 * dashboards read them): records processed and written, job events by action and type, plus the commit
 * latency of the durable log, open process instances, the exporter's lag and the process's own memory and CPU.
 * Counters are fed by the engine's committed batches; gauges are read when Prometheus scrapes.
 */
export class EngineMetrics {
  readonly registry = new Registry();
  private readonly unsubscribe: () => void;

  constructor(engine: EngineApi, history?: HistoryLagSource) {
    collectDefaultMetrics({ register: this.registry });
    const records = new Counter({
      name: 'zeebe_stream_processor_records_total',
      help: 'Records processed (commands) and written (all records) by the stream processor',
      labelNames: ['action', 'partition'],
      registers: [this.registry],
    });
    const jobs = new Counter({ name: 'zeebe_job_events_total', help: 'Job events by action and job type', labelNames: ['action', 'partition', 'type'], registers: [this.registry] });
    const commit = new Histogram({
      name: 'onego_log_commit_latency_seconds',
      help: 'Time from handing a batch to the log writer until it is durable (fsync)',
      buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    new Gauge({
      name: 'onego_process_instances_open',
      help: 'Process instances running now (live state)',
      registers: [this.registry],
      collect() {
        this.set(engine.openProcessInstanceCount());
      },
    });
    new Gauge({
      name: 'onego_engine_up',
      help: '1 while the engine takes commands and can write its log, 0 otherwise',
      registers: [this.registry],
      collect() {
        this.set(engine.health().up ? 1 : 0);
      },
    });
    let countedLogFailures = 0;
    new Counter({
      name: 'onego_service_log_write_failures_total',
      help: 'Service log writes (stderr, the log file) that failed since the process started; the engine goes on',
      registers: [this.registry],
      collect() {
        // The failures are counted where they happen (the log has no registry); the counter catches up on scrape.
        const failures = serviceLogWriteHealth().writeFailures;
        if (failures > countedLogFailures) this.inc(failures - countedLogFailures);
        countedLogFailures = failures;
      },
    });
    if (engine.diskSpace?.()) {
      new Gauge({
        name: 'onego_disk_free_bytes',
        help: 'Free bytes under the data folder at the last check; below onego_disk_free_watermark_bytes commands are refused',
        registers: [this.registry],
        collect() {
          const disk = engine.diskSpace?.();
          if (disk?.freeBytes !== undefined) this.set(disk.freeBytes);
        },
      });
      new Gauge({
        name: 'onego_disk_free_watermark_bytes',
        help: 'The free-space watermark of the data folder (ONEGO_DISK_FREE_PROCESSING)',
        registers: [this.registry],
        collect() {
          const disk = engine.diskSpace?.();
          if (disk) this.set(disk.thresholdBytes);
        },
      });
    }
    if (history) {
      new Gauge({
        name: 'onego_exporter_lag_records',
        help: 'Committed records the history exporter has not written yet',
        registers: [this.registry],
        collect() {
          const lag = history();
          if (lag) this.set(lag.lagRecords);
        },
      });
      new Gauge({
        name: 'onego_exporter_lag_seconds',
        help: 'Age of the oldest committed record the history exporter has not written yet',
        registers: [this.registry],
        collect() {
          const lag = history();
          if (lag) this.set(lag.lagMs / 1000);
        },
      });
    }
    this.unsubscribe = engine.onBatch((batch) => {
      records.inc({ action: 'processed', partition: '1' }, batch.commands);
      records.inc({ action: 'written', partition: '1' }, batch.records.length);
      commit.observe(batch.commitMs / 1000);
      for (const record of batch.records) {
        if (record.recordType !== 'EVENT') continue;
        if (record.valueType === 'JOB_BATCH' && record.intent === 'ACTIVATED') {
          const value = record.value as { type?: string; jobKeys?: unknown[] };
          jobs.inc({ action: 'activated', partition: '1', type: String(value.type ?? '') }, value.jobKeys?.length ?? 0);
        } else if (record.valueType === 'JOB' && JOB_ACTIONS[record.intent]) {
          jobs.inc({ action: JOB_ACTIONS[record.intent], partition: '1', type: String((record.value as { type?: string }).type ?? '') });
        }
      }
    });
  }

  /** The Prometheus text exposition of every metric. */
  async text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  close(): void {
    this.unsubscribe();
    this.registry.clear();
  }
}
