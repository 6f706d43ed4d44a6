import { Router } from 'express';
import { ProcessInstanceBusinessIdIntent, ProcessInstanceSuspensionIntent, ValueType } from '../../../protocol';
import { MAX_BUSINESS_ID_LENGTH } from '../../../processing/processors/business-id-processor';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { badRequest } from '../problem';
import { keyParam, objectBody, optionalString } from '../request-fields';

/** A business id as Camunda 8.10 takes it: a non-empty string of at most {@link MAX_BUSINESS_ID_LENGTH} characters. */
export function businessIdOf(body: Record<string, unknown>, required: boolean): string | undefined {
  const value = body.businessId;
  if (value === undefined || value === null) {
    if (required) throw badRequest('No businessId provided. / 未提供业务编号 businessId。');
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw badRequest(`Expected 'businessId' to be a non-empty string, but was ${JSON.stringify(value)}. / 业务编号 businessId 须为非空字符串。`);
  }
  if (value.length > MAX_BUSINESS_ID_LENGTH) {
    throw badRequest(`Expected 'businessId' to have at most ${MAX_BUSINESS_ID_LENGTH} characters, but it has ${value.length}. / 业务编号 businessId 最长 ${MAX_BUSINESS_ID_LENGTH} 个字符。`);
  }
  return value;
}

/**
 * Camunda 8.10's process-instance lifecycle endpoints: `POST /v2/process-instances/{key}/suspension` and
 * `/resumption` (204; 404 unknown instance; 409 not ACTIVE / not SUSPENDED) and
 * `POST /v2/process-instances/{key}/business-id-assignment` (204; 409 when it already has another id or is a
 * called instance). Admins only, as modification.
 */
export function processInstanceLifecycleRoutes(context: RestRouteContext): Router {
  const router = Router();
  const suspension = (intent: string) => async (request: import('express').Request, response: import('express').Response) => {
    const auth = requestAuth(response);
    const key = keyParam(request, 'processInstanceKey');
    const body = objectBody(request);
    const operationReference = optionalString(body, 'operationReference') ?? (typeof body.operationReference === 'number' ? String(body.operationReference) : undefined);
    auth.require({ action: 'process-instance:modify' });
    await context.engine.submitCommand(
      { key, valueType: ValueType.PROCESS_INSTANCE_SUSPENSION, intent, value: { processInstanceKey: key, ...(operationReference ? { operationReference } : {}) } },
      auth.context,
    );
    response.status(204).end();
  };
  router.post('/process-instances/:processInstanceKey/suspension', suspension(ProcessInstanceSuspensionIntent.SUSPEND));
  router.post('/process-instances/:processInstanceKey/resumption', suspension(ProcessInstanceSuspensionIntent.RESUME));

  router.post('/process-instances/:processInstanceKey/business-id-assignment', async (request, response) => {
    const auth = requestAuth(response);
    const key = keyParam(request, 'processInstanceKey');
    const businessId = businessIdOf(objectBody(request), true)!;
    auth.require({ action: 'process-instance:modify' });
    await context.engine.submitCommand(
      { key, valueType: ValueType.PROCESS_INSTANCE_BUSINESS_ID, intent: ProcessInstanceBusinessIdIntent.ASSIGN, value: { processInstanceKey: key, businessId } },
      auth.context,
    );
    response.status(204).end();
  });
  return router;
}
