import * as grpc from '@grpc/grpc-js';
import { loadGatewayService } from '../../engine/gateway/grpc/proto';

/** One row of the REST table in docs/camunda-compatibility.md. */
export interface RestRow {
  area: string;
  since: string;
  method: string;
  path: string;
  served: boolean;
}

/** One row of the gRPC table. */
export interface GrpcRow {
  rpc: string;
  served: boolean;
}

const REST_ROW = /^\| (.+?) \| (8\.\d+) \| `(GET|POST|PUT|PATCH|DELETE) (\/[^`]*)` \| (served|not served) \|$/;
const GRPC_ROW = /^\| `(\w+)` \| (served|not served) \|$/;

/** The rows of both tables of the compatibility page. */
export function readCompatibilityPage(markdown: string): { rest: RestRow[]; grpc: GrpcRow[] } {
  const rest: RestRow[] = [];
  const grpcRows: GrpcRow[] = [];
  for (const line of markdown.split('\n')) {
    const r = REST_ROW.exec(line);
    if (r) rest.push({ area: r[1], since: r[2], method: r[3], path: r[4], served: r[5] === 'served' });
    const g = GRPC_ROW.exec(line);
    if (g) grpcRows.push({ rpc: g[1], served: g[2] === 'served' });
  }
  return { rest, grpc: grpcRows };
}

/** A key-shaped value for every path parameter: the route answers about a missing entity, if it exists. */
function concretePath(path: string): string {
  return path.replace(/\{[^}]+\}/g, '2251799813685249');
}

/**
 * Whether the REST gateway has a route for the operation: anything but its catch-all 404 ("… is not one")
 * means a route took the request (a 400 for the empty body, a 404 for the missing entity, a 200).
 */
export async function restServes(baseUrl: string, method: string, path: string): Promise<boolean> {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
  // An empty object is wrong for nearly every command, so routes answer quickly and change nothing.
  if (method !== 'GET') init.body = JSON.stringify(method === 'POST' && path.endsWith('/jobs/activation') ? { requestTimeout: -1 } : {});
  const response = await fetch(`${baseUrl}/v2${concretePath(path)}`, init);
  const text = await response.text();
  return !(response.status === 404 && text.includes('is not one'));
}

/** The RPCs of Zeebe's Gateway service the engine serves the proto of: the official SDK's zeebe.proto and Camunda's newer RPCs. */
export function gatewayRpcs(): string[] {
  return Object.keys(loadGatewayService());
}

/** Whether the gRPC gateway implements an RPC: any answer but UNIMPLEMENTED to an empty request. */
export function grpcServes(address: string, rpc: string): Promise<boolean> {
  const service = loadGatewayService();
  const Client = grpc.makeGenericClientConstructor(service, 'Gateway');
  const client = new Client(address, grpc.credentials.createInsecure()) as unknown as Record<string, (...args: unknown[]) => unknown>;
  const name = rpc;
  const deadline = { deadline: Date.now() + 3_000 };
  return new Promise((resolve) => {
    const done = (code: number | undefined) => {
      client.close?.();
      resolve(code !== grpc.status.UNIMPLEMENTED);
    };
    const definition = service[name];
    if (definition.responseStream) {
      const stream = (client[name] as (request: unknown, metadata: grpc.Metadata, options: unknown) => grpc.ClientReadableStream<unknown>)({}, new grpc.Metadata(), deadline);
      stream.on('error', (error: grpc.ServiceError) => done(error.code));
      stream.on('data', () => {
        stream.cancel();
        done(grpc.status.OK);
      });
      stream.on('end', () => done(grpc.status.OK));
      return;
    }
    (client[name] as (request: unknown, metadata: grpc.Metadata, options: unknown, callback: (error: grpc.ServiceError | null) => void) => void)(
      {},
      new grpc.Metadata(),
      deadline,
      (error) => done(error?.code ?? grpc.status.OK),
    );
  });
}
