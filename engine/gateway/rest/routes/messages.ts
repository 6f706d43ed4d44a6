import { Router } from 'express';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { objectBody, optionalInteger, optionalString, optionalVariables, requiredString, tenantOf } from '../request-fields';

/** `POST /v2/messages/publication` (buffered with a TTL) and `POST /v2/messages/correlation` (now or 404). */
export function messageRoutes(context: RestRouteContext): Router {
  const router = Router();
  const { engine } = context;

  router.post('/messages/publication', async (request, response) => {
    const auth = requestAuth(response);
    const body = objectBody(request);
    const message = {
      name: requiredString(body, 'name'),
      correlationKey: optionalString(body, 'correlationKey') ?? '',
      timeToLiveMs: optionalInteger(body, 'timeToLive', { min: 0 }) ?? 0,
      messageId: optionalString(body, 'messageId'),
      variables: optionalVariables(body),
      tenantId: tenantOf(body),
    };
    auth.require({ action: 'message:publish' });
    const published = await engine.publishMessage(message, auth.context);
    response.json({ tenantId: published.tenantId, messageKey: published.key });
  });

  router.post('/messages/correlation', async (request, response) => {
    const auth = requestAuth(response);
    const body = objectBody(request);
    const message = {
      name: requiredString(body, 'name'),
      correlationKey: optionalString(body, 'correlationKey') ?? '',
      variables: optionalVariables(body),
      tenantId: tenantOf(body),
    };
    auth.require({ action: 'message:publish' });
    const correlated = await engine.correlateMessage(message, auth.context);
    response.json({ tenantId: correlated.tenantId, messageKey: correlated.key, processInstanceKey: correlated.processInstanceKey });
  });
  return router;
}
