import type { handleUnaryCall, sendUnaryData, ServerUnaryCall, ServiceError } from '@grpc/grpc-js';
import type { CommandContext } from '../../api';
import type { GatewayContext } from './context';
import { askForUncompressedRequests } from './identity-encoding';
import { toServiceError } from './errors';

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
