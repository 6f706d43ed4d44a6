import { Router } from 'express';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';

/**
 * `GET /v2/onego/status` (OneGo extension; admin or auditor): how far the log goes and how big it is, how
 * far history lags behind it, and the newest snapshot. Without history (`--no-history`) `exporter` is null.
 */
export function onegoStatusRoutes(context: RestRouteContext): Router {
  const router = Router();
  router.get('/onego/status', (_request, response) => {
    requestAuth(response).require({ action: 'audit:read' });
    const history = context.history?.status();
    response.json({
      log: history?.log ?? null,
      exporter: history?.exporter ?? null,
      snapshot: context.engine.snapshotStatus?.() ?? null,
    });
  });
  return router;
}
