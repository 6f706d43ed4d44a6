/**
 * The authorization decision of every Zeebe gateway RPC, per role: who passes the gate. Written out by hand
 * (not read from the engine's own table) so that `grpc-method-authorization` checks the engine against it, the
 * gRPC counterpart of `route-decisions.ts`. The rows agree with the REST routes doing the same thing.
 */
import type { Role } from './route-decisions';

const PEOPLE_AND_MACHINES: Role[] = ['clerkA', 'clerkB', 'supervisor', 'auditor', 'admin', 'worker'];
const ADMIN: Role[] = ['admin'];
const JOB_CLIENTS: Role[] = ['admin', 'worker'];
const CASE_STARTERS: Role[] = ['clerkA', 'clerkB', 'supervisor', 'admin'];
const PUBLISHERS: Role[] = ['clerkA', 'clerkB', 'supervisor', 'admin', 'worker'];

/** Roles that pass, by RPC name as the proto spells it; `stream` marks a server-streaming RPC. */
export const GRPC_METHOD_DECISIONS: Record<string, { allowed: readonly Role[]; stream?: true }> = {
  Topology: { allowed: PEOPLE_AND_MACHINES },
  DeployResource: { allowed: ADMIN },
  DeployProcess: { allowed: ADMIN },
  DeleteResource: { allowed: ADMIN },
  CreateProcessInstance: { allowed: CASE_STARTERS },
  CreateProcessInstanceWithResult: { allowed: CASE_STARTERS },
  CancelProcessInstance: { allowed: ADMIN },
  ModifyProcessInstance: { allowed: ADMIN },
  MigrateProcessInstance: { allowed: ADMIN },
  ActivateJobs: { allowed: JOB_CLIENTS, stream: true },
  StreamActivatedJobs: { allowed: JOB_CLIENTS, stream: true },
  CompleteJob: { allowed: JOB_CLIENTS },
  FailJob: { allowed: JOB_CLIENTS },
  ThrowError: { allowed: JOB_CLIENTS },
  UpdateJobRetries: { allowed: JOB_CLIENTS },
  UpdateJobTimeout: { allowed: JOB_CLIENTS },
  PublishMessage: { allowed: PUBLISHERS },
  BroadcastSignal: { allowed: JOB_CLIENTS },
  SetVariables: { allowed: JOB_CLIENTS },
  ResolveIncident: { allowed: ADMIN },
  EvaluateDecision: { allowed: JOB_CLIENTS },
};
