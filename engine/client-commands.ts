// The commands a client request becomes: each builder checks the request's variables and returns the
// command the engine submits, in Zeebe's value shapes. Nothing here touches state.
import {
  DEFAULT_TENANT,
  EngineRejection,
  type ActivateJobsRequest,
  type CorrelateMessageRequest,
  type CreateProcessInstanceRequest,
  type DeploymentResource,
  type EvaluateDecisionRequest,
  type FailJobRequest,
  type Key,
  type MigrateProcessInstanceRequest,
  type ModifyProcessInstanceRequest,
  type PublishMessageRequest,
  type SetVariablesRequest,
  type ThrowErrorRequest,
  type UserTaskChangeset,
  type Variables,
} from './api';
import { isolationPool } from './isolation';
import { refuseHostileXml } from './model';
import { COMPILED, PARSED_DMN, type CompiledResources } from './processing/processors';
import { ValueType, type RecordDraft } from './protocol';
import { checkVariables } from './variable-document';

/** Largest deployment accepted (Zeebe's default maximum message size). */
const MAX_DEPLOYMENT_BYTES = 4 * 1024 * 1024;

/** A command to submit, before the processor stamps its record type. */
export type CommandDraft = Omit<RecordDraft, 'recordType'>;

/** Normalises a tenant id: absent or empty means the default tenant. */
export function tenantOf(tenantId: string | undefined): string {
  return tenantId && tenantId !== '' ? tenantId : DEFAULT_TENANT;
}

/**
 * The CREATE command of a deployment. Parsing and validating BPMN and DMN is what a caller can make long
 * (megabytes, tens of thousands of problems): it runs on an isolation thread, and the command carries the
 * results in hidden properties, so the engine thread does not parse again (issue 13).
 */
export async function deploymentCommand(resources: DeploymentResource[], tenantId?: string): Promise<CommandDraft> {
  const tenant = tenantOf(tenantId);
  let total = 0;
  for (const resource of resources) total += resource.content.length;
  if (total > MAX_DEPLOYMENT_BYTES) {
    throw new EngineRejection('INVALID_ARGUMENT', `Expected the deployment to be at most ${MAX_DEPLOYMENT_BYTES} bytes, but it is ${total} bytes`);
  }
  const values: { resourceName: string; resource: string }[] = [];
  for (const resource of resources) {
    const text = resource.content.toString('utf8');
    values.push({ resourceName: resource.name, resource: text });
    if (/\.dmn$/i.test(resource.name)) {
      const hostile = refuseHostileXml(text);
      if (hostile) throw new EngineRejection('INVALID_ARGUMENT', `Expected to deploy new resources, but encountered the following errors:\n'${resource.name}': ${hostile}`);
    }
  }
  const checked = await isolationPool().run({ op: 'check-deployment', resources: values.map(({ resourceName, resource }) => ({ name: resourceName, text: resource })) });
  const compiled: CompiledResources = new Map(checked.bpmn);
  const value: Record<string | symbol, unknown> = { resources: values, tenantId: tenant };
  Object.defineProperty(value, COMPILED, { value: compiled, enumerable: false });
  Object.defineProperty(value, PARSED_DMN, { value: new Map(checked.dmn), enumerable: false });
  return { key: '-1', valueType: ValueType.DEPLOYMENT, intent: 'CREATE', value: value as Record<string, unknown> };
}

/** The value of a process instance creation (with or without an awaited result). */
export function creationValue(req: CreateProcessInstanceRequest): Record<string, unknown> {
  return {
    processDefinitionKey: req.processDefinitionKey ?? '-1',
    bpmnProcessId: req.bpmnProcessId ?? '',
    version: req.version ?? -1,
    variables: checkVariables(req.variables),
    startInstructions: req.startInstructions ?? [],
    tenantId: tenantOf(req.tenantId),
    ...(req.businessId ? { businessId: req.businessId } : {}),
    ...(req.runtimeInstructions?.length ? { runtimeInstructions: req.runtimeInstructions } : {}),
  };
}

/** MODIFY a process instance; the variables of every activation are checked first. */
export function modifyCommand(req: ModifyProcessInstanceRequest): CommandDraft {
  for (const activation of req.activateInstructions ?? []) {
    for (const instruction of activation.variableInstructions ?? []) checkVariables(instruction.variables);
  }
  return { key: req.processInstanceKey, valueType: ValueType.PROCESS_INSTANCE_MODIFICATION, intent: 'MODIFY', value: { ...req } as unknown as Record<string, unknown> };
}

/** MIGRATE a process instance to another process definition. */
export function migrateCommand(req: MigrateProcessInstanceRequest): CommandDraft {
  return {
    key: req.processInstanceKey,
    valueType: ValueType.PROCESS_INSTANCE_MIGRATION,
    intent: 'MIGRATE',
    value: {
      processInstanceKey: req.processInstanceKey,
      targetProcessDefinitionKey: req.targetProcessDefinitionKey,
      mappingInstructions: req.mappingInstructions,
      operationReference: req.operationReference,
    },
  };
}

/** ACTIVATE a batch of jobs of one type. */
export function activateJobsCommand(req: ActivateJobsRequest): CommandDraft {
  return {
    key: '-1',
    valueType: ValueType.JOB_BATCH,
    intent: 'ACTIVATE',
    value: {
      type: req.type,
      worker: req.worker,
      timeout: req.timeoutMs,
      maxJobsToActivate: req.maxJobsToActivate,
      fetchVariables: req.fetchVariables ?? [],
      tenantIds: (req.tenantIds ?? []).map(tenantOf),
    },
  };
}

/** COMPLETE a job; `result` is Camunda's job result (a task listener's `denied`, `deniedReason`, `corrections`). */
export function completeJobCommand(jobKey: Key, variables?: Variables, result?: Record<string, unknown>): CommandDraft {
  const value: Record<string, unknown> = { variables: checkVariables(variables) };
  if (result) value.result = result;
  return { key: jobKey, valueType: ValueType.JOB, intent: 'COMPLETE', value };
}

/** FAIL a job, with the retries left and a back-off. */
export function failJobCommand(req: FailJobRequest): CommandDraft {
  return {
    key: req.jobKey,
    valueType: ValueType.JOB,
    intent: 'FAIL',
    value: { retries: req.retries, errorMessage: req.errorMessage ?? '', retryBackoff: req.retryBackOffMs ?? 0, variables: checkVariables(req.variables) },
  };
}

/** THROW_ERROR from a job: a BPMN error for the process to catch. */
export function throwErrorCommand(req: ThrowErrorRequest): CommandDraft {
  return {
    key: req.jobKey,
    valueType: ValueType.JOB,
    intent: 'THROW_ERROR',
    value: { errorCode: req.errorCode, errorMessage: req.errorMessage ?? '', variables: checkVariables(req.variables) },
  };
}

/** PUBLISH a message (buffered for its time to live). */
export function publishMessageCommand(req: PublishMessageRequest): CommandDraft {
  return {
    key: '-1',
    valueType: ValueType.MESSAGE,
    intent: 'PUBLISH',
    value: {
      name: req.name,
      correlationKey: req.correlationKey ?? '',
      timeToLive: req.timeToLiveMs,
      messageId: req.messageId ?? '',
      variables: checkVariables(req.variables),
      tenantId: tenantOf(req.tenantId),
    },
  };
}

/** CORRELATE a message now, never buffered. */
export function correlateMessageCommand(req: CorrelateMessageRequest): CommandDraft {
  return {
    key: '-1',
    valueType: ValueType.MESSAGE_CORRELATION,
    intent: 'CORRELATE',
    value: { name: req.name, correlationKey: req.correlationKey ?? '', variables: checkVariables(req.variables), tenantId: tenantOf(req.tenantId) },
  };
}

/** BROADCAST a signal. */
export function broadcastSignalCommand(signalName: string, variables?: Variables, tenantId?: string): CommandDraft {
  return { key: '-1', valueType: ValueType.SIGNAL, intent: 'BROADCAST', value: { signalName, variables: checkVariables(variables), tenantId: tenantOf(tenantId) } };
}

/** UPDATE the variables of a scope, locally or propagated. */
export function setVariablesCommand(req: SetVariablesRequest): CommandDraft {
  return {
    key: req.elementInstanceKey,
    valueType: ValueType.VARIABLE_DOCUMENT,
    intent: 'UPDATE',
    value: { scopeKey: req.elementInstanceKey, variables: checkVariables(req.variables), updateSemantics: req.local ? 'LOCAL' : 'PROPAGATE' },
  };
}

/** EVALUATE a decision by key or id. */
export function evaluateDecisionCommand(req: EvaluateDecisionRequest): CommandDraft {
  return {
    key: '-1',
    valueType: ValueType.DECISION_EVALUATION,
    intent: 'EVALUATE',
    value: { decisionKey: req.decisionKey ?? '-1', decisionId: req.decisionId ?? '', variables: checkVariables(req.variables), tenantId: tenantOf(req.tenantId) },
  };
}

/** ASSIGN a user task (CLAIM when an existing assignee must not be overridden). */
export function assignUserTaskCommand(userTaskKey: Key, assignee: string, options: { allowOverride?: boolean; action?: string }): CommandDraft {
  return {
    key: userTaskKey,
    valueType: ValueType.USER_TASK,
    intent: options.allowOverride === false ? 'CLAIM' : 'ASSIGN',
    value: { assignee, action: options.action ?? '', allowOverride: options.allowOverride ?? true },
  };
}

/** COMPLETE a user task; `asAssignee` makes the processor check that this user holds it. */
export function completeUserTaskCommand(userTaskKey: Key, variables?: Variables, action?: string, asAssignee?: string): CommandDraft {
  const value: Record<string, unknown> = { variables: checkVariables(variables), action: action ?? '' };
  if (asAssignee !== undefined) value.assignee = asAssignee;
  return { key: userTaskKey, valueType: ValueType.USER_TASK, intent: 'COMPLETE', value };
}

/** UPDATE a user task's changeable fields. */
export function updateUserTaskCommand(userTaskKey: Key, changeset: UserTaskChangeset, action?: string): CommandDraft {
  return { key: userTaskKey, valueType: ValueType.USER_TASK, intent: 'UPDATE', value: { changeset, action: action ?? '' } };
}
