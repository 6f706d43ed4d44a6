/**
 * The calendar under `/v2/apps` (OneGo extension, behind the engine's authentication):
 * - `GET /apps/calendar` (any signed-in user): covered years with their days, missing years, provisional
 *   open deadlines and the banner text (see `calendar-status.ts`);
 * - `POST /apps/calendar/import` (admin): `{ year, text, dryRun? }` — reads the State Council notice; unless a
 *   dry run, writes `<calendarFolder>/<year>.json`, reloads the calendar the workers and apps count on and
 *   broadcasts `calendar-updated` with the actor, so open cases recompute and the audit trail says who.
 *   Refusals are 400 problem+json with `detail` (Chinese) and `errors: [{ line, text, reason }]`; the calendar
 *   in force is unchanged on any error.
 */
import { Router, type Response } from 'express';
import type { EngineApi } from '../../engine/api';
import { requestAuth } from '../../engine/gateway/rest/authentication';
import { CALENDAR_UPDATED_SIGNAL, importCalendarYear, type BusinessCalendar, type CalendarUpdate, type NoticeError } from '../../workers/calendar';
import type { OpenDeadline } from './case-index/case-index';
import { CalendarDailyWarning } from './calendar-daily-warning';
import { calendarStatus } from './calendar-status';

/** What the calendar routes need. */
export interface CalendarRoutesOptions {
  engine: EngineApi;
  /** Every deadline of the open cases now (from the apps' case index, caught up with history). */
  openDeadlines: () => Promise<OpenDeadline[]>;
  /** The calendar the workers and lights count on (from `calendarFromEnv`, so an import reloads it). */
  calendar: BusinessCalendar;
  /** Where imported years are written (`<data>/calendars`); without it the import route answers 501. */
  calendarFolder?: string;
  /** The notifier for the banner's warning, sent once a day (see `calendar-daily-warning.ts`). */
  notifyCalendarWarning?: (text: string) => void | Promise<void>;
}

/** Longest notice text accepted (a notice is about 2 000 characters). */
const MAX_NOTICE_CHARS = 50_000;

function refuse(response: Response, instance: string, detail: string, errors: NoticeError[]): void {
  response
    .status(400)
    .type('application/problem+json')
    .send(JSON.stringify({ type: 'about:blank', title: 'INVALID_ARGUMENT', status: 400, detail, instance, errors }));
}

/** The calendar routes, for `router.use(...)` inside the apps API. */
export function calendarRoutes(options: CalendarRoutesOptions): Router {
  const { engine, openDeadlines, calendar } = options;
  const router = Router();
  const status = async () => {
    const now = engine.clock.now();
    return calendarStatus(calendar, await openDeadlines(), now);
  };
  if (options.notifyCalendarWarning) {
    const daily = new CalendarDailyWarning({ now: () => engine.clock.now(), warning: async () => (await status()).warning, send: options.notifyCalendarWarning });
    // A failed send is tried again after the next commit; it must never disturb the engine's commit loop.
    engine.onCommitted(() => void daily.check().catch(() => undefined));
  }

  router.get('/apps/calendar', async (_request, response) => {
    requestAuth(response);
    response.json(await status());
  });

  router.post('/apps/calendar/import', async (request, response) => {
    const auth = requestAuth(response);
    // A calendar changes what every deadline means, as a deployment changes what every model means: admins only.
    auth.require({ action: 'deployment:create' });
    const body = (request.body ?? {}) as { year?: unknown; text?: unknown; dryRun?: unknown };
    const instance = request.originalUrl;
    const shapeErrors: NoticeError[] = [];
    if (typeof body.text !== 'string' || body.text.trim() === '') {
      shapeErrors.push({ line: 0, text: '', reason: '请提供通知全文 text（the notice text is required as a string）' });
    } else if (body.text.length > MAX_NOTICE_CHARS) {
      shapeErrors.push({ line: 0, text: '', reason: `通知文本超过${MAX_NOTICE_CHARS}字（the text is longer than ${MAX_NOTICE_CHARS} characters）` });
    }
    if (body.dryRun !== undefined && typeof body.dryRun !== 'boolean') {
      shapeErrors.push({ line: 0, text: String(body.dryRun), reason: 'dryRun 应为 true 或 false（dryRun must be a boolean）' });
    }
    if (shapeErrors.length > 0) return refuse(response, instance, '导入请求不完整，日历未改变。', shapeErrors);
    const dryRun = body.dryRun === true;
    if (!dryRun && !options.calendarFolder) {
      response.status(501).type('application/problem+json').send(JSON.stringify({
        type: 'about:blank', title: 'UNIMPLEMENTED', status: 501, instance,
        detail: '此服务未配置日历目录，不能写入导入的年份（no calendar folder is configured for imports）',
      }));
      return;
    }
    let result;
    try {
      result = importCalendarYear({ year: body.year as number, text: body.text as string, folder: options.calendarFolder ?? '', dryRun });
    } catch (error) {
      // A broken file elsewhere in the folders makes the reload fail; the written year is still checked data.
      return refuse(response, instance, `日历重新加载失败，在用日历未改变：${(error as Error).message}`, []);
    }
    if (!result.ok) {
      return refuse(response, instance, `通知有${result.errors.length}处无法导入，日历未改变。`, result.errors);
    }
    let recomputedSignal = false;
    if (result.written) {
      const update: CalendarUpdate = { year: result.file.year, importedBy: auth.principal?.username ?? 'anonymous' };
      await engine.broadcastSignal(CALENDAR_UPDATED_SIGNAL, { calendarUpdate: update }, undefined, auth.context);
      recomputedSignal = true;
    }
    const days = (offDay: boolean) => result.file.days.filter((day) => day.isOffDay === offDay).map(({ date, name }) => ({ date, name }));
    response.json({ year: result.file.year, holidays: days(true), workdays: days(false), written: result.written, recomputedSignal });
  });

  return router;
}
