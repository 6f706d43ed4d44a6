import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import type { GatewayContext } from '../context';
import { requireKey } from '../convert';
import { unary } from '../unary';

/** ResolveIncident: the element the incident blocks is retried (its job re-activatable when retries > 0). */
export function incidentHandlers(gateway: GatewayContext): UntypedServiceImplementation {
  const { engine } = gateway;
  return {
    ResolveIncident: unary(gateway, 'ResolveIncident', 'RESOLVE', async (request: { incidentKey: string }, ctx) => {
      await engine.resolveIncident(requireKey(request.incidentKey, 'incidentKey'), ctx);
      return {};
    }),
  };
}
