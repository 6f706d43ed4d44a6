import { expect } from 'chai';
import { ADMIN, AUDITOR, ZHANG_SAN, startRestTestBed, type RestTestBed } from './rest-test-bed';

/** start → review (user task) → archive (user task) → end, in two versions (v2 renames the end). */
const model = (version: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
  <bpmn:process id="batch-case" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
    <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="market-regulation"/></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="archive"/>
    <bpmn:userTask id="archive"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="market-regulation"/></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="archive" targetRef="end"/>
    <bpmn:endEvent id="end" name="${version}"/>
  </bpmn:process>
  <bpmn:process id="batch-broken" isExecutable="true">
    <bpmn:startEvent id="bs"/>
    <bpmn:sequenceFlow id="b1" sourceRef="bs" targetRef="work"/>
    <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="=jobType"/></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:sequenceFlow id="b2" sourceRef="work" targetRef="be"/>
    <bpmn:endEvent id="be"/>
  </bpmn:process>
</bpmn:definitions>`;

const NOW = { consistency: { waitUpToMs: 0 } } as never;

describe('the REST gateway: batch operations (Camunda 8.8) through the orchestration client', () => {
  let bed: RestTestBed;
  let v1: string;
  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
    const deployed = await bed.sdk(ADMIN).deployResources([{ name: 'batch.bpmn', content: model('v1') }]);
    v1 = deployed.processes.find((p) => p.processDefinitionId === 'batch-case')!.processDefinitionKey;
  });
  after(async () => {
    await bed?.close();
  });

  const start = async (processDefinitionId: string, count: number, variables: Record<string, unknown> = {}) => {
    const keys: string[] = [];
    for (let i = 0; i < count; i++) keys.push((await bed.sdk(ADMIN).createProcessInstance({ processDefinitionId, variables })).processInstanceKey);
    return keys;
  };
  /** Polls the batch operation through the client until it is no longer ACTIVE. */
  const finished = async (batchOperationKey: string) => {
    const client = bed.orchestration({ ...AUDITOR });
    for (let attempt = 0; attempt < 200; attempt++) {
      const operation = await client.getBatchOperation({ batchOperationKey } as never, NOW);
      if (operation.state !== 'ACTIVE') return operation;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`batch operation ${batchOperationKey} did not finish`);
  };

  /** The same over plain HTTP, for 8.10 operation types the 8.8 client's schema does not know. */
  const finishedOverHttp = async (batchOperationKey: string) => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const operation = (await (await bed.call('GET', `/batch-operations/${batchOperationKey}`, { caller: AUDITOR })).json()) as { state: string };
      if (operation.state !== 'ACTIVE') return operation;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`batch operation ${batchOperationKey} did not finish`);
  };

  it('cancels every running instance a filter matches, in chunks, and reports each item', async () => {
    // given 45 running cases (more than two chunks)
    const keys = await start('batch-case', 45, { batch: 'cancel' });
    // when the admin cancels them by filter
    const created = await bed.orchestration({ ...ADMIN }).cancelProcessInstancesBatchOperation({ filter: { processDefinitionId: 'batch-case' } } as never, NOW);
    expect(created.batchOperationType).to.equal('CANCEL_PROCESS_INSTANCE');
    // then the operation completes with 45 items
    const operation = await finished(created.batchOperationKey!);
    expect(operation).to.include({ state: 'COMPLETED', operationsTotalCount: 45, operationsCompletedCount: 45, operationsFailedCount: 0 });
    const open = new Set(bed.server.engine.listUserTasks().map((task) => task.processInstanceKey));
    expect(keys.filter((key) => open.has(key))).to.be.empty;
    const items = await bed.orchestration({ ...AUDITOR }).searchBatchOperationItems({ filter: { batchOperationKey: created.batchOperationKey }, page: { limit: 100 } } as never, NOW);
    expect(items.items).to.have.length(45);
    expect(new Set(items.items!.map((item) => item.state))).to.deep.equal(new Set(['COMPLETED']));
    expect(items.items!.map((item) => item.processInstanceKey).sort()).to.deep.equal([...keys].sort());
    // and the search lists it
    const search = await bed.orchestration({ ...AUDITOR }).searchBatchOperations({ filter: { operationType: 'CANCEL_PROCESS_INSTANCE' } } as never, NOW);
    expect(search.items!.map((item) => item.batchOperationKey)).to.include(created.batchOperationKey);
  });

  it('moves every matching case from review to archive (modification with move instructions)', async () => {
    const keys = await start('batch-case', 3, { batch: 'move' });
    const created = await bed.orchestration({ ...ADMIN }).modifyProcessInstancesBatchOperation(
      { filter: { processDefinitionId: 'batch-case' }, moveInstructions: [{ sourceElementId: 'review', targetElementId: 'archive' }] } as never,
      NOW,
    );
    expect((await finished(created.batchOperationKey!)).state).to.equal('COMPLETED');
    const steps = bed.server.engine.listUserTasks().filter((task) => keys.includes(task.processInstanceKey)).map((task) => task.elementId);
    expect(steps).to.deep.equal(['archive', 'archive', 'archive']);
  });

  it('migrates every matching case to the new version', async () => {
    const keys = await start('batch-case', 2, { batch: 'migrate' });
    const v2 = (await bed.sdk(ADMIN).deployResources([{ name: 'batch.bpmn', content: model('v2') }])).processes.find((p) => p.processDefinitionId === 'batch-case')!.processDefinitionKey;
    const created = await bed.orchestration({ ...ADMIN }).migrateProcessInstancesBatchOperation(
      {
        filter: { processDefinitionKey: v1 },
        migrationPlan: { targetProcessDefinitionKey: v2, mappingInstructions: [{ sourceElementId: 'review', targetElementId: 'review' }, { sourceElementId: 'archive', targetElementId: 'archive' }] },
      } as never,
      NOW,
    );
    expect((await finished(created.batchOperationKey!)).state).to.equal('COMPLETED');
    const definitions = keys.map((key) => bed.server.engine.listUserTasks().find((task) => task.processInstanceKey === key)!.processDefinitionKey);
    expect(definitions).to.deep.equal([v2, v2]);
  });

  it('resolves the open incidents of the matching instances', async () => {
    const keys = await start('batch-broken', 2);
    await bed.record((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && r.value.processInstanceKey === keys[1]);
    for (const key of keys) await bed.sdk(ADMIN).updateElementInstanceVariables({ elementInstanceKey: key, variables: { jobType: 'fixed-type' } } as never);
    const created = await bed.orchestration({ ...ADMIN }).resolveIncidentsBatchOperation({ filter: { processDefinitionId: 'batch-broken' } } as never, NOW);
    expect(created.batchOperationType).to.equal('RESOLVE_INCIDENT');
    expect(await finished(created.batchOperationKey!)).to.include({ state: 'COMPLETED', operationsTotalCount: 2, operationsCompletedCount: 2 });
    const jobs = bed.records((r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.type === 'fixed-type');
    expect(jobs.map((r) => r.value.processInstanceKey).sort()).to.deep.equal([...keys].sort());
  });

  it('suspends and resumes every matching case (8.10 POST /process-instances/suspension and /resumption), whatever state the filter names', async () => {
    const keys = await start('batch-case', 3, { batch: 'pause' });
    const states = async () => {
      const found = (await (await bed.call('POST', '/process-instances/search', { caller: AUDITOR, body: { filter: { processInstanceKey: { $in: keys } } } })).json()) as { items: { state: string }[] };
      return found.items.map((item) => item.state);
    };
    // the state in the filter is overridden: only ACTIVE instances can be suspended
    const suspension = await bed.call('POST', '/process-instances/suspension', { caller: ADMIN, body: { filter: { processInstanceKey: { $in: keys }, state: 'COMPLETED' } } });
    expect(suspension.status).to.equal(200);
    const suspended = (await suspension.json()) as { batchOperationKey: string; batchOperationType: string };
    expect(suspended.batchOperationType).to.equal('SUSPEND_PROCESS_INSTANCE');
    expect(await finishedOverHttp(suspended.batchOperationKey)).to.include({ state: 'COMPLETED', operationsCompletedCount: 3 });
    expect(await states()).to.deep.equal(['SUSPENDED', 'SUSPENDED', 'SUSPENDED']);
    const resumption = (await (await bed.call('POST', '/process-instances/resumption', { caller: ADMIN, body: { filter: { processInstanceKey: { $in: keys } } } })).json()) as { batchOperationKey: string };
    expect(await finishedOverHttp(resumption.batchOperationKey)).to.include({ state: 'COMPLETED', operationsCompletedCount: 3 });
    expect(await states()).to.deep.equal(['ACTIVE', 'ACTIVE', 'ACTIVE']);
  });

  it('reports an item whose command was refused as FAILED with the reason, and the operation as PARTIALLY_COMPLETED', async () => {
    // given a batch whose second item names an instance that does not exist (as if it ended meanwhile)
    const [key] = await start('batch-case', 1, { batch: 'partial' });
    const created = await bed.server.engine.submitCommand<{ batchOperationKey: string }>({
      key: '-1',
      valueType: 'BATCH_OPERATION_CREATION',
      intent: 'CREATE',
      value: { batchOperationType: 'CANCEL_PROCESS_INSTANCE', items: [{ itemKey: key, processInstanceKey: key }, { itemKey: '2251799813685249', processInstanceKey: '2251799813685249' }], payload: {} },
    });
    const operation = await finished(created.batchOperationKey);
    expect(operation).to.include({ state: 'PARTIALLY_COMPLETED', operationsCompletedCount: 1, operationsFailedCount: 1 });
    const failed = (await (await bed.call('POST', '/batch-operation-items/search', { caller: AUDITOR, body: { filter: { batchOperationKey: created.batchOperationKey, state: 'FAILED' } } })).json()) as { items: { itemKey: string; errorMessage: string }[] };
    expect(failed.items).to.have.length(1);
    expect(failed.items[0].itemKey).to.equal('2251799813685249');
    expect(failed.items[0].errorMessage).to.contain('no such process was found');
  });

  it('refuses a batch without filter (400), a clerk (403), and answers 404 for an unknown batch operation', async () => {
    expect((await bed.call('POST', '/process-instances/cancellation', { caller: ADMIN, body: {} })).status).to.equal(400);
    expect((await bed.call('POST', '/process-instances/cancellation', { caller: ADMIN, body: { filter: { nope: 1 } } })).status).to.equal(400);
    expect((await bed.call('POST', '/process-instances/cancellation', { caller: ZHANG_SAN, body: { filter: {} } })).status).to.equal(403);
    expect((await bed.call('GET', '/batch-operations/2251799813685249', { caller: AUDITOR })).status).to.equal(404);
    expect((await bed.call('POST', '/batch-operations/2251799813685249/suspension', { caller: ADMIN, body: {} })).status).to.equal(404);
  });
});
