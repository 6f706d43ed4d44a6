/**
 * The apps' reader thread: it owns the apps' case index (`apps-cases.sqlite`, written only here) and reads the
 * history store through its own read-only connection, so the audit lists, the 亮灯 board, the statistics, the
 * exports and the department dashboard never hold the engine thread (issue 13). Requests are answered one at a
 * time, in order, each after the index has caught up with history (the task list's history-only reads without
 * waiting for it; see `apps-reads.ts` for what it answers).
 */
import Database from 'better-sqlite3';
import { parentPort, threadId, workerData } from 'node:worker_threads';
// The calendar's modules directly: its index also loads the calendar folders, which a bundled thread cannot locate.
import { BusinessCalendar } from '../../../workers/calendar/business-calendar';
import { HolidayTable } from '../../../workers/calendar/holiday-table';
import { HttpProblem } from '../../../engine/gateway/rest/problem';
import { APPS_READS, HISTORY_ONLY_READS, type AppsReadContext, type NameBook } from './apps-reads';
import type { AppsReadReply, AppsReadRequest, CalendarSpec } from './apps-reader-messages';
import { CaseIndex } from './case-index';
import { CASE_INDEX_SCHEMA } from '../task-light-search';

const { historyFile, names, calendar: firstCalendar } = workerData as { historyFile: string; names: NameBook; calendar: CalendarSpec };
const history = new Database(historyFile, { readonly: true, fileMustExist: true });
history.pragma('busy_timeout = 10000');
history.pragma('cache_size = -16384');

// One calendar for the index and the reads; an import on the server reloads its years in place, as there.
const holidays = new HolidayTable({ extraYears: new Map(firstCalendar.years), warn: () => undefined });
const calendar = new BusinessCalendar({ officeHours: firstCalendar.officePeriods, holidays });
const context: AppsReadContext = { index: new CaseIndex(history, calendar), calendar, names };
// The task search with lights joins tasks to the index's cases on this (read-only) history connection.
history.prepare(`ATTACH DATABASE ? AS ${CASE_INDEX_SCHEMA}`).run(context.index.db.name);
let queue: Promise<void> = Promise.resolve();

async function answer(request: AppsReadRequest): Promise<AppsReadReply> {
  try {
    // A calendar import on the server changes what the lights count: the new calendar comes with the next request.
    if (request.calendar) holidays.reload(new Map(request.calendar.years));
    if (!HISTORY_ONLY_READS.has(request.name)) await context.index.catchUp();
    const read = APPS_READS[request.name] as (context: AppsReadContext, ...args: unknown[]) => unknown;
    return { id: request.id, ok: true, value: await read(context, ...request.args), threadId };
  } catch (error) {
    const problem = error instanceof HttpProblem ? { status: error.status, title: error.title, detail: error.message } : undefined;
    return { id: request.id, ok: false, problem, message: (error as Error).message ?? String(error), threadId };
  }
}

parentPort!.on('message', (request: AppsReadRequest | 'close') => {
  if (request === 'close') {
    // At once, between two chunks of work: a first build in progress stops at its next chunk (the next start goes on
    // from an empty index) instead of holding the server's shutdown. Closing checkpoints the WAL (no -wal / -shm left).
    // History first: it has the index attached, and only the index's last connection removes its WAL.
    history.close();
    context.index.close();
    process.exit(0);
  }
  queue = queue.then(async () => parentPort!.postMessage(await answer(request)));
});
