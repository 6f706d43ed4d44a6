import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from 'express';
import type { EngineApi } from '../../api';
import type { History } from '../../history';
import { createRestApp } from './app';
import type { RestAuthOptions } from './authentication';
import type { RestRouteContext } from './context';
import { CallerAdmission } from '../admission/caller-admission';
import { restFrontDoor } from '../admission/rest-front-door';
import { MAX_JSON_BODY_BYTES } from './app';

export interface RestGatewayOptions {
  engine: EngineApi;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** 0 picks a free port; default 8080 (Camunda's). */
  port?: number;
  /** The gRPC endpoint `/v2/topology` reports. */
  brokerEndpoint?: () => { host: string; port: number };
  /** More route modules (issue 4: the rest of /v2, authentication). */
  extraRoutes?: ((context: RestRouteContext) => Router)[];
  /** Authentication (issue 4); absent = `--auth none`. */
  auth?: RestAuthOptions;
  /** Routers mounted at the root, outside `/v2` (the browser apps). */
  appRoutes?: Router[];
  /** The history store every search reads; absent = `--no-history` (searches answer 503). */
  history?: History;
  /** Per-caller limits, shared with the gRPC gateway so a caller has one share (default: from the environment). */
  admission?: CallerAdmission;
}

export interface RestGateway {
  /** Base URL, e.g. "http://127.0.0.1:8080". */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serve the REST API v2 app over HTTP; resolves once listening. */
export async function startRestGateway(options: RestGatewayOptions): Promise<RestGateway> {
  const host = options.host ?? '127.0.0.1';
  // What route modules opened (the apps' SQLite files) is closed with the gateway.
  const closeHooks: (() => void | Promise<void>)[] = [];
  const app = createRestApp(
    {
      engine: options.engine,
      brokerEndpoint: options.brokerEndpoint ?? (() => ({ host, port: 26500 })),
      auth: options.auth,
      history: options.history,
      onClose: (hook) => closeHooks.push(hook),
    },
    options.extraRoutes,
    options.appRoutes,
  );
  // The front door answers a flood's refusals before Express runs, and gives each caller its share (issue 13).
  const server: Server = createServer(
    restFrontDoor(app, {
      admission: options.admission ?? new CallerAdmission(),
      authMode: options.auth?.mode ?? 'none',
      sessions: options.auth?.sessions,
      onDenied: options.auth?.onDenied,
      loginThrottle: options.auth?.loginThrottle,
      maxJsonBodyBytes: MAX_JSON_BODY_BYTES,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(async () => {
        for (const hook of closeHooks) await Promise.resolve().then(hook).catch(() => undefined);
      });
      return closing;
    },
  };
}
