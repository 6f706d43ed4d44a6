import { status, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { CreateProcessInstanceRequest, ModifyProcessInstanceRequest } from '../../../api';
import type { GatewayContext } from '../context';
import {
  int64ToNumber,
  optionalKey,
  optionalList,
  optionalString,
  parseVariablesDocument,
  requireKey,
  resolveTenant,
  toJsonObjectString,
} from '../convert';
import { GatewayError, invalidArgument } from '../errors';
import { unary } from '../unary';

/**
 * How long CreateProcessInstanceWithResult waits when the client sets no `requestTimeout`: Zeebe's
 * gateway default request timeout.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

interface CreateProcessInstanceMessage {
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  variables: string;
  startInstructions: { elementId: string }[];
  tenantId: string;
  operationReference?: string;
  /** 8.8: `[{ terminate: { afterElementId } }]` (a one-of with a single kind). */
  runtimeInstructions?: { terminate?: { afterElementId: string } | null; instruction?: string }[];
}

/** 8.8's runtime instructions; an entry with no instruction set is refused, as Zeebe's gateway does. */
function runtimeInstructionsOf(message: CreateProcessInstanceMessage): CreateProcessInstanceRequest['runtimeInstructions'] {
  const list = message.runtimeInstructions ?? [];
  if (list.length === 0) return undefined;
  return list.map((entry) => {
    if (!entry.terminate) throw invalidArgument('Unsupported runtime instruction type: INSTRUCTION_NOT_SET');
    return { type: 'TERMINATE_PROCESS_INSTANCE' as const, afterElementId: entry.terminate.afterElementId };
  });
}

/** Proto3 zero values mean "not set": key "0" and id "" select nothing, -1 selects the latest version. */
function toCreateRequest(message: CreateProcessInstanceMessage | null, rpc: string): CreateProcessInstanceRequest {
  if (!message) throw invalidArgument(`Expected to receive a create process instance request, but none given`);
  const processDefinitionKey = optionalKey(message.processDefinitionKey, 'processDefinitionKey');
  const bpmnProcessId = optionalString(message.bpmnProcessId);
  if (!processDefinitionKey && !bpmnProcessId) {
    throw invalidArgument(`Expected either a process definition key or a BPMN process id, but none given`);
  }
  return {
    processDefinitionKey,
    bpmnProcessId: processDefinitionKey ? undefined : bpmnProcessId,
    version: processDefinitionKey ? undefined : message.version,
    variables: parseVariablesDocument(message.variables),
    startInstructions: message.startInstructions.length > 0 ? message.startInstructions.map((s) => ({ elementId: s.elementId })) : undefined,
    tenantId: resolveTenant(message.tenantId, rpc),
    operationReference: optionalString(message.operationReference),
    runtimeInstructions: runtimeInstructionsOf(message),
  };
}

interface ModifyProcessInstanceMessage {
  processInstanceKey: string;
  activateInstructions: {
    elementId: string;
    ancestorElementInstanceKey: string;
    variableInstructions: { variables: string; scopeId: string }[];
  }[];
  terminateInstructions: { elementInstanceKey: string }[];
  operationReference?: string;
}

function toModifyRequest(message: ModifyProcessInstanceMessage): ModifyProcessInstanceRequest {
  return {
    processInstanceKey: requireKey(message.processInstanceKey, 'processInstanceKey'),
    activateInstructions: message.activateInstructions.map((instruction) => ({
      elementId: instruction.elementId,
      // 0 (unset) and -1 both mean: let the engine find, or create, the flow scope.
      ancestorElementInstanceKey:
        instruction.ancestorElementInstanceKey === '-1'
          ? undefined
          : optionalKey(instruction.ancestorElementInstanceKey, 'ancestorElementInstanceKey'),
      variableInstructions: instruction.variableInstructions.map((variableInstruction) => ({
        scopeId: optionalString(variableInstruction.scopeId),
        variables: parseVariablesDocument(variableInstruction.variables) ?? {},
      })),
    })),
    terminateInstructions: message.terminateInstructions.map((instruction) => ({
      elementInstanceKey: requireKey(instruction.elementInstanceKey, 'elementInstanceKey'),
    })),
    operationReference: optionalString(message.operationReference),
  };
}

/**
 * Wait for the engine's answer, but no longer than the client asked: the gateway owns this wall-clock
 * deadline and answers DEADLINE_EXCEEDED as Zeebe's does; the instance itself keeps running.
 */
function withRequestTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new GatewayError(
            status.DEADLINE_EXCEEDED,
            `Expected to receive the result of the process instance within ${timeoutMs} ms, but the request timed out; the instance keeps running`,
          ),
        ),
      timeoutMs,
    );
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Create (with or without awaiting the result), cancel, modify and migrate process instances. */
export function processInstanceHandlers(gateway: GatewayContext): UntypedServiceImplementation {
  const { engine } = gateway;
  return {
    CreateProcessInstance: unary(
      gateway,
      'CreateProcessInstance',
      'CREATE',
      async (request: CreateProcessInstanceMessage, ctx) => engine.createProcessInstance(toCreateRequest(request, 'CreateProcessInstance'), ctx),
    ),

    CreateProcessInstanceWithResult: unary(
      gateway,
      'CreateProcessInstanceWithResult',
      'CREATE_WITH_AWAITING_RESULT',
      async (
        request: { request: CreateProcessInstanceMessage | null; requestTimeout: string; fetchVariables: string[] },
        ctx,
      ) => {
        const create = toCreateRequest(request.request, 'CreateProcessInstanceWithResult');
        const requested = int64ToNumber(request.requestTimeout, 'requestTimeout');
        const timeoutMs = requested > 0 ? requested : DEFAULT_REQUEST_TIMEOUT_MS;
        // The engine gets a little longer than the client so that the gateway's own deadline decides.
        const result = await withRequestTimeout(
          engine.createProcessInstanceWithResult(
            { ...create, fetchVariables: optionalList(request.fetchVariables) },
            timeoutMs + 1_000,
            ctx,
          ),
          timeoutMs,
        );
        return { ...result, variables: toJsonObjectString(result.variables) };
      },
    ),

    CancelProcessInstance: unary(
      gateway,
      'CancelProcessInstance',
      'CANCEL',
      async (request: { processInstanceKey: string }, ctx) => {
        await engine.cancelProcessInstance(requireKey(request.processInstanceKey, 'processInstanceKey'), ctx);
        return {};
      },
    ),

    ModifyProcessInstance: unary(
      gateway,
      'ModifyProcessInstance',
      'MODIFY',
      async (request: ModifyProcessInstanceMessage, ctx) => {
        await engine.modifyProcessInstance(toModifyRequest(request), ctx);
        return {};
      },
    ),

    MigrateProcessInstance: unary(
      gateway,
      'MigrateProcessInstance',
      'MIGRATE',
      async (
        request: {
          processInstanceKey: string;
          migrationPlan: {
            targetProcessDefinitionKey: string;
            mappingInstructions: { sourceElementId: string; targetElementId: string }[];
          } | null;
          operationReference?: string;
        },
        ctx,
      ) => {
        if (!request.migrationPlan) {
          throw invalidArgument(`Expected to migrate process instance with a migration plan, but none given`);
        }
        await engine.migrateProcessInstance(
          {
            processInstanceKey: requireKey(request.processInstanceKey, 'processInstanceKey'),
            targetProcessDefinitionKey: requireKey(request.migrationPlan.targetProcessDefinitionKey, 'targetProcessDefinitionKey'),
            mappingInstructions: request.migrationPlan.mappingInstructions.map((m) => ({
              sourceElementId: m.sourceElementId,
              targetElementId: m.targetElementId,
            })),
            operationReference: optionalString(request.operationReference),
          },
          ctx,
        );
        return {};
      },
    ),
  };
}
