import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import type { GatewayContext } from '../context';
import { optionalKey, optionalString, parseVariablesDocument, resolveTenant } from '../convert';
import { invalidArgument } from '../errors';
import { unary } from '../unary';

/** EvaluateDecision by key or by id (latest version); exactly one of the two must be given. */
export function decisionHandlers(gateway: GatewayContext): UntypedServiceImplementation {
  const { engine } = gateway;
  return {
    EvaluateDecision: unary(
      gateway,
      'EvaluateDecision',
      'EVALUATE',
      async (request: { decisionKey: string; decisionId: string; variables: string; tenantId: string }, ctx) => {
        const decisionKey = optionalKey(request.decisionKey, 'decisionKey');
        const decisionId = optionalString(request.decisionId);
        if (decisionKey && decisionId) {
          throw invalidArgument(`Expected either a decision id or a decision key, but both were given`);
        }
        if (!decisionKey && !decisionId) {
          throw invalidArgument(`Expected either a decision id or a valid decision key, but none provided`);
        }
        const result = await engine.evaluateDecision(
          {
            decisionKey,
            decisionId,
            variables: parseVariablesDocument(request.variables),
            tenantId: resolveTenant(request.tenantId, 'EvaluateDecision'),
          },
          ctx,
        );
        return result;
      },
    ),
  };
}
