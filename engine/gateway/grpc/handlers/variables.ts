import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import type { GatewayContext } from '../context';
import { optionalString, parseVariablesOrEmpty, requireKey } from '../convert';
import { unary } from '../unary';

/** SetVariables on a scope: locally, or propagated to the nearest scope that already has each variable. */
export function variablesHandlers(gateway: GatewayContext): UntypedServiceImplementation {
  const { engine } = gateway;
  return {
    SetVariables: unary(
      gateway,
      'SetVariables',
      'UPDATE',
      async (request: { elementInstanceKey: string; variables: string; local: boolean; operationReference?: string }, ctx) =>
        engine.setVariables(
          {
            elementInstanceKey: requireKey(request.elementInstanceKey, 'elementInstanceKey'),
            variables: parseVariablesOrEmpty(request.variables),
            local: request.local,
            operationReference: optionalString(request.operationReference),
          },
          ctx,
        ),
    ),
  };
}
