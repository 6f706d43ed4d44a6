import { status, type handleUnaryCall, type sendUnaryData, type ServerUnaryCall, type ServiceError } from '@grpc/grpc-js';
import type { CommandContext } from '../../api';
import { DocumentByteBudget } from '../document-byte-budget';
import type { GatewayContext } from './context';
import { splitBigVariablesDocument } from './convert';
import { askForUncompressedRequests } from './identity-encoding';
import { GatewayError, toServiceError } from './errors';
import { addressOfPeer, callerOf } from '../admission/caller-identity';
import { overloadDetail } from '../admission/overload-refusal';

/** Each gateway's per-caller document byte budget (document-byte-budget.ts). */
const budgets = new WeakMap<GatewayContext, DocumentByteBudget>();

function budgetOf(gateway: GatewayContext): DocumentByteBudget {
  let budget = budgets.get(gateway);
  if (!budget) budgets.set(gateway, (budget = new DocumentByteBudget()));
  return budget;
}

/**
 * Outside the caller limits: job completions and failures drain work (Zeebe accepts them even under
 * backpressure), and a creation awaiting its result holds no thread while it waits (parked ones filling the
 * share would hold up the message or completion that ends them).
 */
const UNLIMITED_RPCS = new Set(['CompleteJob', 'FailJob', 'CreateProcessInstanceWithResult']);

/**
 * Adapt an async handler to grpc-js: take the caller's turn (see CallerAdmission), authenticate, run, answer
 * once; every failure becomes the status code Zeebe's gateway would send, worded with the command's intent
 * (e.g. 'COMPLETE').
 */
export function unary<Request, Response>(
  gateway: GatewayContext,
  rpc: string,
  commandIntent: string,
  handle: (request: Request, ctx: CommandContext) => Promise<Response>,
): handleUnaryCall<Request, Response> {
  return (call: ServerUnaryCall<Request, Response>, callback: sendUnaryData<Response>) => {
    const run = (release: () => void) => {
      void (async () => {
        const ctx = await gateway.authenticate(call.metadata, rpc);
        // A signed-in caller's variables document is charged to its byte budget before it is parsed (its
        // length in characters stands for its bytes: counting them exactly would cost another pass).
        const document = (call.request as { variables?: unknown }).variables;
        if (ctx.actor !== undefined && typeof document === 'string') budgetOf(gateway).takeOrRefuse(ctx.actor, document.length);
        // A big one is parsed and checked off the engine thread; the handler takes the result (convert.ts).
        const split = await splitBigVariablesDocument(document);
        if (split) (call.request as { variables?: unknown }).variables = split;
        return handle(call.request, ctx);
      })().then(
        (response) => {
          release();
          askForUncompressedRequests(call);
          callback(null, response);
        },
        (error: unknown) => {
          release();
          callback(toServiceError(error, commandIntent) as ServiceError);
        },
      );
    };
    const admission = gateway.admission;
    if (!admission || UNLIMITED_RPCS.has(rpc)) {
      run(() => {});
      return;
    }
    const authorization = call.metadata.get('authorization')[0];
    const caller = callerOf({ authorization: typeof authorization === 'string' ? authorization : undefined }, addressOfPeer(call.getPeer()));
    const entry = admission.enter(caller, run);
    if (entry.outcome === 'waiting') call.once('cancelled', entry.cancel);
    else if (entry.outcome === 'refused') {
      callback(toServiceError(new GatewayError(status.RESOURCE_EXHAUSTED, overloadDetail(admission.limits, entry.retryAfterSeconds)), commandIntent) as ServiceError);
    }
  };
}
