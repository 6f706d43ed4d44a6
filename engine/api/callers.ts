// Who calls the engine and what they may do: the actor of a command, the process permissions checked inside
// commands, and the refused calls recorded for the auditors.

/** Who issues a command; recorded on the records it causes. */
export interface CommandContext {
  actor?: string;
}

/**
 * The resource permissions the engine checks while it processes a command, as Camunda 8.8's engine does:
 * PROCESS_DEFINITION (resource id = BPMN process id) with CREATE_PROCESS_INSTANCE or UPDATE_PROCESS_INSTANCE,
 * MESSAGE (resource id = message name) with CREATE. Commands without an actor (timers, the engine's own
 * follow-ups) are not checked; with `--auth none` the engine has no check at all.
 */
export interface ProcessPermissionCheck {
  allows(actor: string, resourceType: 'PROCESS_DEFINITION' | 'MESSAGE', permission: string, resourceId: string): boolean;
}

/**
 * A call the gateways refused (no or wrong credentials, or not permitted). Recorded in the stream as an
 * AUTHORIZATION command with its UNAUTHORIZED rejection, so the auditors see refusals next to actions.
 */
export interface DeniedAttempt {
  /** Who tried (as claimed, when authentication failed); never a password. */
  actor: string;
  /** What was attempted, e.g. "POST /v2/user-tasks/2251799813685300/completion" or "gRPC DeployResource". */
  attempted: string;
  reason: string;
  kind: 'unauthenticated' | 'forbidden';
}
