import { Router } from 'express';
import { GATEWAY_VERSION } from '../../grpc/handlers/topology';
import type { RestRouteContext } from '../context';

/** `GET /v2/topology`: the one broker leading the one partition, as Camunda 8's REST API describes it. */
export function topologyRoutes(context: RestRouteContext): Router {
  const router = Router();
  router.get('/topology', (_request, response) => {
    const { host, port } = context.brokerEndpoint();
    response.json({
      brokers: [
        {
          nodeId: 0,
          host,
          port,
          partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }],
          version: GATEWAY_VERSION,
        },
      ],
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: GATEWAY_VERSION,
      lastCompletedChangeId: '-1',
    });
  });
  return router;
}
