/**
 * The apps' own read-only REST routes under `/v2/apps` (mounted with the engine's `restRoutes`, so they
 * sit behind its authentication): case facts for the task list, and for auditors the instances
 * (paged), each instance's history and diagram state, and the 亮灯 board — read from the history store.
 */
import { Router } from 'express';
import { requestAuth } from '../../engine/gateway/rest/authentication';
import type { RestRouteContext } from '../../engine/gateway/rest/context';
import { historyFor } from '../../engine/gateway/rest/history-access';
import { badRequest } from '../../engine/gateway/rest/problem';
import type { History } from '../../engine/history';
import type { BusinessCalendar } from '../../workers/calendar';
import { parseExportRequest } from './audit-export';
import { identitySearchRoutes } from './admin-identity-routes';
import { nameBookOf } from './case-index/apps-reads';
import { AppsReader } from './case-index/apps-reader';
import { calendarRoutes } from './calendar-routes';
import { caseFactsOf, type CaseFacts } from './case-lights';
import { placesOf } from './places';
import { tasklistRoutes } from './tasklist-routes';

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
  return (context) => {
    const { engine } = context;
    const router = Router();
    // The apps' reader thread of the history store in use (a new one after a restart or rebuild): the case index
    // and every heavy read live there, off the engine thread.
    let reader: AppsReader | undefined;
    const readerOf = (history: History): AppsReader => {
      if (reader?.history !== history || !history.db.open) {
        void reader?.close();
        reader = new AppsReader(history, options.calendar, nameBookOf(context.auth?.directory));
      }
      return reader;
    };
    /** The reader after the bounded read-your-writes wait for history (503 without history). */
    const appsReader = async () => readerOf(await historyFor(context));
    // Closed with the server, so the index's WAL is checkpointed and no -wal / -shm file is left behind.
    context.onClose?.(() => reader?.close());
    // Without a history store (--no-history) there is no list of open cases to count provisional deadlines in.
    const openDeadlines = async () => {
      if (!context.history) return [];
      // Counted after the bounded read-your-writes wait, so a case opened a moment ago is in it.
      return (await appsReader()).read('openDeadlines');
    };
    router.use(calendarRoutes({ engine, openDeadlines, ...options }));
    router.use(tasklistRoutes(context, appsReader));
    // Camunda's read-only user and group searches, for the admin app's 用户与部门 page.
    router.use(identitySearchRoutes(context));

    // The task's holder by name (秦月, not qin.yue): staff and supervisors read who has a task, not account names.
    const assigneeNameOf = (assignee: string | null | undefined): { assigneeName?: string } => {
      const name = assignee ? context.auth?.directory?.principal(assignee)?.name : undefined;
      return name ? { assigneeName: name } : {};
    };
    router.post('/apps/task-cases', async (request, response) => {
      const auth = requestAuth(response);
      const keys = (request.body as { userTaskKeys?: unknown } | undefined)?.userTaskKeys;
      if (!Array.isArray(keys) || keys.some((key) => typeof key !== 'string') || keys.length > MAX_TASK_KEYS) {
        throw badRequest(`Expected 'userTaskKeys' to be an array of at most ${MAX_TASK_KEYS} user task keys (strings), but was ${JSON.stringify(keys)}.`);
      }
      const now = engine.clock.now();
      const cases: Record<string, CaseFacts> = {};
      // Read on the apps' reader thread (history, after the read-your-writes wait); only the caller's check runs here.
      // Tasks the caller may not see are left out, as the task search leaves them out.
      if (keys.length > 0 && context.history) {
        for (const [key, found] of Object.entries(await (await appsReader()).read('taskCases', keys as string[], now))) {
          if (auth.allows({ action: 'user-task:read', task: found.task })) cases[key] = { ...found.facts, ...assigneeNameOf(found.task.assignee) };
        }
      } else if (!context.history) {
        // Without a history store (--no-history) there is no reader thread: the open tasks' cases from live state.
        for (const key of keys as string[]) {
          const task = engine.getUserTask(key);
          if (task && auth.allows({ action: 'user-task:read', task: { ...task, assignee: task.assignee || null } })) cases[key] = { ...caseFactsOf(engine, task.processInstanceKey, options.calendar, now), ...assigneeNameOf(task.assignee) };
        }
      }
      response.json({ now: new Date(now).toISOString(), cases });
    });

    // The first catch-up of a large history takes a while: start it now, on the reader thread, rather than inside the first request.
    const startupHistory = context.history;
    if (startupHistory) setImmediate(() => void readerOf(startupHistory).read('catchUp').catch(() => undefined));

    // The places (jurisdictions) the directory has departments in, by name, for the place filters of both apps.
    router.get('/apps/places', (_request, response) => {
      requestAuth(response);
      response.json({ items: placesOf(context.auth?.directory) });
    });

    router.get('/apps/audit/process-instances', async (request, response) => {
      requestAuth(response).require({ action: 'audit:read' });
      response.json(await (await appsReader()).read('instances', { ...request.query }, engine.clock.now()));
    });

    router.get('/apps/audit/process-instances/:processInstanceKey', async (request, response) => {
      requestAuth(response).require({ action: 'audit:read' });
      response.json(await (await appsReader()).read('instance', String(request.params.processInstanceKey), engine.clock.now()));
    });

    router.get('/apps/audit/statistics', async (request, response) => {
      requestAuth(response).require({ action: 'audit:read' });
      response.json(await (await appsReader()).read('statistics', { ...request.query }, engine.clock.now()));
    });

    router.get('/apps/audit/export/:list', async (request, response) => {
      requestAuth(response).require({ action: 'audit:read' });
      const { list, format } = parseExportRequest(String(request.params.list), request.query.format);
      const file = await (await appsReader()).read('export', list, format, { ...request.query }, engine.clock.now());
      response
        .status(200)
        .type(file.contentType)
        .setHeader('content-disposition', `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .send(Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength));
    });

    router.get('/apps/audit/lights', async (request, response) => {
      requestAuth(response).require({ action: 'audit:read' });
      response.json(await (await appsReader()).read('lights', { ...request.query }, engine.clock.now()));
    });

    return router;
  };
}
