import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import type { GatewayContext } from '../context';
import { int64ToNumber, optionalString, parseVariablesDocument, resolveTenant } from '../convert';
import { unary } from '../unary';

/** PublishMessage: buffered for its TTL, de-duplicated by `messageId`, correlated by its key. */
export function messageHandlers(gateway: GatewayContext): UntypedServiceImplementation {
  const { engine } = gateway;
  return {
    PublishMessage: unary(
      gateway,
      'PublishMessage',
      'PUBLISH',
      async (
        request: {
          name: string;
          correlationKey: string;
          timeToLive: string;
          messageId: string;
          variables: string;
          tenantId: string;
        },
        ctx,
      ) =>
        engine.publishMessage(
          {
            name: request.name,
            correlationKey: request.correlationKey,
            timeToLiveMs: int64ToNumber(request.timeToLive, 'timeToLive'),
            messageId: optionalString(request.messageId),
            variables: parseVariablesDocument(request.variables),
            tenantId: resolveTenant(request.tenantId, 'PublishMessage'),
          },
          ctx,
        ),
    ),
  };
}
