import type { ErrorType } from '../../protocol';

/** A failure as a value: becomes an incident with Zeebe's error type in one place (the incident behaviour). */
export interface Failure {
  errorType: ErrorType;
  message: string;
}

export function failure(errorType: ErrorType, message: string): Failure {
  return { errorType, message };
}

export function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && 'errorType' in value && 'message' in value;
}
