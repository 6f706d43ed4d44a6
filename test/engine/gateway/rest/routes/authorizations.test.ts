import { expect } from 'chai';
import { demoAuthorizations } from '../../../../../engine/identity/demo-authorizations';
import { ADMIN, AUDITOR, ZHANG_SAN, startRestTestBed, type RestTestBed } from '../rest-test-bed';

type AuthorizationItem = { authorizationKey: string; ownerId: string; ownerType: string; resourceType: string; resourceId: string; permissionTypes: string[] };

describe('the REST gateway: /v2/authorizations from the identity file (Camunda 8.8)', function () {
  this.timeout(60_000);
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
  });
  after(async () => {
    await bed?.close();
  });

  it('finds a department’s process authorizations through the official orchestration client, in Camunda’s shape', async () => {
    // when: an auditor asks which processes the 市场监管局 may start and change
    const camunda = bed.orchestration(AUDITOR);
    const found = await camunda.searchAuthorizations({ filter: { ownerType: 'GROUP', ownerId: 'market-regulation', resourceType: 'PROCESS_DEFINITION' } } as never, { consistency: { waitUpToMs: 0 } } as never);
    // then
    const items = found.items as unknown as AuthorizationItem[];
    expect(items.map((item) => item.resourceId)).to.deep.equal(['enterprise-opening']);
    expect(items[0]).to.include({ ownerType: 'GROUP', ownerId: 'market-regulation', resourceType: 'PROCESS_DEFINITION' });
    expect(items[0].permissionTypes).to.have.members(['CREATE_PROCESS_INSTANCE', 'UPDATE_PROCESS_INSTANCE']);
    expect(items[0].authorizationKey).to.match(/^\d+$/);
    const one = (await camunda.getAuthorization({ authorizationKey: items[0].authorizationKey } as never, { consistency: { waitUpToMs: 0 } } as never)) as unknown as AuthorizationItem;
    expect(one).to.deep.equal(items[0]);
  });

  it('lists every authorization of the file, pages, sorts and filters by resource ids', async () => {
    const all = await bed.call('POST', '/authorizations/search', { caller: ADMIN, body: { page: { limit: 1000 } } });
    const page = await bed.call('POST', '/authorizations/search', { caller: ADMIN, body: { sort: [{ field: 'resourceId', order: 'DESC' }], page: { from: 0, limit: 2 } } });
    const byIds = await bed.call('POST', '/authorizations/search', { caller: ADMIN, body: { filter: { resourceIds: ['talent-card', 'medical-insurance-transfer'] } } });
    const everything = (await all.json()) as { items: AuthorizationItem[]; page: { totalItems: number } };
    expect(everything.page.totalItems).to.equal(demoAuthorizations().length);
    const sorted = (await page.json()) as { items: AuthorizationItem[] };
    expect(sorted.items).to.have.length(2);
    expect(sorted.items[0].resourceId >= sorted.items[1].resourceId).to.equal(true);
    const filtered = (await byIds.json()) as { items: AuthorizationItem[] };
    expect(new Set(filtered.items.map((item) => item.resourceId))).to.deep.equal(new Set(['talent-card', 'medical-insurance-transfer']));
  });

  it('refuses a clerk, answers 404 for an unknown key and 400 for an unknown filter', async () => {
    expect((await bed.call('POST', '/authorizations/search', { caller: ZHANG_SAN, body: {} })).status).to.equal(403);
    expect((await bed.call('GET', '/authorizations/2251799813999999', { caller: AUDITOR })).status).to.equal(404);
    const unknown = await bed.call('POST', '/authorizations/search', { caller: AUDITOR, body: { filter: { owner: 'x' } } });
    expect(unknown.status).to.equal(400);
    expect(((await unknown.json()) as { detail: string }).detail).to.match(/filter\.owner/);
  });

  it('answers 403 FORBIDDEN, as Camunda does without the permission, to creating, changing or deleting one, even for the admin', async () => {
    const body = { ownerType: 'USER', ownerId: 'zhang.san', resourceType: 'PROCESS_DEFINITION', resourceId: 'talent-card', permissionTypes: ['CREATE_PROCESS_INSTANCE'] };
    for (const [method, path] of [['POST', '/authorizations'], ['PUT', '/authorizations/2251799813685249'], ['DELETE', '/authorizations/2251799813685249']] as const) {
      const response = await bed.call(method, path, { caller: ADMIN, body: method === 'DELETE' ? undefined : body });
      expect(response.status, `${method} ${path}`).to.equal(403);
      const problem = (await response.json()) as { title: string; detail: string };
      expect(problem.title).to.equal('FORBIDDEN');
      expect(problem.detail).to.match(/resource 'AUTHORIZATION'.*identity file.*身份文件/);
    }
    // and the file's authorizations still hold: zhang.san may not start a talent card
    const refused = await bed.call('POST', '/process-instances', { caller: ZHANG_SAN, body: { processDefinitionId: 'talent-card' } });
    expect(refused.status).to.be.oneOf([403, 404]);
  });
});
