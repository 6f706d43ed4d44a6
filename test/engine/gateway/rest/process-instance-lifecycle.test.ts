import { expect } from 'chai';
import { ADMIN, AUDITOR, WORKER, ZHANG_SAN, startRestTestBed, type RestTestBed } from './rest-test-bed';

/** start → a worker step → a clerk's review → end; a case number would be its business id. */
const CASE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
  <bpmn:process id="lifecycle-case" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
    <bpmn:serviceTask id="check"><bpmn:extensionElements><zeebe:taskDefinition type="lifecycle-check"/></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="review"/>
    <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="market-regulation"/></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
  <bpmn:process id="lifecycle-caller" isExecutable="true">
    <bpmn:startEvent id="cs"/>
    <bpmn:sequenceFlow id="c1" sourceRef="cs" targetRef="call"/>
    <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="lifecycle-case" propagateAllChildVariables="false"/></bpmn:extensionElements></bpmn:callActivity>
    <bpmn:sequenceFlow id="c2" sourceRef="call" targetRef="ce"/>
    <bpmn:endEvent id="ce"/>
  </bpmn:process>
</bpmn:definitions>`;

interface InstanceBody {
  processInstanceKey: string;
  businessId: string | null;
  state: string;
  parentProcessInstanceKey?: string;
}

describe('the REST gateway: business ids, suspension and resumption of process instances (Camunda 8.10)', () => {
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
    await bed.sdk(ADMIN).deployResources([{ name: 'lifecycle.bpmn', content: CASE }]);
  });
  after(async () => {
    await bed?.close();
  });

  const create = async (body: Record<string, unknown>) => {
    const response = await bed.call('POST', '/process-instances', { caller: ADMIN, body: { processDefinitionId: 'lifecycle-case', ...body } });
    expect(response.status, await response.clone().text()).to.equal(200);
    return (await response.json()) as InstanceBody;
  };
  const get = async (key: string) => (await (await bed.call('GET', `/process-instances/${key}`, { caller: AUDITOR })).json()) as InstanceBody;

  it('starts a case with its case number as business id, and finds it by that id', async () => {
    // when a clerk starts a case with its number
    const created = await create({ businessId: 'SD-2026-000123' });
    // then the creation answer, the get and a search by business id all carry it
    expect(created.businessId).to.equal('SD-2026-000123');
    expect((await get(created.processInstanceKey)).businessId).to.equal('SD-2026-000123');
    const search = await bed.call('POST', '/process-instances/search', { caller: AUDITOR, body: { filter: { businessId: 'SD-2026-000123' } } });
    const found = (await search.json()) as { items: InstanceBody[] };
    expect(found.items.map((item) => item.processInstanceKey)).to.deep.equal([created.processInstanceKey]);
    // and the 8.8 client reads the same instance (its schema checks the rest of the answer)
    const viaClient = await bed.orchestration({ ...AUDITOR }).getProcessInstance({ processInstanceKey: created.processInstanceKey } as never, { consistency: { waitUpToMs: 0 } } as never);
    expect(viaClient.processInstanceKey).to.equal(created.processInstanceKey);
  });

  it('assigns a business id later, once: the same id again is fine, another one is 409, and a called instance inherits its caller\'s', async () => {
    const created = await create({});
    expect(created.businessId).to.equal(null);
    const assign = (key: string, businessId: unknown) => bed.call('POST', `/process-instances/${key}/business-id-assignment`, { caller: ADMIN, body: { businessId } });
    expect((await assign(created.processInstanceKey, 'SD-2026-000124')).status).to.equal(204);
    expect((await assign(created.processInstanceKey, 'SD-2026-000124')).status).to.equal(204);
    const other = await assign(created.processInstanceKey, 'SD-2026-999999');
    expect(other.status).to.equal(409);
    expect(((await other.json()) as { detail: string }).detail).to.contain("already has business id 'SD-2026-000124'");
    expect((await get(created.processInstanceKey)).businessId).to.equal('SD-2026-000124');
    // a called case carries its caller's business id and cannot get its own
    const caller = await bed.call('POST', '/process-instances', { caller: ADMIN, body: { processDefinitionId: 'lifecycle-caller', businessId: 'SD-2026-000125' } });
    const callerKey = ((await caller.json()) as InstanceBody).processInstanceKey;
    const child = await bed.record((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATED' && r.value.bpmnElementType === 'PROCESS' && r.value.parentProcessInstanceKey === callerKey);
    expect(child.value.businessId).to.equal('SD-2026-000125');
    expect((await assign(child.key, 'SD-2026-000126')).status).to.equal(409);
  });

  it('answers 400 for an empty or too long business id and 404 for an unknown instance', async () => {
    expect((await bed.call('POST', '/process-instances', { caller: ADMIN, body: { processDefinitionId: 'lifecycle-case', businessId: '' } })).status).to.equal(400);
    expect((await bed.call('POST', '/process-instances', { caller: ADMIN, body: { processDefinitionId: 'lifecycle-case', businessId: 'x'.repeat(257) } })).status).to.equal(400);
    const unknown = await bed.call('POST', '/process-instances/2251799813685249/business-id-assignment', { caller: ADMIN, body: { businessId: 'SD-1' } });
    expect(unknown.status).to.equal(404);
    const missing = await bed.call('POST', '/process-instances/2251799813685249/business-id-assignment', { caller: ADMIN, body: {} });
    expect(missing.status).to.equal(400);
  });

  it('suspends a case (SUSPENDED in search, no job for the 8.8 worker client, 409 for a clerk completing its task) and resumes it', async () => {
    // given a case at the worker step
    const created = await create({ businessId: 'SD-2026-000200' });
    const key = created.processInstanceKey;
    // when the admin suspends it
    const suspended = await bed.call('POST', `/process-instances/${key}/suspension`, { caller: ADMIN, body: {} });
    expect(suspended.status).to.equal(204);
    // then it reads SUSPENDED, is not among ACTIVE ones, and its job is not handed out
    expect((await get(key)).state).to.equal('SUSPENDED');
    const active = (await (await bed.call('POST', '/process-instances/search', { caller: AUDITOR, body: { filter: { state: 'ACTIVE', businessId: 'SD-2026-000200' } } })).json()) as { items: unknown[] };
    expect(active.items).to.be.empty;
    const worker = bed.orchestration({ ...WORKER });
    const others = await worker.activateJobs({ type: 'lifecycle-check', worker: 'w', timeout: 600_000, maxJobsToActivate: 50, requestTimeout: -1 } as never);
    expect(others.jobs.map((job) => job.processInstanceKey)).to.not.include(key);
    // and suspending again is 409, resuming works once
    expect((await bed.call('POST', `/process-instances/${key}/suspension`, { caller: ADMIN, body: {} })).status).to.equal(409);
    expect((await bed.call('POST', `/process-instances/${key}/resumption`, { caller: ADMIN, body: {} })).status).to.equal(204);
    expect((await bed.call('POST', `/process-instances/${key}/resumption`, { caller: ADMIN, body: {} })).status).to.equal(409);
    expect((await get(key)).state).to.equal('ACTIVE');
    const jobs = await worker.activateJobs({ type: 'lifecycle-check', worker: 'w', timeout: 10_000, maxJobsToActivate: 5, requestTimeout: -1 } as never);
    expect(jobs.jobs.map((job) => job.processInstanceKey)).to.include(key);
    await worker.completeJob({ jobKey: jobs.jobs.find((job) => job.processInstanceKey === key)!.jobKey } as never);
    // when suspended at the clerk's review, completing the task is refused with a reason people can read
    const task = bed.server.engine.listUserTasks().find((t) => t.processInstanceKey === key)!;
    await bed.server.engine.assignUserTask(task.userTaskKey, 'zhang.san');
    await bed.call('POST', `/process-instances/${key}/suspension`, { caller: ADMIN, body: {} });
    const completion = await bed.call('POST', `/user-tasks/${task.userTaskKey}/completion`, { caller: ZHANG_SAN, body: {} });
    expect(completion.status).to.equal(409);
    expect(((await completion.json()) as { detail: string }).detail).to.contain('已挂起');
  });

  it('keeps suspension to admins and answers 404 for an unknown instance', async () => {
    const created = await create({});
    expect((await bed.call('POST', `/process-instances/${created.processInstanceKey}/suspension`, { caller: ZHANG_SAN, body: {} })).status).to.equal(403);
    expect((await get(created.processInstanceKey)).state).to.equal('ACTIVE');
    expect((await bed.call('POST', '/process-instances/2251799813685249/suspension', { caller: ADMIN, body: {} })).status).to.equal(404);
  });
});
