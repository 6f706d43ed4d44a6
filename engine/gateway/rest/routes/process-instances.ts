import { Router } from 'express';
import { EngineRejection, type CreateProcessInstanceRequest } from '../../../api';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { HttpProblem, badRequest } from '../problem';
import type { ProcessInstanceView } from '../projections';
import { dateFilter, integerFilter, search, stringFilter, type SearchSpec } from '../projections/search';
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

/** How long `awaitCompletion` waits when the request names no `requestTimeout` (Zeebe's default request timeout). */
export const DEFAULT_AWAIT_COMPLETION_MS = 10_000;

const PROCESS_INSTANCE_SEARCH: SearchSpec<ProcessInstanceView> = {
  noun: 'process instance',
  filters: {
    processInstanceKey: stringFilter((item) => item.processInstanceKey),
    processDefinitionId: stringFilter((item) => item.processDefinitionId),
    processDefinitionName: stringFilter((item) => item.processDefinitionName),
    processDefinitionVersion: integerFilter((item) => item.processDefinitionVersion),
    processDefinitionVersionTag: stringFilter((item) => item.processDefinitionVersionTag),
    processDefinitionKey: stringFilter((item) => item.processDefinitionKey),
    parentProcessInstanceKey: stringFilter((item) => item.parentProcessInstanceKey),
    parentElementInstanceKey: stringFilter((item) => item.parentElementInstanceKey),
    startDate: dateFilter((item) => item.startDate),
    endDate: dateFilter((item) => item.endDate),
    state: stringFilter((item) => item.state),
    hasIncident: (item, value, field) => {
      if (typeof value !== 'boolean') throw badRequest(`Expected '${field}' to be a boolean, but was ${JSON.stringify(value)}.`);
      return item.hasIncident === value;
    },
    tenantId: stringFilter((item) => item.tenantId),
  },
  sortFields: {
    processInstanceKey: (item) => item.processInstanceKey.padStart(20, '0'),
    processDefinitionId: (item) => item.processDefinitionId,
    processDefinitionName: (item) => item.processDefinitionName,
    processDefinitionVersion: (item) => item.processDefinitionVersion,
    processDefinitionVersionTag: (item) => item.processDefinitionVersionTag,
    processDefinitionKey: (item) => item.processDefinitionKey.padStart(20, '0'),
    parentProcessInstanceKey: (item) => item.parentProcessInstanceKey?.padStart(20, '0'),
    parentElementInstanceKey: (item) => item.parentElementInstanceKey?.padStart(20, '0'),
    startDate: (item) => item.startDate,
    endDate: (item) => item.endDate,
    state: (item) => item.state,
    hasIncident: (item) => (item.hasIncident ? 1 : 0),
    tenantId: (item) => item.tenantId,
  },
  key: (item) => item.processInstanceKey,
};

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
  const requestTimeout = optionalInteger(body, 'requestTimeout') ?? 0;
  const request: ReturnType<typeof readCreation> = {
    variables: optionalVariables(body),
    tenantId: tenantOf(body),
    awaitCompletion: optionalBoolean(body, 'awaitCompletion') ?? false,
    fetchVariables: optionalStringList(body, 'fetchVariables'),
    requestTimeoutMs: requestTimeout > 0 ? requestTimeout : DEFAULT_AWAIT_COMPLETION_MS,
    operationReference: optionalString(body, 'operationReference') ?? (body.operationReference === undefined ? undefined : String(body.operationReference)),
  };
  if (processDefinitionKey) request.processDefinitionKey = processDefinitionKey;
  if (bpmnProcessId) {
    request.bpmnProcessId = bpmnProcessId;
    request.version = optionalInteger(body, 'processDefinitionVersion') ?? -1;
  }
  if (startInstructions) request.startInstructions = startInstructions;
  return request;
}

/** Process instances: create (optionally awaiting completion), search, get, cancel. */
export function processInstanceRoutes(services: RestServices) {
  return (context: RestRouteContext): Router => {
    const router = Router();
    const { projections } = services;

    router.post('/process-instances', async (request, response) => {
      const auth = requestAuth(response);
      const creation = readCreation(objectBody(request));
      auth.require({ action: 'process-instance:create' });
      const { awaitCompletion, fetchVariables, requestTimeoutMs, ...command } = creation;
      if (awaitCompletion) {
        try {
          const result = await context.engine.createProcessInstanceWithResult({ ...command, fetchVariables }, requestTimeoutMs, auth.context);
          response.json({
            processDefinitionId: result.bpmnProcessId,
            processDefinitionVersion: result.version,
            tenantId: result.tenantId,
            variables: result.variables,
            processDefinitionKey: result.processDefinitionKey,
            processInstanceKey: result.processInstanceKey,
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
      });
    });

    router.post('/process-instances/search', async (request, response) => {
      requestAuth(response).require({ action: 'process-instance:read' });
      const body = objectBody(request);
      const filter = (body.filter ?? {}) as Record<string, unknown>;
      const byKey = typeof filter.processInstanceKey === 'string' ? projections.instances.processInstances.get(filter.processInstanceKey) : undefined;
      const candidates = typeof filter.processInstanceKey === 'string' ? (byKey ? [byKey] : []) : projections.instances.processInstances.values();
      // Names come from the models: fill them in for everything only when the search looks at them.
      const byName =
        filter.processDefinitionName !== undefined ||
        filter.processDefinitionVersionTag !== undefined ||
        (Array.isArray(body.sort) && body.sort.some((entry) => /^processDefinition(Name|VersionTag)$/.test(String((entry as { field?: unknown })?.field))));
      const pool = byName ? [...candidates] : candidates;
      if (byName) await nameInstances(pool);
      const result = search(pool, PROCESS_INSTANCE_SEARCH, body);
      await nameInstances(result.items);
      response.json(result);
    });

    router.get('/process-instances/:processInstanceKey', async (request, response) => {
      const key = keyParam(request, 'processInstanceKey');
      requestAuth(response).require({ action: 'process-instance:read' });
      const instance = projections.instances.processInstances.get(key);
      if (!instance) throw new HttpProblem(404, 'NOT_FOUND', `Process instance with key '${key}' not found`);
      await nameInstances([instance]);
      response.json(instance);
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

    /** Process names live in the XML, not the records: fill them in from the compiled models. */
    async function nameInstances(instances: Iterable<ProcessInstanceView>): Promise<void> {
      await projections.definitions.nameProcesses(projections.definitions.processes.values());
      for (const instance of instances) {
        if (instance.processDefinitionName !== undefined) continue;
        const definition = projections.definitions.processes.get(instance.processDefinitionKey);
        instance.processDefinitionName = definition?.name ?? instance.processDefinitionId;
        if (definition?.versionTag) instance.processDefinitionVersionTag = definition.versionTag;
      }
    }
    return router;
  };
}
