import { expect } from 'chai';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Engine } from '../../../../engine';
import { verifyAuditChain } from '../../../../engine/history';
import { ADMIN, AUDITOR, XU_MING, ZHANG_SAN, formJson, licenceReviewBpmn, startRestTestBed, type RestTestBed } from './rest-test-bed';

type AuditItem = Record<string, string>;
type SearchAnswer = { items: AuditItem[]; page: { totalItems: number } };

describe('the REST gateway: the user-operation audit log (Camunda 8.9)', function () {
  this.timeout(60_000);
  let bed: RestTestBed;
  let processInstanceKey: string;
  let userTaskKey: string;

  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
    const form = new FormData();
    // enterprise-opening: a process the 市场监管局 may start (demo identity's authorizations)
    form.append('resources', new Blob([licenceReviewBpmn('enterprise-opening')]), 'licence-review.bpmn');
    form.append('resources', new Blob([formJson('licence-review')]), 'licence-review.form');
    form.append('resources', new Blob([formJson('licence-application')]), 'licence-application.form');
    const deployed = await fetch(`${bed.url}/v2/deployments`, { method: 'POST', body: form, headers: { authorization: `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}` } });
    expect(deployed.status).to.equal(200);
    const created = await bed.call('POST', '/process-instances', { caller: ZHANG_SAN, body: { processDefinitionId: 'enterprise-opening', variables: { caseTitle: '张三餐饮店开业', dueAt: '2025-10-09T17:30:00+08:00' } } });
    processInstanceKey = String(((await created.json()) as { processInstanceKey: string }).processInstanceKey);
    const task = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
    userTaskKey = task.key;
    expect((await bed.call('POST', `/user-tasks/${userTaskKey}/assignment`, { caller: ZHANG_SAN, body: { assignee: 'zhang.san' } })).status).to.equal(204);
    expect((await bed.call('POST', `/user-tasks/${userTaskKey}/completion`, { caller: ZHANG_SAN, body: { variables: { opinion: '材料齐全' } } })).status).to.equal(204);
    // a refused call: tax-office staff may not search process instances
    expect((await bed.call('POST', '/process-instances/search', { caller: XU_MING, body: {} })).status).to.equal(403);
  });
  after(async () => {
    await bed?.close();
  });

  async function search(path: string, body: unknown, caller = AUDITOR): Promise<{ status: number; answer: SearchAnswer }> {
    const response = await bed.call('POST', path, { caller, body });
    return { status: response.status, answer: (await response.json()) as SearchAnswer };
  }

  it('answers who completed which task, when, and that it succeeded, in Camunda’s AuditLogResult shape', async () => {
    // when
    const { status, answer } = await search('/audit-logs/search', { filter: { operationType: 'COMPLETE', entityType: 'USER_TASK' } });
    // then
    expect(status).to.equal(200);
    expect(answer.page.totalItems).to.equal(1);
    const [entry] = answer.items;
    expect(entry).to.include({
      entityType: 'USER_TASK',
      operationType: 'COMPLETE',
      category: 'USER_TASKS',
      result: 'SUCCESS',
      actorId: 'zhang.san',
      actorType: 'USER',
      entityKey: userTaskKey,
      userTaskKey,
      processInstanceKey,
      processDefinitionId: 'enterprise-opening',
    });
    expect(entry.auditLogKey).to.match(/^\d+$/);
    expect(Date.parse(entry.timestamp)).to.not.be.NaN;
  });

  // Refusals left the command log (issue 13: they flooded it); they reach the history audit log as FAIL rows
  // from the aggregated security log instead, as Camunda 8.9's audit log records failed operations.
  it('shows refused calls, with who tried, as FAIL rows of the audit log and in the security log', async () => {
    const { answer } = await search('/audit-logs/search', { filter: { result: 'FAIL', actorId: 'xu.ming' } });
    const refusals = await bed.call('GET', '/onego/security/refusals?actor=xu.ming', { caller: AUDITOR });

    expect(answer.items).to.have.length(1);
    expect(answer.items[0]).to.include({ result: 'FAIL', actorId: 'xu.ming', actorType: 'USER', entityType: 'PROCESS_INSTANCE', category: 'ADMIN' });
    expect(answer.items[0].annotation).to.match(/403 .*POST \/v2\/process-instances\/search.*Insufficient permissions/);
    expect(refusals.status).to.equal(200);
    const { items } = (await refusals.json()) as { items: { actor: string; attempted: string; reason: string; count: number }[] };
    expect(items).to.have.length(1);
    expect(items[0]).to.include({ actor: 'xu.ming', attempted: 'POST /v2/process-instances/search', count: 1 });
    expect(items[0].reason).to.match(/Insufficient permissions/);
  });

  it('lists one user task’s operations in order, for whoever may read the task, sorted and paged', async () => {
    // when
    const { status, answer } = await search(`/user-tasks/${userTaskKey}/audit-logs/search`, { sort: [{ field: 'timestamp', order: 'ASC' }], page: { limit: 10 } }, ZHANG_SAN);
    const tax = await search(`/user-tasks/${userTaskKey}/audit-logs/search`, {}, XU_MING);
    const unknownFilter = await search(`/user-tasks/${userTaskKey}/audit-logs/search`, { filter: { entityType: 'USER_TASK' } }, ZHANG_SAN);
    // then
    expect(status).to.equal(200);
    expect(answer.items.map((item) => item.operationType)).to.deep.equal(['ASSIGN', 'COMPLETE']);
    expect(answer.page.totalItems).to.equal(2);
    // a task of another department answers like a missing one
    expect(tax.status).to.equal(404);
    expect(unknownFilter.status).to.equal(400);
  });

  it('refuses department staff the whole audit log', async () => {
    const { status } = await search('/audit-logs/search', {}, ZHANG_SAN);

    expect(status).to.equal(403);
  });

  it('chains the audit rows by hash, so an edited row is detected', async () => {
    // given
    const file = join((bed.server.engine as Engine).dataDir, 'history.sqlite');
    const db = new Database(file);
    try {
      // when
      const intact = verifyAuditChain(db);
      const target = db.prepare("SELECT CAST(audit_log_key AS TEXT) AS key FROM audit_log WHERE operation_type = 'COMPLETE'").get() as { key: string };
      db.prepare("UPDATE audit_log SET actor_id = 'someone.else' WHERE audit_log_key = ?").run(target.key);
      const edited = verifyAuditChain(db);
      // then
      expect(intact.ok).to.equal(true);
      expect(intact.rows).to.be.greaterThan(3);
      expect(edited).to.deep.include({ ok: false });
      expect(edited.firstBroken).to.deep.include({ auditLogKey: target.key });
    } finally {
      db.close();
    }
  });
});
