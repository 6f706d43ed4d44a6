import { Router } from 'express';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { badRequest } from '../problem';

/**
 * `GET /v2/onego/security/refusals?limit=100&actor=xu.ming` (OneGo extension; auditor or admin): the newest
 * refused requests from the security log, repeats aggregated (`count`, `firstAt`, `lastAt`). Refusals are
 * kept there instead of in the command log, so this is where auditors see who was turned away.
 */
export function securityRefusalRoutes(context: RestRouteContext): Router {
  const router = Router();
  router.get('/onego/security/refusals', (request, response) => {
    requestAuth(response).require({ action: 'audit:read' });
    const limit = request.query.limit === undefined ? 100 : Number(request.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw badRequest(`limit 须为 1 到 1000 的整数 / Expected limit to be an integer from 1 to 1000, but got '${String(request.query.limit)}'`);
    }
    const actor = typeof request.query.actor === 'string' ? request.query.actor : undefined;
    response.json({ items: context.auth?.refusals?.()?.read(limit, actor) ?? [] });
  });
  return router;
}
