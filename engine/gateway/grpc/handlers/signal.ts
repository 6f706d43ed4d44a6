import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import type { GatewayContext } from '../context';
import { parseVariablesDocument, resolveTenant } from '../convert';
import { invalidArgument } from '../errors';
import { unary } from '../unary';

/** BroadcastSignal: every signal catch event and signal start event waiting on the name is triggered. */
export function signalHandlers(gateway: GatewayContext): UntypedServiceImplementation {
  const { engine } = gateway;
  return {
    BroadcastSignal: unary(
      gateway,
      'BroadcastSignal',
      'BROADCAST',
      async (request: { signalName: string; variables: string; tenantId: string }, ctx) => {
        if (!request.signalName) throw invalidArgument(`Expected to broadcast a signal with a name, but the name was empty`);
        return engine.broadcastSignal(
          request.signalName,
          parseVariablesDocument(request.variables),
          resolveTenant(request.tenantId, 'BroadcastSignal'),
          ctx,
        );
      },
    ),
  };
}
