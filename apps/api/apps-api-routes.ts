/**
 * The apps' own read-only REST routes under `/v2/apps` (mounted with the engine's `restRoutes`, so they
 * sit behind its authentication): case facts for the task list (live tasks), and for auditors the instances
 * (paged), each instance's history and diagram state, and the 亮灯 board — read from the history store.
 */
import { Router } from 'express';
import { requestAuth } from '../../engine/gateway/rest/authentication';
import type { RestRouteContext } from '../../engine/gateway/rest/context';
import { historyFor } from '../../engine/gateway/rest/history-access';
import { HttpProblem, badRequest } from '../../engine/gateway/rest/problem';
import { sqlGet, type History } from '../../engine/history';
import { PROCESS_INSTANCE_SEARCH } from '../../engine/history/readers/process-instances';
import type { BusinessCalendar } from '../../workers/calendar';
import { caseSheet, exportFile, lightsSheet, parseExportRequest, statisticsSheets } from './audit-export';
import { identitySearchRoutes } from './admin-identity-routes';
import { lightBoardPage, MAX_BOARD_PAGE, type BoardNames, type BoardPageRow } from './audit-light-board';
import { auditStatistics } from './audit-statistics';
import { CaseIndex } from './case-index/case-index';
import { calendarRoutes } from './calendar-routes';
import { caseResultOf } from './case-result';
import { caseFactsOf, type CaseFacts } from './case-lights';
import { elementStatesOf, historyOf, instancePage, summaryOf } from './instance-records';
import { readableHistoryOf } from './readable-history';
import { historicTaskCase } from './task-case-history';
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
    // The case index of the history store in use (a new one after a restart or rebuild), caught up before each read.
    let cases: { history: History; index: CaseIndex } | undefined;
    const caseIndexOf = async (history: History): Promise<CaseIndex> => {
      if (cases?.history !== history || !history.db.open || !cases.index.db.open) {
        cases?.index.close();
        cases = { history, index: new CaseIndex(history.db, options.calendar) };
      }
      const { index } = cases;
      await index.catchUp();
      return index;
    };
    // Closed with the server, so its WAL is checkpointed and no -wal / -shm file is left behind.
    context.onClose?.(() => cases?.index.close());
    // Without a history store (--no-history) there is no list of open cases to count provisional deadlines in.
    const openDeadlines = async () => {
      if (!context.history) return [];
      // Counted after the bounded read-your-writes wait, so a case opened a moment ago is in it.
      await context.history.caughtUp();
      return (await caseIndexOf(context.history)).openDeadlines();
    };
    router.use(calendarRoutes({ engine, openDeadlines, ...options }));
    router.use(tasklistRoutes(context, options.calendar, caseIndexOf));
    // Camunda's read-only user and group searches, for the admin app's 用户与部门 page.
    router.use(identitySearchRoutes(context));

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
        if (!task) {
          // An ended task (已办任务): its case number and title from history (tasklist's task-case-history.ts).
          const ended = context.history ? historicTaskCase(context.history.db, key) : undefined;
          if (ended && auth.allows({ action: 'user-task:read', task: ended.task })) cases[key] = ended.facts;
          continue;
        }
        // Tasks the caller may not see are left out, as the task search leaves them out.
        if (!auth.allows({ action: 'user-task:read', task: { ...task, assignee: task.assignee || null } })) continue;
        cases[key] = caseFactsOf(engine, task.processInstanceKey, options.calendar, now);
      }
      response.json({ now: new Date(now).toISOString(), cases });
    });

    // The first catch-up of a large history takes a while: start it now, in chunks, rather than inside the first request.
    const startupHistory = context.history;
    if (startupHistory) setImmediate(() => void caseIndexOf(startupHistory).catch(() => undefined));
    const boardNames = (): BoardNames => {
      const directory = context.auth?.directory;
      return { department: (id) => directory?.groupName(id) ?? id, person: (username) => directory?.principal(username)?.name ?? username };
    };

    /** Every row of the board for an export, a page at a time (its filters as the page shows them). */
    const wholeBoard = (index: CaseIndex, now: number, query: Record<string, unknown>) => {
      const rows: BoardPageRow[] = [];
      for (let from = 0; ; from += MAX_BOARD_PAGE) {
        const page = lightBoardPage(index, engine, options.calendar, now, { ...query, from: String(from), limit: String(MAX_BOARD_PAGE) }, boardNames());
        rows.push(...page.items);
        if (page.items.length < MAX_BOARD_PAGE) return rows;
      }
    };

    router.get('/apps/audit/process-instances', async (request, response) => {
      requestAuth(response).require({ action: 'audit:read' });
      const index = await caseIndexOf(await historyFor(context));
      response.json(instancePage(index, request.query as Record<string, unknown>, engine.clock.now()));
    });

    router.get('/apps/audit/process-instances/:processInstanceKey', async (request, response) => {
      requestAuth(response).require({ action: 'audit:read' });
      const key = String(request.params.processInstanceKey);
      const history = await historyFor(context);
      const found = /^\d{1,19}$/.test(key) ? sqlGet(history.db, PROCESS_INSTANCE_SEARCH, key) : undefined;
      if (!found) throw new HttpProblem(404, 'NOT_FOUND', `Process instance with key '${key}' not found`);
      const instance = summaryOf(found);
      response.json({
        instance,
        // An ended instance has no live variables; its case id and title come from history.
        case: { ...caseFactsOf(engine, key, options.calendar, engine.clock.now()), caseId: instance.caseId, caseTitle: instance.caseTitle },
        /** 按时办结 / 超期办结 once the case is finished (its lights are gone then). */
        result: caseResultOf(history.db, key),
        elements: elementStatesOf(history.db, key),
        history: historyOf(history.db, key),
        readableHistory: readableHistoryOf(history.db, key, context.auth?.directory),
      });
    });

    router.get('/apps/audit/statistics', async (request, response) => {
      requestAuth(response).require({ action: 'audit:read' });
      const index = await caseIndexOf(await historyFor(context));
      const directory = context.auth?.directory;
      response.json(await auditStatistics(index, request.query as Record<string, unknown>, engine.clock.now(), (id) => directory?.groupName(id) ?? id));
    });

    router.get('/apps/audit/export/:list', async (request, response) => {
      requestAuth(response).require({ action: 'audit:read' });
      const { list, format } = parseExportRequest(String(request.params.list), request.query.format);
      const index = await caseIndexOf(await historyFor(context));
      const now = engine.clock.now();
      const query = request.query as Record<string, unknown>;
      const directory = context.auth?.directory;
      const sheets =
        list === 'cases'
          ? [caseSheet(index, query, now)]
          : list === 'lights'
            ? [lightsSheet(wholeBoard(index, now, query), options.calendar.minutesPerWorkingDay)]
            : statisticsSheets(await auditStatistics(index, query, now, (id) => directory?.groupName(id) ?? id));
      const file = await exportFile(list, format, sheets, new Date(now + 8 * 3_600_000).toISOString().slice(0, 10));
      response
        .status(200)
        .type(file.contentType)
        .setHeader('content-disposition', `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .send(file.body);
    });

    router.get('/apps/audit/lights', async (request, response) => {
      requestAuth(response).require({ action: 'audit:read' });
      const index = await caseIndexOf(await historyFor(context));
      response.json(lightBoardPage(index, engine, options.calendar, engine.clock.now(), request.query as Record<string, unknown>, boardNames()));
    });

    return router;
  };
}
