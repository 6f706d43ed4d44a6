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
  /**
   * Runs `hook` when the REST gateway closes, after the server has stopped taking requests (and before the
   * engine server closes history): where a route module closes what it opened, e.g. the apps' SQLite files.
   */
  readonly onClose?: (hook: () => void | Promise<void>) => void;
}
