import { Router } from 'express';
import type { RestRouteContext } from '../context';

/**
 * `GET /v2/status` (8.8): 204 while the engine takes commands and can write its log, 503 when it cannot. Like
 * Camunda, it needs no credentials (load balancers ask it), so it is mounted before authentication and says
 * nothing but the status code.
 */
export function statusRoutes(context: RestRouteContext): Router {
  const router = Router();
  router.get('/status', (_request, response) => {
    response.status(context.engine.health().up ? 204 : 503).end();
  });
  return router;
}
