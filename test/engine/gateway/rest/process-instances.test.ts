import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { formJson, licenceReviewBpmn, startRestTestBed, type RestTestBed } from './rest-test-bed';

const NOW = { consistency: { waitUpToMs: 0 } } as never;

describe('the REST gateway: deployments, process definitions and process instances', () => {
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed();
  });
  after(async () => {
    await bed?.close();
  });

  it('deploys files the SDK reads from disk with their Chinese names intact', async () => {
    // given a model file on disk (deployResourcesFromFiles reads it as latin1 and re-encodes it)
    const folder = await mkdtemp(join(tmpdir(), 'onego-files-'));
    const file = join(folder, 'from-disk.bpmn');
    await writeFile(file, licenceReviewBpmn('from-disk'), 'utf8');
    try {
      // when
      const deployment = await bed.sdk().deployResourcesFromFiles([file]);
      // then
      const key = deployment.processes[0].processDefinitionKey;
      const definition = await bed.orchestration().getProcessDefinition({ processDefinitionKey: key } as never, NOW);
      expect(definition).to.include({ name: '营业执照审查', processDefinitionId: 'from-disk', version: 1, hasStartForm: true });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('finds the latest version of a process, serves its XML and its start form', async () => {
    // given two versions
    const sdk = bed.sdk();
    await sdk.deployResources([{ name: 'versions.bpmn', content: licenceReviewBpmn('versions') }, { name: 'application.form', content: formJson('licence-application', '申请人') }]);
    const second = await sdk.deployResources([{ name: 'versions.bpmn', content: licenceReviewBpmn('versions').replace('审查材料', '审查材料（第二版）') }]);
    const camunda = bed.orchestration();
    // when
    const latest = await camunda.searchProcessDefinitions({ filter: { processDefinitionId: 'versions', isLatestVersion: true } } as never, NOW);
    // then
    expect((latest.items ?? []).map((item: { version?: number }) => item.version)).to.deep.equal([2]);
    const key = second.processes[0].processDefinitionKey;
    const xml = await camunda.getProcessDefinitionXml({ processDefinitionKey: key } as never, NOW);
    expect(String(xml)).to.contain('审查材料（第二版）');
    const form = await camunda.getStartProcessForm({ processDefinitionKey: key } as never, NOW);
    expect(form).to.include({ formId: 'licence-application' });
  });

  it('refuses a broken model with a 400 problem that says what is wrong, and deploys nothing', async () => {
    const data = new FormData();
    data.append('resources', new Blob(['<bpmn:definitions>not closed']), 'broken.bpmn');
    const response = await fetch(`${bed.url}/v2/deployments`, { method: 'POST', body: data });
    expect(response.status).to.equal(400);
    expect(response.headers.get('content-type')).to.match(/problem\+json/);
    expect(((await response.json()) as { detail: string }).detail).to.match(/^Expected to deploy new resources, but/);
  });

  it('refuses a deployment without resources', async () => {
    const response = await fetch(`${bed.url}/v2/deployments`, { method: 'POST', body: new FormData() });
    expect(response.status).to.equal(400);
    expect(((await response.json()) as { detail: string }).detail).to.equal('No resources provided.');
  });

  it('creates, searches with paging, gets and cancels process instances', async () => {
    // given three cases
    const sdk = bed.sdk();
    await sdk.deployResources([{ name: 'cases.bpmn', content: licenceReviewBpmn('cases') }, { name: 'review.form', content: formJson('licence-review') }]);
    const keys: string[] = [];
    for (const title of ['甲', '乙', '丙']) {
      keys.push((await sdk.createProcessInstance({ processDefinitionId: 'cases', variables: { caseTitle: title, dueAt: '' } })).processInstanceKey);
    }
    const camunda = bed.orchestration();
    // when paging two at a time
    const first = await camunda.searchProcessInstances({ filter: { processDefinitionId: 'cases' }, page: { limit: 2 } } as never, NOW);
    const rest = await camunda.searchProcessInstances({ filter: { processDefinitionId: 'cases' }, page: { limit: 2, after: first.page.endCursor } } as never, NOW);
    // then
    expect([...first.items, ...rest.items].map((item: { processInstanceKey: unknown }) => String(item.processInstanceKey))).to.deep.equal(keys);
    expect(Number(first.page.totalItems)).to.equal(3);
    expect(first.items[0]).to.include({ processDefinitionName: '营业执照审查', state: 'ACTIVE', hasIncident: false });

    // when
    await camunda.cancelProcessInstance({ processInstanceKey: keys[1] } as never);
    // then
    const canceled = await camunda.getProcessInstance({ processInstanceKey: keys[1] } as never, NOW);
    expect(canceled.state).to.equal('TERMINATED');
    expect(canceled.endDate).to.be.a('string');
    const active = await camunda.searchProcessInstances({ filter: { processDefinitionId: 'cases', state: 'ACTIVE' }, sort: [{ field: 'processInstanceKey', order: 'DESC' }] } as never, NOW);
    expect(active.items.map((item: { processInstanceKey: unknown }) => String(item.processInstanceKey))).to.deep.equal([keys[2], keys[0]]);
    const tasks = await camunda.searchUserTasks({ filter: { processInstanceKey: keys[1] } } as never, NOW);
    expect(tasks.items.map((task: { state?: string }) => task.state)).to.deep.equal(['CANCELED']);
  });

  it('migrates a process instance to a new version; the instance, its user task and its history show the new definition', async () => {
    // given a case waiting at review on version 1, and version 2 of the same process
    const sdk = bed.sdk();
    await sdk.deployResources([{ name: 'migrating.bpmn', content: licenceReviewBpmn('migrating') }, { name: 'review.form', content: formJson('licence-review') }]);
    const { processInstanceKey } = await sdk.createProcessInstance({ processDefinitionId: 'migrating', variables: { caseTitle: '丁', dueAt: '' } });
    const v2 = await sdk.deployResources([{ name: 'migrating.bpmn', content: licenceReviewBpmn('migrating').replace('审查材料', '审查材料（第二版）') }]);
    const targetProcessDefinitionKey = v2.processes[0].processDefinitionKey;
    const camunda = bed.orchestration();
    await camunda.searchUserTasks({ filter: { processInstanceKey } } as never, { consistency: { waitUpToMs: 5_000 } } as never);
    // when
    await camunda.migrateProcessInstance({
      processInstanceKey,
      targetProcessDefinitionKey,
      mappingInstructions: [{ sourceElementId: 'review', targetElementId: 'review' }],
    } as never);
    // then
    const instance = await camunda.getProcessInstance({ processInstanceKey } as never, NOW);
    expect(instance).to.include({ processDefinitionVersion: 2, state: 'ACTIVE' });
    expect(String(instance.processDefinitionKey)).to.equal(targetProcessDefinitionKey);
    const tasks = await camunda.searchUserTasks({ filter: { processInstanceKey } } as never, NOW);
    expect(tasks.items.map((task: { processDefinitionKey?: unknown; state?: string }) => [String(task.processDefinitionKey), task.state])).to.deep.equal([
      [targetProcessDefinitionKey, 'CREATED'],
    ]);
    // and a plan that leaves the active task unmapped is refused with Zeebe's reason
    const refused = await bed.call('POST', `/process-instances/${processInstanceKey}/migration`, { body: { targetProcessDefinitionKey, mappingInstructions: [] } });
    expect(refused.status).to.equal(409);
    expect(((await refused.json()) as { detail: string }).detail).to.contain("no mapping instruction defined for active element with id 'review'");
    const malformed = await bed.call('POST', `/process-instances/${processInstanceKey}/migration`, { body: { targetProcessDefinitionKey } });
    expect(malformed.status).to.equal(400);
  });

  for (const [description, body, status, detail] of [
    ['no process', { variables: {} }, 400, /At least one of \[processDefinitionId, processDefinitionKey\] is required/],
    ['variables that are not an object', { processDefinitionId: 'cases', variables: [1, 2] }, 400, /^Expected 'variables' to be a JSON object, but was an array/],
    ['an unknown process', { processDefinitionId: 'no-such-process' }, 404, /no-such-process/],
  ] as const) {
    it(`refuses to create an instance with ${description} (${status})`, async () => {
      const response = await bed.call('POST', '/process-instances', { body });
      expect(response.status).to.equal(status);
      expect(((await response.json()) as { detail: string }).detail).to.match(detail);
    });
  }

  it('answers 404 for an unknown instance and 400 for a key that is no number', async () => {
    expect((await bed.call('GET', '/process-instances/2251799813000001')).status).to.equal(404);
    const response = await bed.call('GET', '/process-instances/abc');
    expect(response.status).to.equal(400);
    expect(((await response.json()) as { detail: string }).detail).to.equal("Expected 'processInstanceKey' to be a key (a decimal number), but was 'abc'.");
  });

  it('refuses a search with an unknown filter or sort field, naming it', async () => {
    const filter = await bed.call('POST', '/process-instances/search', { body: { filter: { colour: 'red' } } });
    expect(filter.status).to.equal(400);
    expect(((await filter.json()) as { detail: string }).detail).to.match(/^Expected 'filter.colour' to be one of the process instance filters/);
    const sort = await bed.call('POST', '/user-tasks/search', { body: { sort: [{ field: 'colour' }] } });
    expect(sort.status).to.equal(400);
    expect(((await sort.json()) as { detail: string }).detail).to.match(/^Expected 'sort\[0\].field' to be one of \[creationDate/);
  });
});

describe('the REST gateway: deployment upload limits', () => {
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed();
  });
  after(async () => {
    await bed?.close();
  });

  it('refuses files under another field name with a 400 naming the field', async () => {
    const data = new FormData();
    data.append('files', new Blob(['<x/>']), 'x.bpmn');
    const response = await fetch(`${bed.url}/v2/deployments`, { method: 'POST', body: data });
    expect(response.status).to.equal(400);
    expect(((await response.json()) as { detail: string }).detail).to.contain("(field 'files')");
  });

  it('refuses a resource over 4 MiB with 413', async () => {
    const data = new FormData();
    data.append('resources', new Blob([Buffer.alloc(4 * 1024 * 1024 + 1, 32)]), 'huge.bpmn');
    const response = await fetch(`${bed.url}/v2/deployments`, { method: 'POST', body: data });
    expect(response.status).to.equal(413);
  });
});

describe('the REST gateway: the form of a task bound with bindingType deployment is the one deployed with its process', () => {
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed();
  });
  after(async () => {
    await bed?.close();
  });

  it('keeps serving version 1 after a newer form version is deployed on its own', async () => {
    // given a process deployed with version 1 of its form, then version 2 of the form alone
    // (Zeebe links the latest form unless the task asks for the one of its own deployment)
    const sdk = bed.sdk();
    const pinned = licenceReviewBpmn('linked').replace('<zeebe:formDefinition formId="licence-review" />', '<zeebe:formDefinition formId="licence-review" bindingType="deployment" />');
    expect(pinned).to.contain('bindingType="deployment"');
    await sdk.deployResources([{ name: 'linked.bpmn', content: pinned }, { name: 'review.form', content: formJson('licence-review', '意见（第一版）') }]);
    await sdk.deployResources([{ name: 'review.form', content: formJson('licence-review', '意见（第二版）') }]);
    // when a case reaches the task
    const { processInstanceKey } = await sdk.createProcessInstance({ processDefinitionId: 'linked', variables: { caseTitle: '表单版本', dueAt: '' } });
    const [task] = (await sdk.searchUserTasks({ filter: { processInstanceKey } } as never)).items;
    // then
    const response = await bed.call('GET', `/user-tasks/${task.userTaskKey}/form`);
    const form = (await response.json()) as { version: number; schema: { components: { label: string }[] } };
    expect(form.version).to.equal(1);
    expect(form.schema.components[0].label).to.equal('意见（第一版）');
  });

  it('serves the start form its binding selects: the deployment’s own version, or the latest (Zeebe: form bindingType)', async () => {
    // given two processes whose start forms bind differently, deployed with version 1 of the application form,
    // then version 2 of the form alone
    const sdk = bed.sdk();
    const startForm = '<zeebe:formDefinition formId="licence-application" />';
    const pinned = licenceReviewBpmn('start-pinned').replace(startForm, '<zeebe:formDefinition formId="licence-application" bindingType="deployment" />');
    const latest = licenceReviewBpmn('start-latest');
    expect(pinned).to.contain('bindingType="deployment"');
    const first = await sdk.deployResources([
      { name: 'start-pinned.bpmn', content: pinned },
      { name: 'start-latest.bpmn', content: latest },
      { name: 'application.form', content: formJson('licence-application', '申请人（第一版）') },
    ]);
    await sdk.deployResources([{ name: 'application.form', content: formJson('licence-application', '申请人（第二版）') }]);
    const keyOf = (id: string) => first.processes.find((p: { processDefinitionId: string }) => p.processDefinitionId === id)!.processDefinitionKey;
    // when
    const labelOf = async (id: string) => {
      const form = (await bed.orchestration().getStartProcessForm({ processDefinitionKey: keyOf(id) } as never, NOW)) as { schema: { components: { label: string }[] } };
      return form.schema.components[0].label;
    };
    // then
    expect(await labelOf('start-pinned')).to.equal('申请人（第一版）');
    expect(await labelOf('start-latest')).to.equal('申请人（第二版）');
  });
});

describe('the REST gateway: process instance search by process name', () => {
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed();
  });
  after(async () => {
    await bed?.close();
  });

  it('filters and sorts by the process name taken from the model', async () => {
    const sdk = bed.sdk();
    await sdk.deployResources([
      { name: 'named-a.bpmn', content: licenceReviewBpmn('named-a').replace('营业执照审查', '甲流程') },
      { name: 'named-b.bpmn', content: licenceReviewBpmn('named-b').replace('营业执照审查', '乙流程') },
      { name: 'review.form', content: formJson('licence-review') },
    ]);
    const a = await sdk.createProcessInstance({ processDefinitionId: 'named-a', variables: { caseTitle: 'a', dueAt: '' } });
    await sdk.createProcessInstance({ processDefinitionId: 'named-b', variables: { caseTitle: 'b', dueAt: '' } });
    const found = await bed.orchestration().searchProcessInstances({ filter: { processDefinitionName: { $like: '甲*' } } } as never, { consistency: { waitUpToMs: 0 } } as never);
    expect((found.items ?? []).map((item) => String(item.processInstanceKey))).to.deep.equal([a.processInstanceKey]);
    const sorted = await bed.orchestration().searchProcessInstances({ sort: [{ field: 'processDefinitionName', order: 'DESC' }] } as never, { consistency: { waitUpToMs: 0 } } as never);
    // Code-point order, as a keyword index sorts: 乙 (U+4E59) before 甲 (U+7532).
    expect((sorted.items ?? []).map((item) => item.processDefinitionName)).to.deep.equal(['甲流程', '乙流程']);
  });
});
