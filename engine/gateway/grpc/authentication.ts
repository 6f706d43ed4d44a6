import type { Metadata } from '@grpc/grpc-js';
import type { CommandContext } from '../../api';

/**
 * Decides who a gRPC call is from, given its metadata (e.g. an `authorization: Basic …` header), and
 * throws a `GatewayError` with UNAUTHENTICATED / PERMISSION_DENIED to refuse it. The returned context is
 * recorded on every record the call causes. Identity (issue 4) plugs its HTTP Basic check in here.
 */
export type GrpcAuthenticator = (metadata: Metadata, rpc: string) => CommandContext | Promise<CommandContext>;

/** No authentication: every call is accepted and carries no actor. */
export const allowAnonymous: GrpcAuthenticator = () => ({});
