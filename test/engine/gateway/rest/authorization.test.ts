import { expect } from 'chai';
import {
  ADMIN,
  AUDITOR,
  LI_SI,
  WORKER,
  XU_MING,
  ZHANG_SAN,
  formJson,
  licenceReviewBpmn,
  startRestTestBed,
  type RestTestBed,
} from './rest-test-bed';

describe('the REST gateway with --auth basic: who may see and do what', () => {
  let bed: RestTestBed;
  let userTaskKey: string;
  let processInstanceKey: string;
  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
    // given a 市场监管局 task, deployed by the admin and started by a window clerk (of a process her department may start)
    await bed.sdk(ADMIN).deployResources([
      { name: 'auth-review.bpmn', content: licenceReviewBpmn('enterprise-opening', 'market-regulation') },
      { name: 'licence-review.form', content: formJson('licence-review') },
    ]);
    const created = await bed.sdk(ZHANG_SAN).createProcessInstance({ processDefinitionId: 'enterprise-opening', variables: { caseTitle: '王五超市开业', dueAt: '' } });
    processInstanceKey = created.processInstanceKey;
    const found = await bed.sdk(ZHANG_SAN).searchUserTasks({ filter: { processInstanceKey } } as never);
    userTaskKey = found.items[0].userTaskKey;
  });
  after(async () => {
    await bed?.close();
  });

  async function problem(response: Response): Promise<{ status: number; title: string; detail: string }> {
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    return (await response.json()) as { status: number; title: string; detail: string };
  }

  it('answers 401 problem+json without credentials, asks for Basic, and records the attempt', async () => {
    const response = await bed.call('POST', '/user-tasks/search', { body: {} });
    expect(response.status).to.equal(401);
    expect(response.headers.get('www-authenticate')).to.match(/^Basic realm="OneGo"/);
    expect((await problem(response)).detail).to.match(/^Expected credentials/);
    expect(bed.denied.at(-1)).to.include({ actor: '(anonymous)', attempted: 'POST /v2/user-tasks/search', kind: 'unauthenticated' });
  });

  it('answers 401 for a wrong password, naming the user but never the password', async () => {
    const response = await bed.call('GET', '/topology', { caller: { username: 'zhang.san', password: 'guess-1234' } });
    expect(response.status).to.equal(401);
    expect(bed.denied.at(-1)).to.include({ actor: 'zhang.san', kind: 'unauthenticated' });
    expect(JSON.stringify(bed.denied)).not.to.contain('guess-1234');
  });

  it('answers a 税务局 clerk 404, as for a missing task, on a 市场监管局 task: reading, claiming and completing it', async () => {
    const missing = await problem(await bed.call('GET', '/user-tasks/2251799813999999', { caller: XU_MING }));
    for (const [method, path, body] of [
      ['GET', `/user-tasks/${userTaskKey}`, undefined],
      ['POST', `/user-tasks/${userTaskKey}/assignment`, { assignee: 'xu.ming' }],
      ['POST', `/user-tasks/${userTaskKey}/completion`, { variables: {} }],
      ['POST', `/user-tasks/${userTaskKey}/variables/search`, {}],
      ['GET', `/user-tasks/${userTaskKey}/form`, undefined],
    ] as const) {
      const response = await bed.call(method, path, { caller: XU_MING, body });
      expect(response.status, `${method} ${path}`).to.equal(404);
      const detail = await problem(response);
      expect(detail.title).to.equal('NOT_FOUND');
      expect(detail.detail).to.equal(missing.detail.replace('2251799813999999', userTaskKey));
    }
    // the auditors still learn who tried
    expect(bed.denied.filter((attempt) => attempt.actor === 'xu.ming' && attempt.kind === 'forbidden')).to.have.length(5);
  });

  it('answers a hidden task with 404 before looking at the body, so a bad body does not reveal the task either', async () => {
    const hidden = await bed.call('POST', `/user-tasks/${userTaskKey}/assignment`, { caller: XU_MING, body: {} });
    const missing = await bed.call('POST', '/user-tasks/2251799813999999/assignment', { caller: XU_MING, body: {} });
    expect([hidden.status, missing.status]).to.deep.equal([404, 404]);
  });

  it('never names candidate groups or the assignee in a 403', async () => {
    await bed.sdk(ZHANG_SAN).assignUserTask({ userTaskKey, assignee: 'zhang.san' });
    const response = await bed.call('POST', `/user-tasks/${userTaskKey}/completion`, { caller: LI_SI, body: {} });
    expect(response.status).to.equal(403);
    const detail = (await problem(response)).detail;
    expect(detail).to.contain(`user task ${userTaskKey}`);
    expect(detail).not.to.match(/market-regulation\]|candidate groups|zhang\.san/);
    await bed.sdk(ZHANG_SAN).unassignUserTask({ userTaskKey });
  });

  it("leaves another department's tasks out of a clerk's search", async () => {
    const mine = await bed.sdk(ZHANG_SAN).searchUserTasks({ filter: { processInstanceKey } } as never);
    const theirs = await bed.sdk(XU_MING).searchUserTasks({ filter: { processInstanceKey } } as never);
    expect(mine.items.map((task) => task.userTaskKey)).to.deep.equal([userTaskKey]);
    expect(theirs.items).to.deep.equal([]);
    expect(Number(theirs.page.totalItems)).to.equal(0);
  });

  it('lets a clerk claim but not hand the task to a colleague; the supervisor reassigns', async () => {
    const handOver = await bed.call('POST', `/user-tasks/${userTaskKey}/assignment`, { caller: ZHANG_SAN, body: { assignee: 'li.si' } });
    expect(handOver.status).to.equal(403);
    await bed.sdk(ZHANG_SAN).assignUserTask({ userTaskKey, assignee: 'zhang.san' });
    const takeOver = await bed.call('POST', `/user-tasks/${userTaskKey}/assignment`, { caller: { username: 'sun.li', password: 'onego-demo' }, body: { assignee: 'sun.li' } });
    // sun.li is of another department: the task is hidden from them
    expect(takeOver.status).to.equal(404);
    await bed.sdk(LI_SI).assignUserTask({ userTaskKey, assignee: 'zhang.san', allowOverride: true });
    const assigned = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'ASSIGNED' && record.key === userTaskKey && record.actor === 'li.si');
    expect(assigned.value.assignee).to.equal('zhang.san');
  });

  it('refuses to assign a task to someone who is not a known clerk', async () => {
    const response = await bed.call('POST', `/user-tasks/${userTaskKey}/assignment`, { caller: LI_SI, body: { assignee: 'nobody.here' } });
    expect(response.status).to.equal(400);
    expect((await problem(response)).detail).to.contain("'nobody.here' to be a known user");
  });

  it('lets the auditor read the task but not complete it', async () => {
    const read = await bed.call('GET', `/user-tasks/${userTaskKey}`, { caller: AUDITOR });
    expect(read.status).to.equal(200);
    const complete = await bed.call('POST', `/user-tasks/${userTaskKey}/completion`, { caller: AUDITOR, body: {} });
    expect(complete.status).to.equal(403);
  });

  it('keeps platform actions to the admin: deploy, cancel, clock', async () => {
    const deploy = new FormData();
    deploy.append('resources', new Blob([licenceReviewBpmn('not-allowed')]), 'not-allowed.bpmn');
    const refused = await fetch(`${bed.url}/v2/deployments`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('zhang.san:onego-demo').toString('base64')}` },
      body: deploy,
    });
    expect(refused.status).to.equal(403);
    const clock = await bed.call('PUT', '/clock', { caller: ZHANG_SAN, body: { timestamp: 0 } });
    expect(clock.status).to.equal(403);
    const cancel = await bed.call('POST', `/process-instances/${processInstanceKey}/cancellation`, { caller: AUDITOR, body: {} });
    expect(cancel.status).to.equal(403);
    const jobs = await bed.call('POST', '/jobs/activation', { caller: ZHANG_SAN, body: { type: 'notify-applicant', timeout: 1000, maxJobsToActivate: 1 } });
    expect(jobs.status).to.equal(403);
  });

  it('records who completed the task and lets the worker client take the next job', async () => {
    await bed.sdk(ZHANG_SAN).completeUserTask({ userTaskKey, variables: { opinion: '同意' } });
    const completed = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'COMPLETED' && record.key === userTaskKey);
    expect(completed.actor).to.equal('zhang.san');
    const response = await bed.call('POST', '/jobs/activation', {
      caller: WORKER,
      body: { type: 'notify-applicant', worker: 'notifier', timeout: 60_000, maxJobsToActivate: 5, requestTimeout: -1 },
    });
    expect(response.status).to.equal(200);
    const { jobs } = (await response.json()) as { jobs: { processInstanceKey: string; variables: Record<string, unknown> }[] };
    expect(jobs.map((job) => job.processInstanceKey)).to.include(processInstanceKey);
  });

  it('keeps refusals out of the record stream and in the security log the auditors read', async () => {
    expect(bed.records((record) => record.valueType === 'AUTHORIZATION')).to.deep.equal([]);
    const response = await bed.call('GET', '/onego/security/refusals?actor=xu.ming', { caller: AUDITOR });
    const { items } = (await response.json()) as { items: { attempted: string; reason: string; kind: string }[] };
    const refusal = items.find((item) => item.attempted === `GET /v2/user-tasks/${userTaskKey}`);
    expect(refusal).to.include({ kind: 'forbidden' });
    expect(refusal!.reason).to.contain("'xu.ming' may not perform 'user-task:read'");
    expect((await bed.call('GET', '/onego/security/refusals', { caller: XU_MING })).status).to.equal(403);
  });

  it('records the deployer as the actor of the deployment', () => {
    const deployed = bed.records((record) => record.valueType === 'DEPLOYMENT' && record.intent === 'CREATED');
    expect(deployed.map((record) => record.actor)).to.include('guan.li');
  });
});

describe('the REST gateway with --auth basic and a controlled clock', () => {
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed({ auth: 'basic', clock: 'controlled' });
  });
  after(async () => {
    await bed?.close();
  });

  it('records who moved the engine clock', async () => {
    const response = await bed.call('PUT', '/clock', { caller: ADMIN, body: { timestamp: Date.UTC(2025, 9, 8, 1, 0, 0) } });
    expect(response.status).to.equal(204);
    const pinned = await bed.record((record) => record.valueType === 'CLOCK' && record.intent === 'PINNED');
    expect(pinned.actor).to.equal('guan.li');
  });
});
