import { Router, type Request, type Response } from 'express';
import type { ActivateJobsRequest, ActivatedJob, CommandContext, EngineApi } from '../../../api';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { badRequest } from '../problem';
import {
  keyParam,
  objectBody,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringList,
  optionalVariables,
  requiredString,
  type Body,
} from '../request-fields';

/** How long an activation with `requestTimeout` 0 (or absent) waits for jobs: Zeebe's gateway default. */
export const DEFAULT_JOB_POLL_MS = 10_000;

/** A job as Camunda 8.8's ActivatedJobResult. */
function toJobResult(job: ActivatedJob): Record<string, unknown> {
  return {
    type: job.type,
    processDefinitionId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion,
    elementId: job.elementId,
    customHeaders: job.customHeaders,
    worker: job.worker,
    retries: job.retries,
    deadline: job.deadline,
    variables: job.variables,
    tenantId: job.tenantId,
    jobKey: job.key,
    processInstanceKey: job.processInstanceKey,
    processDefinitionKey: job.processDefinitionKey,
    elementInstanceKey: job.elementInstanceKey,
    kind: job.kind ?? 'BPMN_ELEMENT',
    listenerEventType: job.listenerEventType ?? 'UNSPECIFIED',
  };
}

function readActivation(body: Body): { command: ActivateJobsRequest; requestTimeoutMs: number } {
  const type = requiredString(body, 'type');
  if (type.trim() === '') throw badRequest('No type provided.');
  const timeoutMs = optionalInteger(body, 'timeout', { min: 1 });
  if (timeoutMs === undefined) throw badRequest('No timeout provided.');
  const maxJobsToActivate = optionalInteger(body, 'maxJobsToActivate', { min: 1 });
  if (maxJobsToActivate === undefined) throw badRequest('No maxJobsToActivate provided.');
  const tenantIds = optionalStringList(body, 'tenantIds');
  if (tenantIds?.some((tenant) => tenant !== '<default>' && tenant !== '')) {
    throw badRequest(`Expected to handle request with tenant identifiers [${tenantIds.join(', ')}], but multi-tenancy is disabled`);
  }
  const requestTimeout = optionalInteger(body, 'requestTimeout') ?? 0;
  return {
    command: {
      type,
      worker: optionalString(body, 'worker') || 'default',
      timeoutMs,
      maxJobsToActivate,
      fetchVariables: optionalStringList(body, 'fetchVariable') ?? optionalStringList(body, 'fetchVariables'),
      tenantIds: ['<default>'],
    },
    requestTimeoutMs: requestTimeout === 0 ? DEFAULT_JOB_POLL_MS : requestTimeout,
  };
}

/**
 * Activate with long polling: answer at once when jobs are there; otherwise wait until the engine says
 * jobs of this type may have become activatable, or until the request timeout (negative: never wait). A
 * client that hung up is never handed jobs, so none stay locked to a worker that is gone.
 */
async function activateWithLongPolling(
  engine: EngineApi,
  command: ActivateJobsRequest,
  requestTimeoutMs: number,
  ctx: CommandContext,
  request: Request,
  response: Response,
): Promise<ActivatedJob[]> {
  let gone = false;
  const onClose = () => {
    if (!response.writableEnded) gone = true;
  };
  response.on('close', onClose);
  try {
    const first = await engine.activateJobs(command, ctx);
    if (first.length > 0 || requestTimeoutMs < 0) return first;
    const deadline = Date.now() + requestTimeoutMs;
    while (!gone && Date.now() < deadline) {
      const woken = await new Promise<'jobs' | 'timeout' | 'gone'>((resolve) => {
        const timer = setTimeout(() => finish('timeout'), Math.max(0, deadline - Date.now()));
        const unsubscribe = engine.onJobsAvailable((type) => {
          if (type === command.type) finish('jobs');
        });
        const closed = () => finish('gone');
        request.socket.once('close', closed);
        function finish(reason: 'jobs' | 'timeout' | 'gone') {
          clearTimeout(timer);
          unsubscribe();
          request.socket.off('close', closed);
          resolve(reason);
        }
      });
      if (woken === 'gone' || gone) return [];
      const jobs = await engine.activateJobs(command, ctx);
      if (jobs.length > 0 || woken === 'timeout') return jobs;
    }
    return [];
  } finally {
    response.off('close', onClose);
  }
}

/** Jobs: activation (long polling), completion, failure, error, update. */
export function jobRoutes(context: RestRouteContext): Router {
  const router = Router();
  const { engine } = context;

  router.post('/jobs/activation', async (request, response) => {
    const auth = requestAuth(response);
    const { command, requestTimeoutMs } = readActivation(objectBody(request));
    auth.require({ action: 'job:work' });
    const jobs = await activateWithLongPolling(engine, command, requestTimeoutMs, auth.context, request, response);
    if (response.writableEnded || request.socket.destroyed) return;
    response.json({ jobs: jobs.map(toJobResult) });
  });

  router.post('/jobs/:jobKey/completion', async (request, response) => {
    const auth = requestAuth(response);
    const jobKey = keyParam(request, 'jobKey');
    const body = objectBody(request);
    const variables = optionalVariables(body);
    const result = optionalObject(body, 'result');
    auth.require({ action: 'job:work' });
    await engine.completeJob(jobKey, variables, auth.context, result ?? undefined);
    response.status(204).end();
  });

  router.post('/jobs/:jobKey/failure', async (request, response) => {
    const auth = requestAuth(response);
    const jobKey = keyParam(request, 'jobKey');
    const body = objectBody(request);
    const failure = {
      jobKey,
      retries: optionalInteger(body, 'retries', { min: 0 }) ?? 0,
      errorMessage: optionalString(body, 'errorMessage'),
      retryBackOffMs: optionalInteger(body, 'retryBackOff', { min: 0 }) ?? 0,
      variables: optionalVariables(body),
    };
    auth.require({ action: 'job:work' });
    await engine.failJob(failure, auth.context);
    response.status(204).end();
  });

  router.post('/jobs/:jobKey/error', async (request, response) => {
    const auth = requestAuth(response);
    const jobKey = keyParam(request, 'jobKey');
    const body = objectBody(request);
    const thrown = {
      jobKey,
      errorCode: requiredString(body, 'errorCode'),
      errorMessage: optionalString(body, 'errorMessage'),
      variables: optionalVariables(body),
    };
    auth.require({ action: 'job:work' });
    await engine.throwError(thrown, auth.context);
    response.status(204).end();
  });

  router.patch('/jobs/:jobKey', async (request, response) => {
    const auth = requestAuth(response);
    const jobKey = keyParam(request, 'jobKey');
    const changeset = optionalObject(objectBody(request), 'changeset');
    if (!changeset) throw badRequest('No changeset provided.');
    const retries = optionalInteger(changeset, 'retries', { min: 1 });
    const timeout = optionalInteger(changeset, 'timeout', { min: 0 });
    if (retries === undefined && timeout === undefined) throw badRequest('At least one of [retries, timeout] is required.');
    auth.require({ action: 'job:work' });
    if (retries !== undefined) await engine.updateJobRetries(jobKey, retries, auth.context);
    if (timeout !== undefined) await engine.updateJobTimeout(jobKey, timeout, auth.context);
    response.status(204).end();
  });
  return router;
}
