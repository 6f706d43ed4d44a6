import { expect } from 'chai';
import { javaStringHash } from '../../../../engine/history/statistics';
import { startRestTestBed, type RestTestBed } from './rest-test-bed';

const NOW = { consistency: { waitUpToMs: 0 } } as never;

/** start → check (service task) → review (user task) → end, named `name`. */
function checkThenReviewBpmn(name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="permit-check" name="${name}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
    <bpmn:serviceTask id="check" name="核验材料">
      <bpmn:extensionElements><zeebe:taskDefinition type="check-documents" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="review" />
    <bpmn:userTask id="review" name="审查"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

type Answer = { items: Record<string, unknown>[]; page?: { totalItems: number } };

describe('the REST gateway: Camunda 8.9 statistics over history', function () {
  this.timeout(60_000);
  let bed: RestTestBed;
  let v1Key: string;
  let v2Key: string;
  const instances: Record<string, string> = {};

  async function post(path: string, body: unknown): Promise<{ status: number; answer: Answer & { detail?: string } }> {
    const response = await bed.call('POST', path, { body });
    return { status: response.status, answer: (await response.json()) as Answer & { detail?: string } };
  }

  async function create(label: string): Promise<string> {
    const { processInstanceKey } = await bed.sdk().createProcessInstance({ processDefinitionId: 'permit-check', variables: {} });
    instances[label] = String(processInstanceKey);
    return instances[label];
  }

  async function activateJobOf(processInstanceKey: string): Promise<string> {
    const job = await bed.record((record) => record.valueType === 'JOB' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
    const response = await bed.call('POST', '/jobs/activation', { body: { type: 'check-documents', worker: 'w', timeout: 60_000, maxJobsToActivate: 10 } });
    expect(response.status).to.equal(200);
    return job.key;
  }

  before(async () => {
    bed = await startRestTestBed();
    // given version 1 with: one instance done with its check, two failing with the same error, one canceled
    v1Key = String((await bed.sdk().deployResources([{ name: 'permit-check.bpmn', content: checkThenReviewBpmn('许可核验') }])).processes[0].processDefinitionKey);
    const camunda = bed.orchestration();
    for (const label of ['passed', 'failedA', 'failedB', 'canceled']) await create(label);
    for (const label of ['passed', 'failedA', 'failedB']) {
      const jobKey = await activateJobOf(instances[label]);
      if (label === 'passed') await camunda.completeJob({ jobKey, variables: {} } as never);
      else await camunda.failJob({ jobKey, retries: 0, errorMessage: '证照库不可用' } as never);
    }
    await camunda.cancelProcessInstance({ processInstanceKey: instances.canceled } as never);
    // and version 2 with one instance failing with another error
    v2Key = String((await bed.sdk().deployResources([{ name: 'permit-check.bpmn', content: checkThenReviewBpmn('许可核验（第二版）') }])).processes[0].processDefinitionKey);
    const failedV2 = await create('failedV2');
    await camunda.failJob({ jobKey: await activateJobOf(failedV2), retries: 0, errorMessage: '超时' } as never);
    await bed.record((record) => record.valueType === 'INCIDENT' && record.intent === 'CREATED' && record.value.processInstanceKey === failedV2);
  });
  after(async () => {
    await bed?.close();
  });

  it('counts a definition’s element instances per element: active, with incident, completed and canceled', async () => {
    // when
    const { status, answer } = await post(`/process-definitions/${v1Key}/statistics/element-instances`, {});
    // then
    expect(status).to.equal(200);
    expect(answer.items).to.deep.equal([
      { elementId: 'check', active: 0, canceled: 1, incidents: 2, completed: 1 },
      { elementId: 'review', active: 1, canceled: 0, incidents: 0, completed: 0 },
      { elementId: 'start', active: 0, canceled: 0, incidents: 0, completed: 4 },
    ]);
  });

  it('narrows the element counts by Camunda’s process-instance filter, including $or and incidentErrorHashCode', async () => {
    const onlyIncidents = await post(`/process-definitions/${v1Key}/statistics/element-instances`, { filter: { hasIncident: true } });
    const byHash = await post(`/process-definitions/${v1Key}/statistics/element-instances`, { filter: { incidentErrorHashCode: javaStringHash('证照库不可用') } });
    const either = await post(`/process-definitions/${v1Key}/statistics/element-instances`, {
      filter: { $or: [{ state: 'TERMINATED' }, { processInstanceKey: instances.passed }] },
    });

    expect(onlyIncidents.answer.items.find((item) => item.elementId === 'check')).to.deep.equal({ elementId: 'check', active: 0, canceled: 0, incidents: 2, completed: 0 });
    expect(byHash.answer.items).to.deep.equal(onlyIncidents.answer.items);
    expect(either.answer.items.find((item) => item.elementId === 'check')).to.deep.equal({ elementId: 'check', active: 0, canceled: 1, incidents: 0, completed: 1 });
  });

  it('answers the official orchestration client’s element statistics calls for a definition and an instance', async () => {
    const camunda = bed.orchestration();
    // when
    const definition = await camunda.getProcessDefinitionStatistics({ processDefinitionKey: v1Key, filter: { state: 'ACTIVE' } } as never, NOW);
    const instance = await camunda.getProcessInstanceStatistics({ processInstanceKey: instances.passed } as never, NOW);
    // then (the client reads int64 counts as bigint)
    const plain = (items: unknown[] | undefined) => (items ?? []).map((item) => JSON.parse(JSON.stringify(item, (_, value) => (typeof value === 'bigint' ? Number(value) : value))) as Record<string, unknown>);
    expect(plain(definition.items).find((item) => item.elementId === 'check')).to.deep.equal({ elementId: 'check', active: 0, canceled: 0, incidents: 2, completed: 1 });
    expect(plain(instance.items)).to.deep.equal([
      { elementId: 'check', active: 0, canceled: 0, incidents: 0, completed: 1 },
      { elementId: 'review', active: 1, canceled: 0, incidents: 0, completed: 0 },
      { elementId: 'start', active: 0, canceled: 0, incidents: 0, completed: 1 },
    ]);
  });

  it('groups active instances with incidents by error, with Java’s hash of the message as errorHashCode, sorted and paged', async () => {
    // when
    const { status, answer } = await post('/incidents/statistics/process-instances-by-error', { sort: [{ field: 'activeInstancesWithErrorCount', order: 'DESC' }] });
    const second = await post('/incidents/statistics/process-instances-by-error', { sort: [{ field: 'activeInstancesWithErrorCount', order: 'DESC' }], page: { from: 1, limit: 1 } });
    // then
    expect(status).to.equal(200);
    expect(answer.items).to.deep.equal([
      { errorHashCode: javaStringHash('证照库不可用'), errorMessage: '证照库不可用', activeInstancesWithErrorCount: 2 },
      { errorHashCode: javaStringHash('超时'), errorMessage: '超时', activeInstancesWithErrorCount: 1 },
    ]);
    expect(answer.page?.totalItems).to.equal(2);
    expect(second.answer.items.map((item) => item.errorMessage)).to.deep.equal(['超时']);
    expect(second.answer.page?.totalItems).to.equal(2);
    // Java: "abc".hashCode() == 96354
    expect(javaStringHash('abc')).to.equal(96354);
  });

  it('lists, for one error, the definitions whose active instances have it', async () => {
    // when
    const { status, answer } = await post('/incidents/statistics/process-instances-by-definition', { filter: { errorHashCode: javaStringHash('超时') } });
    // then
    expect(status).to.equal(200);
    expect(answer.items).to.deep.equal([
      { processDefinitionId: 'permit-check', processDefinitionKey: v2Key, processDefinitionName: '许可核验（第二版）', processDefinitionVersion: 2, tenantId: '<default>', activeInstancesWithErrorCount: 1 },
    ]);
  });

  it('counts active instances with and without incident per definition and per version', async () => {
    // when
    const perDefinition = await post('/process-definitions/statistics/process-instances', {});
    const perVersion = await post('/process-definitions/statistics/process-instances-by-version', {
      filter: { processDefinitionId: 'permit-check' },
      sort: [{ field: 'processDefinitionVersion', order: 'DESC' }],
    });
    // then
    expect(perDefinition.answer.items).to.deep.equal([
      {
        processDefinitionId: 'permit-check',
        tenantId: '<default>',
        latestProcessDefinitionName: '许可核验（第二版）',
        hasMultipleVersions: true,
        activeInstancesWithoutIncidentCount: 1,
        activeInstancesWithIncidentCount: 3,
      },
    ]);
    expect(perVersion.answer.items.map((item) => [item.processDefinitionVersion, item.activeInstancesWithIncidentCount, item.activeInstancesWithoutIncidentCount])).to.deep.equal([
      [2, 1, 0],
      [1, 2, 1],
    ]);
    expect(perVersion.answer.page?.totalItems).to.equal(2);
  });

  it('refuses what Camunda’s schemas refuse with a clear 400: no errorHashCode, no processDefinitionId, unknown filters and sorts', async () => {
    const noHash = await post('/incidents/statistics/process-instances-by-definition', {});
    const noId = await post('/process-definitions/statistics/process-instances-by-version', { filter: {} });
    const unknownFilter = await post(`/process-definitions/${v1Key}/statistics/element-instances`, { filter: { colour: 'red' } });
    const badSort = await post('/incidents/statistics/process-instances-by-error', { sort: [{ field: 'tenantId' }] });
    const missing = await post('/process-definitions/123/statistics/element-instances', {});

    expect([noHash.status, noId.status, unknownFilter.status, badSort.status, missing.status]).to.deep.equal([400, 400, 400, 400, 404]);
    expect(noHash.answer.detail).to.match(/errorHashCode/);
    expect(noId.answer.detail).to.match(/processDefinitionId/);
    expect(unknownFilter.answer.detail).to.match(/filter\.colour/);
    expect(badSort.answer.detail).to.match(/errorMessage, activeInstancesWithErrorCount/);
  });
});
