import type { EngineApi } from '../../api';
import type { History } from '../../history';
import type { RestAuthOptions } from './authentication';

/** What every REST route module is given. */
export interface RestRouteContext {
  readonly engine: EngineApi;
  /** The broker address reported by `/v2/topology` (the gRPC endpoint clients use). */
  readonly brokerEndpoint: () => { host: string; port: number };
  /** Who may call (issue 4); absent = `--auth none`. */
  readonly auth?: RestAuthOptions;
  /** The history store searches read (absent with `--no-history`). */
  readonly history?: History;
}
