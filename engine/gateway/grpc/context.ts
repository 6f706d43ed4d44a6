import type { EngineApi } from '../../api';
import type { GrpcAuthenticator } from './authentication';
import type { CallerAdmission } from '../admission/caller-admission';

/** What every RPC handler needs from the gateway that hosts it. */
export interface GatewayContext {
  readonly engine: EngineApi;
  readonly authenticate: GrpcAuthenticator;
  /** Where the gateway listens, for Topology; known only once the port is bound. */
  readonly endpoint: () => { host: string; port: number };
  /** Per-caller turns for unary calls (issue 13); absent: every call runs at once. */
  readonly admission?: CallerAdmission;
}
