import * as grpc from '@grpc/grpc-js';
import type { EngineApi } from '../../api';
import { allowAnonymous, type GrpcAuthenticator } from './authentication';
import type { GatewayContext } from './context';
import {
  conditionalHandlers,
  decisionHandlers,
  deploymentHandlers,
  incidentHandlers,
  jobHandlers,
  messageHandlers,
  processInstanceHandlers,
  signalHandlers,
  topologyHandlers,
  variablesHandlers,
} from './handlers';
import { JobLongPolling } from './job-long-polling';
import { JobStreaming } from './job-streaming';
import { loadGatewayService } from './proto';
import { CallerAdmission } from '../admission/caller-admission';

export interface GrpcGatewayOptions {
  engine: EngineApi;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** 0 picks a free port; default 26500 (Zeebe's, so clients need no configuration). */
  port?: number;
  /** Who a call is from; default {@link allowAnonymous}. */
  authenticate?: GrpcAuthenticator;
  /** Per-caller limits of unary calls, shared with the REST gateway so a caller has one share (default: from the environment). */
  admission?: CallerAdmission;
}

export interface GrpcGateway {
  /** `host:port` as clients dial it, e.g. "127.0.0.1:26500". */
  readonly address: string;
  readonly port: number;
  /** Answer parked job polls, end job streams, then stop the server. */
  close(): Promise<void>;
}

/** Received payloads up to this size; a 50 MB deployment is refused by gRPC itself with RESOURCE_EXHAUSTED. */
const MAX_RECEIVE_MESSAGE_BYTES = 4 * 1024 * 1024;

/** Start serving `gateway_protocol.Gateway` for `engine`; resolves once the port is bound. */
export async function startGrpcGateway(options: GrpcGatewayOptions): Promise<GrpcGateway> {
  const host = options.host ?? '127.0.0.1';
  let boundPort = 0;
  const gateway: GatewayContext = {
    engine: options.engine,
    authenticate: options.authenticate ?? allowAnonymous,
    endpoint: () => ({ host, port: boundPort }),
    admission: options.admission ?? new CallerAdmission(),
  };
  const longPolling = new JobLongPolling(options.engine);
  const streaming = new JobStreaming(options.engine);

  const server = new grpc.Server({ 'grpc.max_receive_message_length': MAX_RECEIVE_MESSAGE_BYTES });
  server.addService(loadGatewayService(), {
    ...topologyHandlers(gateway),
    ...deploymentHandlers(gateway),
    ...processInstanceHandlers(gateway),
    ...jobHandlers(gateway),
    ...messageHandlers(gateway),
    ...signalHandlers(gateway),
    ...variablesHandlers(gateway),
    ...incidentHandlers(gateway),
    ...decisionHandlers(gateway),
    ...conditionalHandlers(gateway),
    ActivateJobs: longPolling.handler(gateway),
    StreamActivatedJobs: streaming.handler(gateway),
  });

  try {
    boundPort = await new Promise<number>((resolve, reject) => {
      server.bindAsync(`${host}:${options.port ?? 26500}`, grpc.ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      );
    });
  } catch (error) {
    longPolling.close();
    streaming.close();
    server.forceShutdown();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    address: `${host}:${boundPort}`,
    port: boundPort,
    close() {
      closing ??= (async () => {
        longPolling.close();
        streaming.close();
        await new Promise<void>((resolve) => {
          // Unary calls in flight get a moment to finish; anything still open after that is cut.
          const cutOff = setTimeout(() => server.forceShutdown(), 2_000);
          server.tryShutdown(() => {
            clearTimeout(cutOff);
            resolve();
          });
        });
      })();
      return closing;
    },
  };
}
