import type { EngineApi } from '../../api';

/** What every REST route module is given. */
export interface RestRouteContext {
  readonly engine: EngineApi;
  /** The broker address reported by `/v2/topology` (the gRPC endpoint clients use). */
  readonly brokerEndpoint: () => { host: string; port: number };
}
