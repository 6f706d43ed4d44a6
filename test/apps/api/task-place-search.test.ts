import { expect } from 'chai';
import { startAppsTestBed, ZHANG_SAN, type AppsTestBed } from '../apps-test-bed';

/** A JSON answer, loosely typed: the assertions below are what check its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

/** The cases of this test: the same department (市场监管局) handles cases of three places and one without a place. */
const CASES = [
  { caseId: 'PLACE-001', jurisdiction: '370100' }, // 济南市
  { caseId: 'PLACE-002', jurisdiction: '370102' }, // 济南市历下区
  { caseId: 'PLACE-003', jurisdiction: '370202' }, // 青岛市市南区
  { caseId: 'PLACE-004', jurisdiction: undefined },
];

/**
 * The task list's place filter is the case's own place (its `jurisdiction` variable), asked in Camunda's shape:
 * `processInstanceVariables: [{ name: 'jurisdiction', value: { $in: [JSON text of each code] } }]`, with the codes
 * a place covers from `GET /v2/apps/places` (a city: its own and its districts').
 */
describe("the task list's filter by the case's place (jurisdiction), over HTTP", function () {
  this.timeout(60_000);
  let bed: AppsTestBed;
  let covers: Record<string, string[]>;

  /** The case numbers of the open tasks `filter` finds on `path`, as 张三 (市场监管局). */
  async function caseIds(path: string, filter: Record<string, unknown>): Promise<string[]> {
    const response = await bed.call('POST', path, { user: ZHANG_SAN, body: { filter: { state: 'CREATED', ...filter }, page: { limit: 50 } } });
    expect(response.status, JSON.stringify(await response.clone().json())).to.equal(200);
    const { items } = (await json(response)) as { items: { userTaskKey: string }[] };
    if (items.length === 0) return [];
    const { cases } = await json(await bed.call('POST', '/v2/apps/task-cases', { user: ZHANG_SAN, body: { userTaskKeys: items.map((item) => item.userTaskKey) } }));
    const ids = items.map((item) => (cases as Record<string, { caseId: string }>)[item.userTaskKey].caseId);
    return ids.sort();
  }
  const inPlace = (code: string) => ({ name: 'jurisdiction', value: { $in: covers[code].map((one) => JSON.stringify(one)) } });

  before(async function () {
    bed = await startAppsTestBed();
    // given four cases at 审查材料 for 市场监管局, three with a place
    for (const { caseId, jurisdiction } of CASES) {
      await bed.server.engine.createProcessInstance({ bpmnProcessId: 'apps-licence-review', variables: { caseId, caseTitle: `${caseId} 设立登记`, ...(jurisdiction ? { jurisdiction } : {}) } });
    }
    // the search reads the history store: wait until every task is there
    for (let tries = 0; tries < 100; tries += 1) {
      const found = await json(await bed.call('POST', '/v2/user-tasks/search', { user: ZHANG_SAN, body: { filter: { state: 'CREATED' } } }));
      if (found.page.totalItems >= CASES.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const places = await json(await bed.call('GET', '/v2/apps/places', { user: ZHANG_SAN }));
    covers = Object.fromEntries((places.items as { code: string; covers: string[] }[]).map((place) => [place.code, place.covers]));
  });

  after(async function () {
    await bed?.close();
  });

  it("names the codes each place's filter covers: a city its own and its districts', a district only its own", function () {
    expect(covers).to.deep.equal({ '370100': ['370100', '370102'], '370102': ['370102'], '370200': ['370200', '370202'], '370202': ['370202'] });
  });

  it("finds a district's cases, and a city's with its districts', through Camunda's user task search", async function () {
    expect(await caseIds('/v2/user-tasks/search', { processInstanceVariables: [inPlace('370102')] })).to.deep.equal(['PLACE-002']);
    expect(await caseIds('/v2/user-tasks/search', { processInstanceVariables: [inPlace('370100')] })).to.deep.equal(['PLACE-001', 'PLACE-002']);
    expect(await caseIds('/v2/user-tasks/search', { processInstanceVariables: [inPlace('370200')] })).to.deep.equal(['PLACE-003']);
  });

  it('combines the place with a search by case number (both must hold)', async function () {
    const byNumber = { name: 'caseId', value: { $like: '*PLACE-00*' } };
    expect(await caseIds('/v2/user-tasks/search', { processInstanceVariables: [inPlace('370100'), byNumber] })).to.deep.equal(['PLACE-001', 'PLACE-002']);
    const other = { name: 'caseId', value: { $like: '*PLACE-003*' } };
    expect(await caseIds('/v2/user-tasks/search', { processInstanceVariables: [inPlace('370100'), other] })).to.deep.equal([]);
  });

  it("filters by place on OneGo's light search too, with the light filter and sort", async function () {
    expect(await caseIds('/v2/apps/tasklist/user-tasks/search', { processInstanceVariables: [inPlace('370100')], caseLight: 'none' })).to.deep.equal(['PLACE-001', 'PLACE-002']);
    const sorted = await bed.call('POST', '/v2/apps/tasklist/user-tasks/search', { user: ZHANG_SAN, body: { filter: { state: 'CREATED', processInstanceVariables: [inPlace('370202')] }, sort: [{ field: 'caseLight', order: 'ASC' }] } });
    expect(sorted.status).to.equal(200);
    expect((await json(sorted)).page.totalItems).to.equal(1);
  });

  it('refuses a variable filter without a name, and finds nothing for a place no case is in', async function () {
    const refused = await bed.call('POST', '/v2/user-tasks/search', { user: ZHANG_SAN, body: { filter: { processInstanceVariables: [{ value: { $in: ['"370102"'] } }] } } });
    expect(refused.status).to.equal(400);
    expect((await json(refused)).detail).to.include('processInstanceVariables[0].name');
    expect(await caseIds('/v2/user-tasks/search', { processInstanceVariables: [{ name: 'jurisdiction', value: { $in: ['"379999"'] } }] })).to.deep.equal([]);
  });
});
