import { Router } from 'express';
import type { RestRouteContext } from './context';
import { auditLogRoutes } from './routes/audit-logs';
import { authorizationRoutes } from './routes/authorizations';
import { deploymentRoutes } from './routes/deployments';
import { decisionRoutes } from './routes/decisions';
import { decisionDefinitionRoutes } from './routes/decision-definitions';
import { formRoutes } from './routes/forms';
import { elementInstanceRoutes } from './routes/element-instances';
import { incidentRoutes } from './routes/incidents';
import { jobRoutes } from './routes/jobs';
import { loginLockRoutes } from './routes/login-locks';
import { securityRefusalRoutes } from './routes/security-refusals';
import { messageRoutes } from './routes/messages';
import { onegoStatusRoutes } from './routes/onego-status';
import { processDefinitionRoutes } from './routes/process-definitions';
import { processInstanceRoutes } from './routes/process-instances';
import { processInstanceRelationRoutes } from './routes/process-instance-relations';
import { waitStateRoutes } from './routes/wait-states';
import { signalRoutes } from './routes/signals';
import { statisticsRoutes } from './routes/statistics';
import { userTaskRoutes } from './routes/user-tasks';
import { variableRoutes } from './routes/variables';
import type { RestServices } from './services';

/**
 * Every resource of issue 4 (deployments, process instances and definitions, jobs, messages, signals,
 * decisions, incidents, variables, element instances, user tasks, statistics); searches and gets read the history store.
 */
export function resourceRoutes(context: RestRouteContext): Router {
  const services: RestServices = { directory: context.auth?.directory };
  const router = Router();
  for (const routes of [
    deploymentRoutes,
    processInstanceRoutes(services),
    processInstanceRelationRoutes,
    waitStateRoutes,
    processDefinitionRoutes(services),
    jobRoutes,
    messageRoutes,
    signalRoutes,
    decisionRoutes,
    incidentRoutes(services),
    variableRoutes(services),
    elementInstanceRoutes(services),
    userTaskRoutes(services),
    onegoStatusRoutes,
    loginLockRoutes,
    securityRefusalRoutes,
    auditLogRoutes,
    statisticsRoutes,
    authorizationRoutes,
    decisionDefinitionRoutes,
    formRoutes,
  ]) {
    router.use(routes(context));
  }
  return router;
}
