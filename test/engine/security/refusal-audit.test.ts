import { expect } from 'chai';
import { AUDITOR, XU_MING, ZHANG_SAN, startRestTestBed, type RestTestBed } from '../gateway/rest/rest-test-bed';

type AuditItem = Record<string, string>;

describe('refused requests in the history audit log', function () {
  this.timeout(60_000);
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
  });
  after(async () => {
    await bed?.close();
  });

  async function auditSearch(body: unknown): Promise<{ items: AuditItem[]; page: { totalItems: number } }> {
    const response = await bed.call('POST', '/audit-logs/search', { caller: AUDITOR, body });
    expect(response.status).to.equal(200);
    return (await response.json()) as { items: AuditItem[]; page: { totalItems: number } };
  }

  it('shows an anonymous flood as one FAIL row with its count, and writes nothing into the command log', async () => {
    // given
    const recordsBefore = bed.server.engine.readRecords(0).length;
    // when: 200 anonymous attempts to start a case, then a clerk refused a task of another department
    const statuses = await Promise.all(Array.from({ length: 200 }, () => bed.call('POST', '/process-instances', { body: { processDefinitionId: 'x' } }).then((response) => response.status)));
    expect(new Set(statuses)).to.deep.equal(new Set([401]));
    expect((await bed.call('POST', '/process-instances/search', { caller: XU_MING, body: {} })).status).to.equal(403);
    // then
    expect(bed.server.engine.readRecords(0).length).to.equal(recordsBefore);
    const anonymous = await auditSearch({ filter: { result: 'FAIL', actorType: 'ANONYMOUS' } });
    expect(anonymous.items).to.have.length(1);
    expect(anonymous.items[0]).to.include({ result: 'FAIL', entityType: 'PROCESS_INSTANCE', operationType: 'CREATE', category: 'ADMIN' });
    expect(anonymous.items[0].annotation).to.match(/×200 .*Expected credentials/);
    expect(anonymous.items[0]).to.not.have.property('actorId');
    const clerk = await auditSearch({ filter: { actorId: 'xu.ming' } });
    expect(clerk.items.map((item) => item.result)).to.deep.equal(['FAIL']);
  });

  it('pages and sorts refusals together with the operations, each with its own key, newest first', async () => {
    // given: a newer refusal
    expect((await bed.call('POST', '/process-instances/search', { caller: ZHANG_SAN, body: {} })).status).to.equal(403);
    // when
    const all = await auditSearch({ sort: [{ field: 'timestamp', order: 'DESC' }], page: { limit: 2 } });
    const next = await auditSearch({ sort: [{ field: 'timestamp', order: 'DESC' }], page: { limit: 2, from: 2 } });
    // then
    expect(all.items[0]).to.include({ actorId: 'zhang.san', result: 'FAIL' });
    const keys = [...all.items, ...next.items].map((item) => item.auditLogKey);
    expect(new Set(keys).size).to.equal(keys.length);
    for (const key of keys) expect(key).to.match(/^\d+$/);
  });

  it('refuses the audit log to a clerk, and records that refusal too', async () => {
    const response = await bed.call('POST', '/audit-logs/search', { caller: ZHANG_SAN, body: {} });
    expect(response.status).to.equal(403);
    const rows = await auditSearch({ filter: { actorId: 'zhang.san', result: 'FAIL' } });
    expect(rows.items.some((item) => /audit-logs\/search/.test(item.annotation))).to.equal(true);
  });
});
