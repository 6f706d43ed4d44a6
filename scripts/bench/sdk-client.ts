import { Camunda8 } from '@camunda8/sdk';

/** The SDK's gRPC client, as the benchmarks use it. */
export type BenchZeebeClient = ReturnType<Camunda8['getZeebeGrpcApiClient']>;

/**
 * An `@camunda8/sdk` gRPC client for a local engine without authentication, quiet. `retry: false` makes a
 * call to a gateway that is not there fail at once instead of being retried by the SDK.
 */
export function benchZeebeClient(grpcAddress: string, options: { retry?: boolean } = {}): BenchZeebeClient {
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${grpcAddress}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ...(options.retry === false ? { ZEEBE_GRPC_CLIENT_RETRY: false } : {}) },
  } as never).getZeebeGrpcApiClient();
}
