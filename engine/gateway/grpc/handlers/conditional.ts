/**
 * Camunda 8.9's `EvaluateConditional` RPC: evaluates root-level conditional start events (of a tenant, or of one
 * process definition) against the variables and answers the instances it started, as
 * `POST /v2/conditionals/evaluation` does over REST (the same CONDITIONAL_EVALUATION EVALUATE command).
 */
import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import { ConditionalEvaluationIntent, ValueType } from '../../../protocol';
import type { GatewayContext } from '../context';
import { optionalKey, parseVariablesOrEmpty, resolveTenant } from '../convert';
import { unary } from '../unary';

interface EvaluateConditionalMessage {
  tenantId: string;
  processDefinitionKey?: string;
  variables: string;
}

interface Evaluated {
  conditionalEvaluationKey: string;
  tenantId: string;
  processInstances: { processDefinitionKey: string; processInstanceKey: string }[];
}

/** The conditional evaluation RPC of a gateway. */
export function conditionalHandlers(gateway: GatewayContext): UntypedServiceImplementation {
  return {
    EvaluateConditional: unary(gateway, 'EvaluateConditional', 'EVALUATE', async (request: EvaluateConditionalMessage, ctx) => {
      const processDefinitionKey = optionalKey(request.processDefinitionKey, 'processDefinitionKey');
      const value = {
        ...(processDefinitionKey ? { processDefinitionKey } : {}),
        tenantId: resolveTenant(request.tenantId, 'EvaluateConditional'),
        variables: parseVariablesOrEmpty(request.variables),
      };
      const evaluated = await gateway.engine.submitCommand<Evaluated>(
        { key: '-1', valueType: ValueType.CONDITIONAL_EVALUATION, intent: ConditionalEvaluationIntent.EVALUATE, value },
        ctx,
      );
      return evaluated;
    }),
  };
}
