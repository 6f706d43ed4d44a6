import { status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { Metadata } from '@grpc/grpc-js';
import { EngineRejection, type RejectionType } from '../../api';

/** Zeebe's gateway maps a broker rejection type to a gRPC status code this way. */
const STATUS_BY_REJECTION: Record<RejectionType, status> = {
  INVALID_ARGUMENT: status.INVALID_ARGUMENT,
  NOT_FOUND: status.NOT_FOUND,
  ALREADY_EXISTS: status.ALREADY_EXISTS,
  INVALID_STATE: status.FAILED_PRECONDITION,
  PROCESSING_ERROR: status.INTERNAL,
  UNAUTHORIZED: status.PERMISSION_DENIED,
  FORBIDDEN: status.PERMISSION_DENIED,
  UNIMPLEMENTED: status.UNIMPLEMENTED,
  RESOURCE_EXHAUSTED: status.RESOURCE_EXHAUSTED,
};

/** The gRPC status code Zeebe's gateway answers a rejection of this type with. */
export function statusForRejection(rejectionType: RejectionType): status {
  return STATUS_BY_REJECTION[rejectionType];
}

/**
 * A request the gateway itself refuses before it reaches the engine (a malformed variables document, a
 * blank job type, a tenant while multi-tenancy is off), or a gateway-side outcome such as a timeout.
 */
export class GatewayError extends Error {
  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

/** Shorthand for the most common gateway refusal. */
export function invalidArgument(message: string): GatewayError {
  return new GatewayError(status.INVALID_ARGUMENT, message);
}

/**
 * Turn anything a handler threw into the status a client sees. Rejections keep Zeebe's wording
 * ("Command 'COMPLETE' rejected with code 'NOT_FOUND': Expected to …, but …"); anything unexpected is
 * INTERNAL, because an engine bug must not look like a client mistake.
 */
export function toServiceError(error: unknown, commandIntent: string): Partial<ServiceError> {
  if (error instanceof EngineRejection) {
    return {
      code: statusForRejection(error.rejectionType),
      details: `Command '${commandIntent}' rejected with code '${error.rejectionType}': ${error.message}`,
      metadata: new Metadata(),
    };
  }
  if (error instanceof GatewayError) {
    return { code: error.code, details: error.message, metadata: new Metadata() };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: status.INTERNAL,
    details: `Unexpected error occurred during the request processing: ${message}`,
    metadata: new Metadata(),
  };
}

/** End a server-streaming call with the status `error` maps to (no-op if the client already left). */
export function failServerStream(call: NodeJS.EventEmitter & { cancelled: boolean }, error: unknown, commandIntent: string): void {
  if (call.cancelled) return;
  call.emit('error', toServiceError(error, commandIntent));
}
