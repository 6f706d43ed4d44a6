import { Router } from 'express';
import { JOB_SEARCH } from '../../../history/readers/jobs';
import { requestAuth } from '../authentication';
import type { RestRouteContext } from '../context';
import { searchHistory } from '../history-readers/history-reads';
import { objectBody } from '../request-fields';

/**
 * `POST /v2/jobs/search` (Camunda 8.9): jobs from history, filtered and sorted by the fields of Camunda's
 * JobFilter (type, state, worker, retries, processInstanceKey, elementId, …), offset or cursor paging. Who may
 * read process instances may read their jobs (auditors, admins).
 */
export function jobSearchRoutes(context: RestRouteContext): Router {
  const router = Router();
  router.post('/jobs/search', async (request, response) => {
    requestAuth(response).require({ action: 'process-instance:read' });
    response.json(await searchHistory(context, JOB_SEARCH, objectBody(request)));
  });
  return router;
}
