import { join } from 'node:path';
import type { EngineApi } from './api';
import { startGrpcGateway, type GrpcAuthenticator } from './gateway/grpc';
import { startRestGateway, type RestRouteContext } from './gateway/rest';
import { CallerAdmission } from './gateway/admission/caller-admission';
import type { RestAuthOptions } from './gateway/rest/authentication';
import type { Router } from 'express';
import { History } from './history';
import { createEngine, type EngineOptions } from './index';
import { startManagementServer, type ManagementServer } from './management/management-server';
import type { HistoryLagSource } from './management/health';
import { LogRetention, type LogRetentionOptions } from './retention';
import { engineServiceLog } from './logging/service-log';
import { RefusalAuditTable } from './identity/refusal-audit';
import type { RefusalEntry } from './identity/refusal-log';
import { attachHistoryReaders } from './gateway/rest/history-readers/history-reads';
import { defaultReaderCount, HistoryReaderPool } from './gateway/rest/history-readers/reader-pool';

export interface EngineServerOptions {
  /** 0 picks a free port. Default 26500. */
  grpcPort?: number;
  /** 0 picks a free port. Default 8080. */
  restPort?: number;
  /** Interface both gateways bind to. Default 127.0.0.1. */
  host?: string;
  /** Where the record log lives. */
  dataDir?: string;
  /** `controlled` lets tests and `PUT /v2/clock` move engine time. Default `system`. */
  clock?: 'system' | 'controlled';
  /** When to snapshot live state (see {@link EngineOptions.snapshot}). */
  snapshot?: EngineOptions['snapshot'];
  /** Ignore snapshots and replay the whole log on start. */
  replayAll?: boolean;
  /** Who a gRPC call is from (issue 4 plugs identity in here). Default: anonymous. */
  authenticateGrpc?: GrpcAuthenticator;
  /** More REST route modules mounted under /v2 before the built-in ones (issue 4: the rest of /v2, auth). */
  restRoutes?: ((context: RestRouteContext) => Router)[];
  /** REST authentication (issue 4: Basic / session cookie). Default: `--auth none`. */
  restAuth?: RestAuthOptions;
  /** Routers mounted at the REST port's root, outside `/v2` (the task list and audit apps). */
  appRoutes?: Router[];
  /**
   * Port of the management endpoints (`/actuator/health`, `/actuator/prometheus`; Camunda's default 9600,
   * 0 picks one). Absent: none. If the port is taken, the engine runs without them and says so once.
   */
  managementPort?: number;
  /** How far history is behind, for health and metrics (default: the history store's own exporter). */
  historyLag?: HistoryLagSource;
  /** Run the history exporter (default true); without it, searches answer 503 (`onego engine --no-history`). */
  history?: boolean;
  /** What happens to records below the snapshot and exported positions (`--log-retention`; default keep). */
  logRetention?: LogRetentionOptions;
  /** The data folder's free-space watermark (`--disk-free-processing`; default `ONEGO_DISK_FREE_PROCESSING`, 1 GiB). */
  diskWatermark?: EngineOptions['diskWatermark'];
}

export interface EngineServer {
  readonly engine: EngineApi;
  /** `host:port` for gRPC clients, e.g. "127.0.0.1:26500". */
  readonly grpcAddress: string;
  /** Base URL of the REST API, e.g. "http://127.0.0.1:8080". */
  readonly restUrl: string;
  /** Base URL of the management endpoints, when they run. */
  readonly managementUrl?: string;
  /** Log retention, when `logRetention.mode` is `archive` and history runs. */
  readonly retention?: LogRetention;
  /** Stop both gateways, then the engine (which finishes its batch and closes the log). */
  close(): Promise<void>;
}

/**
 * The engine with both gateways in front of it: what `onego engine` runs and what conformance tests start
 * in-process (port 0). If a port cannot be bound, everything already started is stopped again.
 */
export async function startEngineServer(options: EngineServerOptions = {}): Promise<EngineServer> {
  const host = options.host ?? '127.0.0.1';
  // With an identity file, the engine checks Camunda's resource permissions inside each command (issue 13).
  const permissions = options.restAuth?.directory?.processPermissions();
  const engine = await createEngine({ dataDir: options.dataDir, clock: options.clock ?? 'system', snapshot: options.snapshot, replayAll: options.replayAll, permissions, diskWatermark: options.diskWatermark });
  // Refusals go to a rotated security log in the data folder, never into the command log (issue 13).
  const refusals = options.restAuth?.keepRefusalsIn?.(engine.dataDir);
  const started: { close(): Promise<void> }[] = [];
  let refusalAudit: RefusalAuditTable | undefined;
  let readers: HistoryReaderPool | undefined;
  let historyStarting: Promise<History> | undefined;
  try {
    // The exporter thread starts (loads its code, opens the history store) while this thread loads and binds the
    // gRPC gateway, which needs no history: after a restart the two waits overlap instead of adding up (issue 9).
    // Commands taken meanwhile are exported as any others, from the log.
    historyStarting = options.history === false ? undefined : History.start({ dataDir: engine.dataDir, engine });
    historyStarting?.catch(() => undefined); // awaited below, where a failure is thrown
    // Refusals flushed while history starts wait here for its audit table, so none misses its FAIL row.
    const refusalsBeforeAudit: (readonly RefusalEntry[])[] = [];
    let auditOpening = historyStarting !== undefined;
    if (historyStarting) {
      refusals?.forwardTo((entries) => {
        if (refusalAudit) refusalAudit.append(entries);
        else if (auditOpening) refusalsBeforeAudit.push(entries);
      });
    }
    // One share per caller over both gateways (issue 13).
    const admission = new CallerAdmission();
    const grpc = await startGrpcGateway({
      engine,
      host,
      port: options.grpcPort ?? 26500,
      authenticate: options.authenticateGrpc,
      admission,
    });
    started.push(grpc);
    const history = await historyStarting;
    if (history) started.push(history);
    // Refusals also become FAIL rows of the history store's audit log, beside the operations (issue 13).
    try {
      refusalAudit = history ? RefusalAuditTable.open(engine.dataDir) : undefined;
    } catch (error) {
      // The security log still keeps every refusal; only the audit-log rows are missing until a restart.
      engineServiceLog().warn(`拒绝记录不写入历史审计日志 / refusals will not reach the history audit log: ${(error as Error).message}`);
    }
    auditOpening = false;
    for (const entries of refusalsBeforeAudit.splice(0)) refusalAudit?.append(entries);
    // Searches and statistics run on reader threads with their own connections, never on the engine's (issue 13).
    // ONEGO_HISTORY_READERS=0 keeps them on the engine thread (for comparison in bench-search-isolation).
    const readerCount = defaultReaderCount();
    readers = history && readerCount > 0 ? new HistoryReaderPool(join(engine.dataDir, 'history.sqlite'), readerCount) : undefined;
    if (history && readers) attachHistoryReaders(history, readers);
    if (options.logRetention?.mode === 'archive' && !history) engineServiceLog().warn('[retention] --log-retention archive needs history (records must be exported first); keeping the whole log / 未启用历史库，日志不归档');
    const retention =
      options.logRetention?.mode === 'archive' && history
        ? new LogRetention(engine.dataDir, { snapshotPosition: () => engine.snapshotStatus()?.position, exportedPosition: () => history.exporter.position }, options.logRetention).start()
        : undefined;
    if (retention) started.push({ close: async () => retention.close() });
    const rest = await startRestGateway({
      engine,
      host,
      port: options.restPort ?? 8080,
      brokerEndpoint: () => ({ host, port: grpc.port }),
      extraRoutes: options.restRoutes,
      auth: options.restAuth,
      appRoutes: options.appRoutes,
      history,
      admission,
    });
    started.push(rest);
    let management: ManagementServer | undefined;
    if (options.managementPort !== undefined) {
      try {
        const lagOfHistory: HistoryLagSource | undefined = history && (() => history.status().exporter);
        management = await startManagementServer({ engine, host, port: options.managementPort, history: options.historyLag ?? lagOfHistory });
      } catch (error) {
        // Monitoring is worth a warning, not a refusal to serve the clients.
        engineServiceLog().warn(
          `管理端口 ${options.managementPort} 无法使用，健康检查和指标未启动 / management port ${options.managementPort} unavailable, health and metrics not served: ${(error as Error).message}`,
        );
      }
    }
    let closing: Promise<void> | undefined;
    return {
      engine,
      grpcAddress: grpc.address,
      restUrl: rest.url,
      managementUrl: management?.url,
      retention,
      close() {
        closing ??= (async () => {
          await Promise.all([grpc.close(), rest.close(), management?.close()]);
          retention?.close();
          refusals?.close();
          refusalAudit?.close();
          await readers?.close();
          await history?.close();
          await engine.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    // A history still starting when the gRPC gateway failed is not in `started` yet: close it once it is up.
    const history = await historyStarting?.catch(() => undefined);
    if (history && !started.includes(history)) started.push(history);
    await Promise.allSettled(started.map((gateway) => gateway.close()));
    refusals?.close();
    refusalAudit?.close();
    await readers?.close();
    await engine.close();
    throw error;
  }
}
