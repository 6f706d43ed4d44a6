import express from 'express';
import { createServer } from 'node:http';
import type { EngineApi } from '../api';
import { clockActuatorRoutes } from './clock-actuator';
import { liveness, readiness, type HealthReport, type HistoryLagSource } from './health';
import { EngineMetrics } from './metrics';

/** Options for {@link startManagementServer}. */
export interface ManagementServerOptions {
  engine: EngineApi;
  host: string;
  /** Camunda's management port is 9600; 0 picks a free one. */
  port: number;
  history?: HistoryLagSource;
}

/** The running management server. */
export interface ManagementServer {
  readonly url: string;
  close(): Promise<void>;
}

function answer(response: express.Response, report: HealthReport): void {
  response.status(report.status === 'UP' ? 200 : 503).json(report);
}

/**
 * Camunda's management endpoints on their own port (so monitoring needs no API credentials and never
 * competes with clients): `/actuator/health` (and `/liveness`, `/readiness`), `/actuator/prometheus`, and
 * Zeebe's `/actuator/clock` (moving time only on a controlled clock, for Camunda Process Test's REMOTE mode).
 * They carry no case data, only counts, so they need no authentication; bind them where monitoring reaches.
 */
export async function startManagementServer(options: ManagementServerOptions): Promise<ManagementServer> {
  const metrics = new EngineMetrics(options.engine, options.history);
  const app = express();
  app.disable('x-powered-by');
  app.get('/actuator/health', (_request, response) => answer(response, readiness(options.engine, options.history)));
  app.get('/actuator/health/readiness', (_request, response) => answer(response, readiness(options.engine, options.history)));
  app.get('/actuator/health/liveness', (_request, response) => answer(response, liveness()));
  app.get('/actuator/prometheus', async (_request, response) => {
    response.setHeader('Content-Type', metrics.contentType);
    response.send(await metrics.text());
  });
  app.use(clockActuatorRoutes(options.engine.clock));
  // Not app.listen: Express 5 calls its callback on a bind error too.
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => {
    metrics.close();
    throw error;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        metrics.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
