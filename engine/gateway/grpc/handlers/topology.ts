import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import type { GatewayContext } from '../context';
import { unary } from '../unary';

/** The Camunda version whose gateway protocol we serve; clients log it and some gate features on it. */
export const GATEWAY_VERSION = '8.8.0';

/** Topology: one broker that leads the one partition, healthy — the embedded engine is the whole cluster. */
export function topologyHandlers(gateway: GatewayContext): UntypedServiceImplementation {
  return {
    Topology: unary(gateway, 'Topology', 'TOPOLOGY', async () => {
      const { host, port } = gateway.endpoint();
      return {
        brokers: [
          {
            nodeId: 0,
            host,
            port,
            partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }],
            version: GATEWAY_VERSION,
          },
        ],
        clusterSize: 1,
        partitionsCount: 1,
        replicationFactor: 1,
        gatewayVersion: GATEWAY_VERSION,
      };
    }),
  };
}
