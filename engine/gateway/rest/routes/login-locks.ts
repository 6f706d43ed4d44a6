import { Router } from 'express';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { HttpProblem } from '../problem';

/**
 * `DELETE /v2/onego/login-locks/{username}` (OneGo extension; admin only): lift the lock that too many
 * wrong passwords put on an account, so its owner can log in again before the lock runs out. 204 when a
 * lock was lifted, 404 when the account was not locked.
 */
export function loginLockRoutes(context: RestRouteContext): Router {
  const router = Router();
  router.delete('/onego/login-locks/:username', (request, response) => {
    requestAuth(response).require({ action: 'login-lock:lift' });
    const username = String(request.params.username);
    if (!context.auth?.loginThrottle?.lift(username)) {
      throw new HttpProblem(404, 'NOT_FOUND', `账号 '${username}' 未被锁定 / Expected a locked account '${username}', but it is not locked`);
    }
    response.status(204).end();
  });
  return router;
}
