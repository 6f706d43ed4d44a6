import { Router } from 'express';
import type { RestRouteContext } from '../context';
import { requestAuth } from '../authentication';
import { badRequest } from '../problem';

/**
 * `PUT /v2/clock` pins the engine clock at `{ timestamp }` (epoch ms); `POST /v2/clock/reset` returns it to
 * system time. Both answer 204, as Camunda 8 does. They exist only on an engine started with a controlled
 * clock (Camunda: `zeebe.clock.controlled`): on a production engine nobody, an admin included, can freeze
 * time and turn every light red; there the routes answer 404 like any unknown path.
 */
export function clockRoutes(context: RestRouteContext): Router {
  const router = Router();
  if (!context.engine.clock.controlled) return router;
  router.put('/clock', async (request, response) => {
    const timestamp: unknown = (request.body as { timestamp?: unknown } | undefined)?.timestamp;
    if (timestamp === undefined || timestamp === null) {
      throw badRequest('No timestamp provided.');
    }
    if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp)) {
      throw badRequest(`Expected 'timestamp' to be an integer of epoch milliseconds, but was '${String(timestamp)}'.`);
    }
    if (timestamp < 0) {
      throw badRequest(`The value for timestamp is '${timestamp}' but must be not negative.`);
    }
    await context.engine.clock.pin(timestamp, requestAuth(response).context);
    response.status(204).end();
  });
  router.post('/clock/reset', async (_request, response) => {
    await context.engine.clock.reset(requestAuth(response).context);
    response.status(204).end();
  });
  return router;
}
