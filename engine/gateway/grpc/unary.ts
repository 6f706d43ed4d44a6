import type { handleUnaryCall, sendUnaryData, ServerUnaryCall, ServiceError } from '@grpc/grpc-js';
import type { CommandContext } from '../../api';
import { DocumentByteBudget } from '../document-byte-budget';
import type { GatewayContext } from './context';
import { askForUncompressedRequests } from './identity-encoding';
import { toServiceError } from './errors';

/** Each gateway's per-caller document byte budget (document-byte-budget.ts). */
const budgets = new WeakMap<GatewayContext, DocumentByteBudget>();

function budgetOf(gateway: GatewayContext): DocumentByteBudget {
  let budget = budgets.get(gateway);
  if (!budget) budgets.set(gateway, (budget = new DocumentByteBudget()));
  return budget;
}

/**
 * Adapt an async handler to grpc-js: authenticate, run, answer once; every failure becomes the status code
 * Zeebe's gateway would send, worded with the command's intent (e.g. 'COMPLETE').
 */
export function unary<Request, Response>(
  gateway: GatewayContext,
  rpc: string,
  commandIntent: string,
  handle: (request: Request, ctx: CommandContext) => Promise<Response>,
): handleUnaryCall<Request, Response> {
  return (call: ServerUnaryCall<Request, Response>, callback: sendUnaryData<Response>) => {
    void (async () => {
      const ctx = await gateway.authenticate(call.metadata, rpc);
      // A signed-in caller's variables document is charged to its byte budget before it is parsed (its length
      // in characters stands for its bytes: counting them exactly would cost another pass).
      const document = (call.request as { variables?: unknown }).variables;
      if (ctx.actor !== undefined && typeof document === 'string') budgetOf(gateway).takeOrRefuse(ctx.actor, document.length);
      return handle(call.request, ctx);
    })().then(
      (response) => {
        askForUncompressedRequests(call);
        callback(null, response);
      },
      (error: unknown) => callback(toServiceError(error, commandIntent) as ServiceError),
    );
  };
}
