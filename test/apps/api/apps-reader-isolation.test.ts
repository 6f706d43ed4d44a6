import { expect } from 'chai';
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { AppsReader } from '../../../apps/api/case-index/apps-reader';
import { CaseIndex } from '../../../apps/api/case-index/case-index';
import { AUDITOR, LI_SI, startAppsTestBed, ZHANG_SAN, type AppsTestBed } from '../apps-test-bed';

/** Open cases, red ones (started long ago with a short limit) among them. */
const CASES = 60;

describe("the apps' heavy history reads and the task list's case reads run on their own thread", function () {
  this.timeout(180_000);
  let bed: AppsTestBed;
  const mainThreadIndexCalls: string[] = [];
  const restore: (() => void)[] = [];

  before(async () => {
    bed = await startAppsTestBed();
    for (let n = 0; n < CASES; n += 1) {
      const red = n % 2 === 0;
      await bed.openCase(`SD-ISO-${n}`, `隔离测试案件 ${n}`, red ? { startedAt: '2025-09-01T09:00:00+08:00', workingDays: 2 } : undefined);
    }
    // Any use of the case index on this (the engine's) thread is recorded: the reader thread has its own copy of the code.
    for (const method of ['catchUp', 'openDeadlines', 'dayRows'] as const) {
      const original = CaseIndex.prototype[method] as (...args: unknown[]) => unknown;
      (CaseIndex.prototype as unknown as Record<string, unknown>)[method] = function (this: CaseIndex, ...args: unknown[]) {
        mainThreadIndexCalls.push(method);
        return original.apply(this, args);
      };
      restore.push(() => ((CaseIndex.prototype as unknown as Record<string, unknown>)[method] = original));
    }
  });
  after(async () => {
    for (const undo of restore) undo();
    await bed?.close();
  });

  it("keeps answering a second client's requests correctly while exports, statistics, boards and dashboards run, and none of them runs on the engine thread", async () => {
    // given each user signed in once (Basic credentials are remembered after the first check, which hashes the password)
    for (const user of [AUDITOR, LI_SI, ZHANG_SAN]) expect((await bed.call('GET', '/v2/apps/calendar', { user })).status).to.equal(200);
    // and a burst of the apps' heavy reads from an auditor and a supervisor
    const heavy = [
      ...Array.from({ length: 8 }, () => bed.call('GET', '/v2/apps/audit/export/lights?format=xlsx', { user: AUDITOR })),
      ...Array.from({ length: 4 }, () => bed.call('GET', '/v2/apps/audit/export/cases?format=csv', { user: AUDITOR })),
      ...Array.from({ length: 4 }, () => bed.call('GET', '/v2/apps/audit/statistics', { user: AUDITOR })),
      ...Array.from({ length: 4 }, () => bed.call('GET', '/v2/apps/audit/lights?limit=100', { user: AUDITOR })),
      ...Array.from({ length: 4 }, () => bed.call('GET', '/v2/apps/tasklist/dashboard', { user: LI_SI })),
      ...Array.from({ length: 4 }, () => bed.call('GET', '/v2/apps/audit/process-instances?text=隔离测试', { user: AUDITOR })),
    ];
    // when a clerk keeps working meanwhile: her topology, her task list, and claiming a task (a command)
    const latencies: number[] = [];
    const timed = async (request: () => Promise<Response>) => {
      const begin = performance.now();
      const response = await request();
      latencies.push(performance.now() - begin);
      return response;
    };
    const topology = await timed(() => bed.call('GET', '/v2/topology', { user: ZHANG_SAN }));
    const tasks = await timed(() => bed.call('POST', '/v2/user-tasks/search', { user: ZHANG_SAN, body: { filter: { state: 'CREATED' }, page: { limit: 100 } } }));
    const items = ((await tasks.json()) as { items: { userTaskKey: string }[] }).items;
    const claim = await timed(() => bed.call('POST', `/v2/user-tasks/${items[0].userTaskKey}/assignment`, { user: ZHANG_SAN, body: { assignee: 'zhang.san' } }));
    const again = await timed(() => bed.call('GET', '/v2/topology', { user: ZHANG_SAN }));
    // and her task list's case column and one case page, read on the reader thread as well
    const taskCases = await bed.call('POST', '/v2/apps/task-cases', { user: ZHANG_SAN, body: { userTaskKeys: items.map((item) => item.userTaskKey) } });
    const processInstanceKey = ((await (await bed.call('GET', `/v2/user-tasks/${items[0].userTaskKey}`, { user: ZHANG_SAN })).json()) as { processInstanceKey: string }).processInstanceKey;
    const casePage = await bed.call('GET', `/v2/apps/tasklist/cases/${processInstanceKey}`, { user: ZHANG_SAN });
    const answers = await Promise.all(heavy);

    // then the clerk's requests were answered correctly
    expect(topology.status).to.equal(200);
    expect(((await again.json()) as { brokers: unknown[] }).brokers).to.have.length(1);
    expect(tasks.status).to.equal(200);
    expect(items).to.have.length(CASES);
    expect(claim.status).to.equal(204);
    // and so was every heavy read
    expect(answers.map((response) => response.status)).to.deep.equal(answers.map(() => 200));
    const board = (await answers[16].json()) as { counts: { all: number; red: number } };
    expect(board.counts).to.include({ all: CASES, red: CASES / 2 });
    const dashboard = (await answers[20].json()) as { byLight: Record<string, number>; overdue: unknown[] };
    expect(Object.values(dashboard.byLight).reduce((sum, n) => sum + n, 0)).to.equal(CASES);
    expect(dashboard.overdue).to.have.length(CASES / 2);
    const search = (await answers[24].json()) as { page: { totalItems: number } };
    expect(search.page.totalItems).to.equal(CASES);
    for (const response of answers) await response.arrayBuffer().catch(() => undefined);
    // and the task list's reads answered from history: every task's case with its light, the case page in full
    expect(taskCases.status).to.equal(200);
    const cases = ((await taskCases.json()) as { cases: Record<string, { caseId: string; light: { colour: string | null } }> }).cases;
    expect(Object.keys(cases)).to.have.length(CASES);
    expect(Object.values(cases).filter((facts) => facts.light.colour === 'red')).to.have.length(CASES / 2);
    expect(casePage.status).to.equal(200);
    const page = (await casePage.json()) as { case: { caseId: string; light: { colour: string } | null }; history: unknown[] };
    expect(page.case.caseId).to.match(/^SD-ISO-\d+$/);
    expect(page.case.light?.colour).to.be.oneOf(['red', 'green']);
    expect(page.history.length).to.be.greaterThan(0);

    // and the work was done by the apps' reader thread, never by this one (the engine's)
    expect(mainThreadIndexCalls, 'case index calls on the engine thread').to.deep.equal([]);
    const readers = [...AppsReader.running];
    expect(readers).to.have.length(1);
    expect(readers[0].served.count).to.be.at.least(heavy.length);
    expect([...readers[0].served.threadIds]).to.have.length(1).and.not.include(threadId);
    expect(readers[0].served.names.get('taskCases'), 'task-cases on the reader thread').to.equal(1);
    expect(readers[0].served.names.get('caseTasks'), 'the case page\'s tasks on the reader thread').to.equal(1);
    expect(readers[0].served.names.get('taskCase'), 'the case page on the reader thread').to.equal(1);
    console.log(`      second client's latencies while ${heavy.length} heavy reads ran: ${latencies.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  });
});
