import { Metadata, type ServerUnaryCall } from '@grpc/grpc-js';

/**
 * Tell the client, in a unary response's headers, to send its requests uncompressed
 * (`grpc-accept-encoding: identity`). The Camunda SDK gzips every request by default; for small messages on a
 * local link that costs CPU on both ends (a deflate stream per message) and saves nothing. grpc-js clients
 * honour the header for the rest of the channel; a request that still arrives compressed is decompressed as
 * before, so no client breaks.
 */
export function askForUncompressedRequests(call: ServerUnaryCall<unknown, unknown>): void {
  const metadata = new Metadata();
  metadata.set('grpc-accept-encoding', 'identity');
  call.sendMetadata(metadata);
}
