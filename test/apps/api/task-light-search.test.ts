import { expect } from 'chai';
import { LI_SI, startAppsTestBed, XU_MING, ZHANG_SAN, type AppsTestBed } from '../apps-test-bed';

/** Cases opened: every third one red (started weeks ago with a two-day limit), the rest green. */
const CASES = 30;
const RED = 10;

interface TaskPage {
  items: { userTaskKey: string; processInstanceKey: string; name: string }[];
  page: { totalItems: number };
}

describe('the task list searches tasks by their case light on the server', function () {
  this.timeout(120_000);
  let bed: AppsTestBed;
  const redCases = new Set<string>();

  before(async () => {
    bed = await startAppsTestBed();
    for (let n = 0; n < CASES; n += 1) {
      const red = n % 3 === 0;
      const opened = await bed.openCase(`SD-LIGHT-${n}`, `亮灯筛选案件 ${n}`, red ? { startedAt: '2025-09-01T09:00:00+08:00', workingDays: 2 } : undefined);
      if (red) redCases.add(opened.processInstanceKey);
    }
    expect(redCases.size).to.equal(RED);
  });
  after(async () => {
    await bed?.close();
  });

  const search = async (body: unknown, user = ZHANG_SAN) => {
    const response = await bed.call('POST', '/v2/apps/tasklist/user-tasks/search', { user, body });
    return { status: response.status, answer: (await response.json()) as TaskPage & { detail?: string } };
  };

  it('filters by light over every matching task and pages the matches', async () => {
    // when the red tasks are asked for five at a time
    const first = await search({ filter: { state: 'CREATED', caseLight: 'red' }, page: { from: 0, limit: 5 } });
    const second = await search({ filter: { state: 'CREATED', caseLight: 'red' }, page: { from: 5, limit: 5 } });
    // then both pages hold red cases' tasks only, and together all of them
    expect(first.status).to.equal(200);
    expect(first.answer.page.totalItems).to.equal(RED);
    const keys = [...first.answer.items, ...second.answer.items].map((task) => task.processInstanceKey);
    expect(new Set(keys)).to.deep.equal(redCases);
    // and the green ones are the rest
    expect((await search({ filter: { state: 'CREATED', caseLight: 'green' } })).answer.page.totalItems).to.equal(CASES - RED);
    expect((await search({ filter: { state: 'CREATED', caseLight: 'paused' } })).answer.page.totalItems).to.equal(0);
  });

  it('sorts by light, red first, and keeps the rest of Camunda’s filter and sort', async () => {
    // when
    const { status, answer } = await search({ filter: { state: 'CREATED', candidateGroup: 'market-regulation' }, sort: [{ field: 'caseLight' }, { field: 'creationDate', order: 'DESC' }], page: { limit: 100 } });
    // then the ten red cases come first, then the green ones
    expect(status).to.equal(200);
    expect(answer.items).to.have.length(CASES);
    const red = answer.items.map((task) => redCases.has(task.processInstanceKey));
    expect(red).to.deep.equal([...Array(RED).fill(true), ...Array(CASES - RED).fill(false)]);
    // and descending puts them last
    const descending = await search({ filter: { state: 'CREATED' }, sort: [{ field: 'caseLight', order: 'DESC' }], page: { limit: 100 } });
    expect(redCases.has(descending.answer.items[CASES - 1].processInstanceKey)).to.equal(true);
    expect(redCases.has(descending.answer.items[0].processInstanceKey)).to.equal(false);
  });

  it('answers only the tasks the caller may read', async () => {
    // a supervisor of the department sees them, staff of another department none
    expect((await search({ filter: { state: 'CREATED', caseLight: 'red' } }, LI_SI)).answer.page.totalItems).to.equal(RED);
    const other = await search({ filter: { state: 'CREATED', caseLight: 'red' } }, XU_MING);
    expect(other.status).to.equal(200);
    expect(other.answer.items).to.deep.equal([]);
    expect(other.answer.page.totalItems).to.equal(0);
  });

  it('refuses a light it does not know, in Chinese and English', async () => {
    const { status, answer } = await search({ filter: { caseLight: 'blue' } });
    expect(status).to.equal(400);
    expect(answer.detail).to.contain("'filter.caseLight'").and.to.contain('亮灯须为');
  });
});
