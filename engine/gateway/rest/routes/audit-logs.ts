import { Router } from 'express';
import { USER_TASK_AUDIT_LOG_SEARCH } from '../../../history/readers/audit-logs';
import { auditLogSearchSpec } from '../../../identity/refusal-audit';
import { USER_TASK_SEARCH } from '../../../history/readers/user-tasks';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { historyFor } from '../history-access';
import { HttpProblem } from '../problem';
import { keyParam, objectBody } from '../request-fields';
import { getFromHistory, searchHistory } from '../history-readers/history-reads';

/**
 * Camunda 8.9's user-operation audit log: `POST /v2/audit-logs/search` and `GET /v2/audit-logs/{auditLogKey}`
 * (auditors and admins), and `POST /v2/user-tasks/{userTaskKey}/audit-logs/search` (whoever may read the task), from the history store's
 * hash-chained `audit_log` table, and refused requests (result FAIL) from `security_refusal` (issue 13).
 */
export function auditLogRoutes(context: RestRouteContext): Router {
  const router = Router();

  router.post('/audit-logs/search', async (request, response) => {
    requestAuth(response).require({ action: 'audit:read' });
    const body = objectBody(request);
    // Refusals held for aggregation are written first, so the auditor sees them up to this moment.
    context.auth?.refusals?.()?.flush();
    const { db } = await historyFor(context);
    response.json(await searchHistory(context, auditLogSearchSpec(db), body));
  });

  // 8.9's single entry, refusals included (their keys lie above the exporter's, see refusal-audit.ts).
  router.get('/audit-logs/:auditLogKey', async (request, response) => {
    const key = keyParam(request, 'auditLogKey');
    requestAuth(response).require({ action: 'audit:read' });
    context.auth?.refusals?.()?.flush();
    const { db } = await historyFor(context);
    const entry = await getFromHistory(context, auditLogSearchSpec(db), key);
    if (!entry) throw new HttpProblem(404, 'NOT_FOUND', `Audit log with key '${key}' not found`);
    response.json(entry);
  });

  router.post('/user-tasks/:userTaskKey/audit-logs/search', async (request, response) => {
    const key = keyParam(request, 'userTaskKey');
    const auth = requestAuth(response);
    const body = objectBody(request);
    const task = await getFromHistory(context, USER_TASK_SEARCH, key);
    if (!task) throw new HttpProblem(404, 'NOT_FOUND', `User task with key '${key}' not found`);
    auth.require({ action: 'user-task:read', task: { userTaskKey: key, assignee: task.assignee ?? null, candidateGroups: task.candidateGroups, candidateUsers: task.candidateUsers } });
    response.json(await searchHistory(context, USER_TASK_AUDIT_LOG_SEARCH, body, { conditions: ['user_task_key = ?'], params: [key] }));
  });
  return router;
}
