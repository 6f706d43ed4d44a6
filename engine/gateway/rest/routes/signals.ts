import { Router } from 'express';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { objectBody, optionalVariables, requiredString, tenantOf } from '../request-fields';

/** `POST /v2/signals/broadcast`. */
export function signalRoutes(context: RestRouteContext): Router {
  const router = Router();
  router.post('/signals/broadcast', async (request, response) => {
    const auth = requestAuth(response);
    const body = objectBody(request);
    const signalName = requiredString(body, 'signalName');
    const variables = optionalVariables(body);
    const tenantId = tenantOf(body);
    auth.require({ action: 'signal:broadcast' });
    const result = await context.engine.broadcastSignal(signalName, variables, tenantId, auth.context);
    response.json({ tenantId: result.tenantId, signalKey: result.key });
  });
  return router;
}
