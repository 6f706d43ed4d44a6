/**
 * The apps' own read-only REST routes under `/v2/apps` (mounted with the engine's `restRoutes`, so they
 * sit behind its authentication): case facts for the task list, and for auditors the instances, each
 * instance's history and diagram state, and the 亮灯 board.
 */
import { Router } from 'express';
import { requestAuth } from '../../engine/gateway/rest/authentication';
import type { RestRouteContext } from '../../engine/gateway/rest/context';
import { HttpProblem, badRequest } from '../../engine/gateway/rest/problem';
import type { BusinessCalendar } from '../../workers/calendar';
import { calendarRoutes } from './calendar-routes';
import { caseFactsOf, lightBoard, type CaseFacts } from './case-lights';
import { InstanceRecordIndex, elementStatesOf, historyOf } from './instance-records';

/** What the apps' API needs besides the engine. */
export interface AppsApiOptions {
  /** The working-day calendar the lights count in (the workers' calendar). */
  calendar: BusinessCalendar;
  /** Where `POST /v2/apps/calendar/import` writes years (`<data>/calendars`); see `calendar-routes.ts`. */
  calendarFolder?: string;
  /** Sends the calendar banner's warning once a day (the notifier); see `calendar-daily-warning.ts`. */
  notifyCalendarWarning?: (text: string) => void | Promise<void>;
}

/** Most task keys one `task-cases` call may ask about (a task list page). */
const MAX_TASK_KEYS = 500;

/** A route module for `startEngineServer({ restRoutes })`. */
export function appsApiRoutes(options: AppsApiOptions): (context: RestRouteContext) => Router {
  return ({ engine }) => {
    const router = Router();
    const index = new InstanceRecordIndex(engine);
    router.use(calendarRoutes({ engine, index, ...options }));

    router.post('/apps/task-cases', (request, response) => {
      const auth = requestAuth(response);
      const keys = (request.body as { userTaskKeys?: unknown } | undefined)?.userTaskKeys;
      if (!Array.isArray(keys) || keys.some((key) => typeof key !== 'string') || keys.length > MAX_TASK_KEYS) {
        throw badRequest(`Expected 'userTaskKeys' to be an array of at most ${MAX_TASK_KEYS} user task keys (strings), but was ${JSON.stringify(keys)}.`);
      }
      const now = engine.clock.now();
      const cases: Record<string, CaseFacts> = {};
      for (const key of keys as string[]) {
        const task = engine.getUserTask(key);
        // Tasks the caller may not see are left out, as the task search leaves them out.
        if (!task || !auth.allows({ action: 'user-task:read', task: { ...task, assignee: task.assignee || null } })) continue;
        cases[key] = caseFactsOf(engine, task.processInstanceKey, options.calendar, now);
      }
      response.json({ now: new Date(now).toISOString(), cases });
    });

    router.get('/apps/audit/process-instances', (_request, response) => {
      requestAuth(response).require({ action: 'audit:read' });
      index.catchUp();
      const items = index.instances().map((instance) => ({
        ...instance,
        startedAt: new Date(instance.startedAt).toISOString(),
        endedAt: instance.endedAt === undefined ? null : new Date(instance.endedAt).toISOString(),
      }));
      response.json({ items });
    });

    router.get('/apps/audit/process-instances/:processInstanceKey', (request, response) => {
      requestAuth(response).require({ action: 'audit:read' });
      index.catchUp();
      const key = String(request.params.processInstanceKey);
      const instance = index.instance(key);
      if (!instance) throw new HttpProblem(404, 'NOT_FOUND', `Process instance with key '${key}' not found`);
      const records = index.records(key);
      response.json({
        instance: {
          ...instance,
          startedAt: new Date(instance.startedAt).toISOString(),
          endedAt: instance.endedAt === undefined ? null : new Date(instance.endedAt).toISOString(),
        },
        // An ended instance has no live variables; its case id and title come from the record stream.
        case: { ...caseFactsOf(engine, key, options.calendar, engine.clock.now()), caseId: instance.caseId, caseTitle: instance.caseTitle },
        elements: elementStatesOf(records),
        history: historyOf(records),
      });
    });

    router.get('/apps/audit/lights', (_request, response) => {
      requestAuth(response).require({ action: 'audit:read' });
      const now = engine.clock.now();
      response.json({ now: new Date(now).toISOString(), cases: lightBoard(index, engine, options.calendar, now) });
    });

    return router;
  };
}
