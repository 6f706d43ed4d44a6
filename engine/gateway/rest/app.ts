import express, { type Express, type Router } from 'express';
import type { RestRouteContext } from './context';
import { HttpProblem, problemErrorHandler } from './problem';
import { authenticationRoutes } from './authentication';
import { resourceRoutes } from './resource-routes';
import { securityHeaders } from './security-headers';
import { checkedJsonBodies } from './json-depth-guard';
import { clockRoutes } from './routes/clock';
import { processInstanceModificationRoutes } from './routes/process-instance-modification';
import { processInstanceLifecycleRoutes } from './routes/process-instance-lifecycle';
import { adHocActivityRoutes } from './routes/ad-hoc-activities';
import { conditionalRoutes } from './routes/conditionals';
import { batchOperationRoutes } from './routes/batch-operations';
import { jobSearchRoutes } from './routes/job-search';
import { expressionEvaluationRoutes } from './routes/expression-evaluation';
import { topologyRoutes } from './routes/topology';
import { statusRoutes } from './routes/status';

/**
 * Largest JSON body accepted after authentication: 4 MB, Zeebe's `maxMessageSize`, above which Zeebe refuses a
 * REST command ("Request size is above configured maxMessageSize.") as the gRPC gateway refuses a message over
 * 4 MB; a bigger body could never become a command there, and parsing one held the engine thread 2.5 times as
 * long. body-parser refuses a larger declared Content-Length with 413 before reading a byte, and stops reading an
 * undeclared (chunked) one at this size.
 */
export const MAX_JSON_BODY = '4mb';

/** {@link MAX_JSON_BODY} in bytes, as body-parser reads it (the REST front door refuses a larger declared body first). */
export const MAX_JSON_BODY_BYTES = 4 * 1024 * 1024;

/** Route modules mounted under `/v2`, one per resource; add a resource by adding its module here. */
const ROUTE_MODULES: ((context: RestRouteContext) => Router)[] = [adHocActivityRoutes, conditionalRoutes, topologyRoutes, clockRoutes, processInstanceModificationRoutes, processInstanceLifecycleRoutes, batchOperationRoutes, jobSearchRoutes, expressionEvaluationRoutes, resourceRoutes];

/**
 * The REST face of the engine (Camunda 8 REST API v2). `extraRoutes` lets a caller mount more resource
 * modules (and middleware such as authentication, first in the list) without touching this file;
 * `appRoutes` are mounted at the root, outside `/v2` and its authentication (the apps' pages).
 */
export function createRestApp(
  context: RestRouteContext,
  extraRoutes: ((context: RestRouteContext) => Router)[] = [],
  appRoutes: Router[] = [],
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  const v2 = express.Router();
  // Authentication first: every resource route reads who is calling from it. Bodies are read and parsed only
  // after it (issue 13): an anonymous caller's 10 MB document costs nothing but the 401.
  // Except the status probe: Camunda answers it without credentials, for load balancers.
  v2.use(statusRoutes(context));
  v2.use(authenticationRoutes(context.auth ?? { mode: 'none' })(context));
  // Nesting is measured on the raw bytes before parsing (json-depth-guard.ts).
  v2.use(checkedJsonBodies(MAX_JSON_BODY));
  for (const routes of [...extraRoutes, ...ROUTE_MODULES]) v2.use(routes(context));
  app.use('/v2', v2);
  // Browser apps (task list, audit view) share the origin so the session cookie reaches /v2.
  for (const routes of appRoutes) app.use(routes);
  app.use((request, _response, next) => {
    next(new HttpProblem(404, 'NOT_FOUND', `Expected a Camunda REST API v2 resource, but '${request.method} ${request.path}' is not one`));
  });
  app.use(problemErrorHandler);
  return app;
}
