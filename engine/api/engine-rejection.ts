// How the engine refuses a command: Zeebe's rejection types and the error that carries one.

/**
 * Zeebe's rejection types. The gateways map them to transport codes as Zeebe's gateway does:
 * INVALID_ARGUMENT → INVALID_ARGUMENT, NOT_FOUND → NOT_FOUND, ALREADY_EXISTS → ALREADY_EXISTS,
 * INVALID_STATE → FAILED_PRECONDITION, PROCESSING_ERROR → INTERNAL, UNAUTHORIZED → PERMISSION_DENIED,
 * FORBIDDEN → PERMISSION_DENIED (REST 403), UNIMPLEMENTED → UNIMPLEMENTED, RESOURCE_EXHAUSTED → RESOURCE_EXHAUSTED.
 */
export type RejectionType =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'INVALID_STATE'
  | 'PROCESSING_ERROR'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'UNIMPLEMENTED'
  | 'RESOURCE_EXHAUSTED';

/** A command the engine refused. `message` reads "Expected to …, but …" as Zeebe's rejections do. */
export class EngineRejection extends Error {
  constructor(
    readonly rejectionType: RejectionType,
    message: string,
  ) {
    super(message);
    this.name = 'EngineRejection';
  }
}
