import { leaveCallerLimit } from '../../admission/rest-front-door';
import { Router } from 'express';
import { EngineRejection, type CreateProcessInstanceRequest } from '../../../api';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { HttpProblem, badRequest } from '../problem';
import { PROCESS_INSTANCE_SEARCH, processInstanceBody } from '../../../history/readers/process-instances';
import {
  keyParam,
  objectBody,
  optionalBoolean,
  optionalInteger,
  optionalKey,
  optionalString,
  optionalStringList,
  optionalVariables,
  requiredString,
  tenantOf,
} from '../request-fields';
import type { RestServices } from '../services';
import { getFromHistory, searchHistory } from '../history-readers/history-reads';
import { businessIdOf } from './process-instance-lifecycle';

/** How long `awaitCompletion` waits when the request names no `requestTimeout` (Zeebe's default request timeout). */
export const DEFAULT_AWAIT_COMPLETION_MS = 10_000;

/** The creation request, as both SDKs send it (by `processDefinitionId` or by `processDefinitionKey`). */
function readCreation(body: Record<string, unknown>): CreateProcessInstanceRequest & { awaitCompletion: boolean; fetchVariables?: string[]; requestTimeoutMs: number } {
  const processDefinitionKey = optionalKey(body, 'processDefinitionKey');
  const bpmnProcessId = optionalString(body, 'processDefinitionId') ?? optionalString(body, 'bpmnProcessId');
  if (!processDefinitionKey && !bpmnProcessId) {
    throw badRequest('At least one of [processDefinitionId, processDefinitionKey] is required.');
  }
  if (processDefinitionKey && bpmnProcessId) {
    throw badRequest('Only one of [processDefinitionId, processDefinitionKey] is allowed.');
  }
  const startInstructionsRaw = body.startInstructions;
  let startInstructions: { elementId: string }[] | undefined;
  if (startInstructionsRaw !== undefined && startInstructionsRaw !== null) {
    if (!Array.isArray(startInstructionsRaw)) throw badRequest(`Expected 'startInstructions' to be an array, but was ${JSON.stringify(startInstructionsRaw)}.`);
    startInstructions = startInstructionsRaw.map((instruction: unknown, index) => {
      const elementId = (instruction as { elementId?: unknown } | null)?.elementId;
      if (typeof elementId !== 'string' || elementId === '') throw badRequest(`No startInstructions[${index}].elementId provided.`);
      return { elementId };
    });
  }
  const runtimeInstructions = runtimeInstructionsOf(body.runtimeInstructions);
  const requestTimeout = optionalInteger(body, 'requestTimeout') ?? 0;
  const request: ReturnType<typeof readCreation> = {
    variables: optionalVariables(body),
    tenantId: tenantOf(body),
    awaitCompletion: optionalBoolean(body, 'awaitCompletion') ?? false,
    fetchVariables: optionalStringList(body, 'fetchVariables'),
    requestTimeoutMs: requestTimeout > 0 ? requestTimeout : DEFAULT_AWAIT_COMPLETION_MS,
    operationReference: optionalString(body, 'operationReference') ?? (body.operationReference === undefined ? undefined : String(body.operationReference)),
  };
  const businessId = businessIdOf(body, false);
  if (businessId !== undefined) request.businessId = businessId;
  if (processDefinitionKey) request.processDefinitionKey = processDefinitionKey;
  if (bpmnProcessId) {
    request.bpmnProcessId = bpmnProcessId;
    request.version = optionalInteger(body, 'processDefinitionVersion') ?? -1;
  }
  if (startInstructions) request.startInstructions = startInstructions;
  if (runtimeInstructions) request.runtimeInstructions = runtimeInstructions;
  return request;
}

/** Camunda 8.8's `runtimeInstructions`: `[{ type: 'TERMINATE_PROCESS_INSTANCE', afterElementId }]` (the only type). */
function runtimeInstructionsOf(raw: unknown): CreateProcessInstanceRequest['runtimeInstructions'] {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw badRequest(`Expected 'runtimeInstructions' to be an array, but was ${JSON.stringify(raw)}.`);
  return raw.map((instruction: unknown, index) => {
    const { type, afterElementId } = (instruction ?? {}) as { type?: unknown; afterElementId?: unknown };
    if (type !== undefined && type !== 'TERMINATE_PROCESS_INSTANCE') {
      throw badRequest(`Expected runtimeInstructions[${index}].type to be 'TERMINATE_PROCESS_INSTANCE', but was ${JSON.stringify(type)}.`);
    }
    if (typeof afterElementId !== 'string' || afterElementId === '') throw badRequest(`No runtimeInstructions[${index}].afterElementId provided.`);
    return { type: 'TERMINATE_PROCESS_INSTANCE' as const, afterElementId };
  });
}

/** Process instances: create (optionally awaiting completion), cancel, migrate; search and get read history. */
export function processInstanceRoutes(_services: RestServices) {
  return (context: RestRouteContext): Router => {
    const router = Router();

    router.post('/process-instances', async (request, response) => {
      const auth = requestAuth(response);
      const creation = readCreation(objectBody(request));
      auth.require({ action: 'process-instance:create' });
      const { awaitCompletion, fetchVariables, requestTimeoutMs, ...command } = creation;
      if (awaitCompletion) {
        // Waiting for the result holds no thread: it does not count against the caller's share (issue 13).
        leaveCallerLimit(request);
        try {
          const result = await context.engine.createProcessInstanceWithResult({ ...command, fetchVariables }, requestTimeoutMs, auth.context);
          response.json({
            processDefinitionId: result.bpmnProcessId,
            processDefinitionVersion: result.version,
            tenantId: result.tenantId,
            variables: result.variables,
            processDefinitionKey: result.processDefinitionKey,
            processInstanceKey: result.processInstanceKey,
            businessId: command.businessId ?? null,
          });
        } catch (error) {
          if (error instanceof EngineRejection && error.rejectionType === 'PROCESSING_ERROR' && /deadline|time(d)? ?out/i.test(error.message)) {
            throw new HttpProblem(504, 'DEADLINE_EXCEEDED', `Expected to complete the process instance within ${requestTimeoutMs} ms, but it did not; it keeps running. ${error.message}`);
          }
          throw error;
        }
        return;
      }
      const created = await context.engine.createProcessInstance(command, auth.context);
      response.json({
        processDefinitionId: created.bpmnProcessId,
        processDefinitionVersion: created.version,
        tenantId: created.tenantId,
        variables: {},
        processDefinitionKey: created.processDefinitionKey,
        processInstanceKey: created.processInstanceKey,
        businessId: created.businessId ?? null,
      });
    });

    router.post('/process-instances/search', async (request, response) => {
      requestAuth(response).require({ action: 'process-instance:read' });
      const body = objectBody(request);
      const result = await searchHistory(context, PROCESS_INSTANCE_SEARCH, body);
      response.json({ items: result.items.map(processInstanceBody), page: result.page });
    });

    router.get('/process-instances/:processInstanceKey', async (request, response) => {
      const key = keyParam(request, 'processInstanceKey');
      requestAuth(response).require({ action: 'process-instance:read' });
      const instance = await getFromHistory(context, PROCESS_INSTANCE_SEARCH, key);
      if (!instance) throw new HttpProblem(404, 'NOT_FOUND', `Process instance with key '${key}' not found`);
      response.json(processInstanceBody(instance));
    });

    router.post('/process-instances/:processInstanceKey/cancellation', async (request, response) => {
      const auth = requestAuth(response);
      const key = keyParam(request, 'processInstanceKey');
      optionalString(objectBody(request), 'operationReference');
      auth.require({ action: 'process-instance:cancel' });
      await context.engine.cancelProcessInstance(key, auth.context);
      response.status(204).end();
    });

    router.post('/process-instances/:processInstanceKey/migration', async (request, response) => {
      const auth = requestAuth(response);
      const key = keyParam(request, 'processInstanceKey');
      const body = objectBody(request);
      const targetProcessDefinitionKey = optionalKey(body, 'targetProcessDefinitionKey');
      if (targetProcessDefinitionKey === undefined) throw badRequest('No targetProcessDefinitionKey provided.');
      const instructions = body.mappingInstructions;
      if (!Array.isArray(instructions)) throw badRequest('No mappingInstructions provided.');
      const mappingInstructions = instructions.map((instruction: unknown, index) => {
        if (typeof instruction !== 'object' || instruction === null || Array.isArray(instruction)) {
          throw badRequest(`Expected mappingInstructions[${index}] to be an object with sourceElementId and targetElementId.`);
        }
        const fields = instruction as Record<string, unknown>;
        return { sourceElementId: requiredString(fields, 'sourceElementId'), targetElementId: requiredString(fields, 'targetElementId') };
      });
      const operationReference = optionalString(body, 'operationReference');
      auth.require({ action: 'process-instance:modify' });
      await context.engine.migrateProcessInstance({ processInstanceKey: key, targetProcessDefinitionKey, mappingInstructions, operationReference }, auth.context);
      response.status(204).end();
    });

    return router;
  };
}
