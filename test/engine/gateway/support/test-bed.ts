import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { ZBClient } from 'zeebe-node';
import type { EngineRecord } from '../../../../engine/api';
import type { GrpcAuthenticator } from '../../../../engine/gateway/grpc';
import { startEngineServer, type EngineServer } from '../../../../engine/server';
import { firstRecord } from '../../../support/first-record';

/** The SDK's gRPC client type. */
export type SdkZeebeClient = ReturnType<Camunda8['getZeebeGrpcApiClient']>;

/**
 * A real engine served on free ports in this process, plus the official clients pointed at it. Every
 * client handed out is closed by {@link GatewayTestBed.close}, so no test leaks a channel.
 */
export interface GatewayTestBed {
  readonly server: EngineServer;
  /** A fresh `@camunda8/sdk` gRPC client (no auth, no TLS, silent). */
  sdk(overrides?: Record<string, unknown>): SdkZeebeClient;
  /** A fresh `zeebe-node` client (no TLS, silent, no retries so errors surface). */
  zeebeNode(): ZBClient;
  /** Resolves with the first committed record (past or future) that matches. */
  record(predicate: (record: EngineRecord) => boolean): Promise<EngineRecord>;
  /** Every committed record so far that matches. */
  records(predicate: (record: EngineRecord) => boolean): EngineRecord[];
  close(): Promise<void>;
}

/**
 * The SDK's stream worker prints every stream error with a bare `console.error`, including the CANCELLED
 * its own `close()` causes; that one is expected, so it is kept out of the test output (nothing else is).
 */
function muteOwnStreamCancellations(): () => void {
  const original = console.error;
  console.error = (...args: unknown[]) => {
    const first = args[0] as { code?: number; details?: string } | undefined;
    if (args.length === 1 && first?.code === 1 && first.details === 'Cancelled on client') return;
    original(...args);
  };
  return () => {
    console.error = original;
  };
}

export async function startGatewayTestBed(
  options: { clock?: 'system' | 'controlled'; authenticateGrpc?: GrpcAuthenticator } = {},
): Promise<GatewayTestBed> {
  const dataDir = await mkdtemp(join(tmpdir(), 'onego-gateway-'));
  const server = await startEngineServer({
    grpcPort: 0,
    restPort: 0,
    dataDir,
    clock: options.clock ?? 'system',
    authenticateGrpc: options.authenticateGrpc,
  });
  const closers: (() => Promise<unknown>)[] = [];
  const unmute = muteOwnStreamCancellations();
  const [host, port] = server.grpcAddress.split(':');

  return {
    server,
    sdk(overrides = {}) {
      const camunda = new Camunda8({
        ZEEBE_GRPC_ADDRESS: `grpc://${host}:${port}`,
        ZEEBE_REST_ADDRESS: server.restUrl,
        CAMUNDA_AUTH_STRATEGY: 'NONE',
        CAMUNDA_LOG_LEVEL: 'none',
        ...overrides,
        zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ...(overrides.zeebeGrpcSettings as object | undefined) },
      } as never);
      const client = camunda.getZeebeGrpcApiClient();
      closers.push(() => client.close());
      return client;
    },
    zeebeNode() {
      const client = new ZBClient(`${host}:${port}`, { useTLS: false, loglevel: 'NONE', retry: false });
      closers.push(() => client.close());
      return client;
    },
    records(predicate) {
      return server.engine.readRecords(0).filter(predicate);
    },
    record(predicate) {
      return firstRecord(server.engine, predicate);
    },
    async close() {
      await Promise.allSettled(closers.map((close) => close()));
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
      unmute();
    },
  };
}

/** The record that says a process instance ended (its PROCESS element completed). */
export function processInstanceCompleted(processInstanceKey: string) {
  return (record: EngineRecord) =>
    record.valueType === 'PROCESS_INSTANCE' &&
    record.intent === 'ELEMENT_COMPLETED' &&
    record.key === processInstanceKey &&
    record.value.bpmnElementType === 'PROCESS';
}

/** The record that says an element of an instance was activated. */
export function elementActivated(processInstanceKey: string, elementId: string) {
  return (record: EngineRecord) =>
    record.valueType === 'PROCESS_INSTANCE' &&
    record.intent === 'ELEMENT_ACTIVATED' &&
    record.value.processInstanceKey === processInstanceKey &&
    record.value.elementId === elementId;
}
