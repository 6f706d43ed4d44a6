import { expect } from 'chai';
import { formJson, licenceReviewBpmn, startRestTestBed, type OrchestrationClient, type RestTestBed } from './rest-test-bed';

const NOW = { consistency: { waitUpToMs: 0 } } as never;

describe('the REST gateway: user tasks through the orchestration cluster client (responses checked against its 8.8 schemas)', () => {
  let bed: RestTestBed;
  let camunda: OrchestrationClient;
  let processInstanceKey: string;
  let userTaskKey: string;
  before(async () => {
    bed = await startRestTestBed();
    camunda = bed.orchestration();
    await camunda.createDeployment({
      resources: [
        new File([licenceReviewBpmn('oc-review')], 'oc-review.bpmn'),
        new File([formJson('licence-review')], 'licence-review.form'),
      ],
    } as never);
    const created = await camunda.createProcessInstance({
      processDefinitionId: 'oc-review',
      variables: { caseTitle: '李四五金店变更登记', dueAt: '2025-10-10T12:00:00+08:00' },
    } as never);
    processInstanceKey = String(created.processInstanceKey);
    const found = await camunda.searchUserTasks({ filter: { processInstanceKey } } as never, NOW);
    userTaskKey = String(found.items[0].userTaskKey);
  });
  after(async () => {
    await bed?.close();
  });

  it('finds the open task with its name, process name, candidate group and due date', async () => {
    const found = await camunda.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } } as never, NOW);
    expect(found.items).to.have.length(1);
    expect(found.items[0]).to.include({ name: '审查材料', processName: '营业执照审查', dueDate: '2025-10-10T04:00:00.000Z', priority: 50 });
    expect(Number(found.page.totalItems)).to.equal(1);
  });

  it('serves the linked form and the variables visible to the task, including its local input', async () => {
    const form = await camunda.getUserTaskForm({ userTaskKey } as never, NOW);
    expect(form).to.include({ formId: 'licence-review' });
    expect(Number((form as { version: unknown }).version)).to.equal(1);
    expect((form as { schema: { components: unknown[] } }).schema.components).to.have.length(1);
    const variables = await camunda.searchUserTaskVariables({ userTaskKey, sort: [{ field: 'name', order: 'ASC' }] } as never, NOW);
    const byName = Object.fromEntries(variables.items.map((variable: { name: string; value: string }) => [variable.name, JSON.parse(variable.value)]));
    expect(byName).to.deep.include({ caseTitle: '李四五金店变更登记', stepTitle: '李四五金店变更登记（审查）' });
  });

  it('updates the due date and priority, then assigns, unassigns, reassigns and completes', async () => {
    await camunda.updateUserTask({ userTaskKey, changeset: { dueDate: '2025-10-13T09:00:00Z', priority: 80 } } as never);
    let task = await camunda.getUserTask({ userTaskKey } as never, NOW);
    expect(task).to.include({ dueDate: '2025-10-13T09:00:00.000Z', priority: 80 });

    await camunda.assignUserTask({ userTaskKey, assignee: 'zhang.san', allowOverride: false } as never);
    await camunda.unassignUserTask({ userTaskKey } as never);
    task = await camunda.getUserTask({ userTaskKey } as never, NOW);
    expect(task.assignee).to.equal(undefined);
    await camunda.assignUserTask({ userTaskKey, assignee: 'wang.wu' } as never);
    await camunda.completeUserTask({ userTaskKey, variables: { opinion: '同意' } } as never);

    task = await camunda.getUserTask({ userTaskKey } as never, NOW);
    expect(task.state).to.equal('COMPLETED');
    expect(task.completionDate).to.be.a('string');
    const completed = bed.records((record) => record.valueType === 'USER_TASK' && record.intent === 'COMPLETED' && record.key === userTaskKey);
    expect(completed).to.have.length(1);
  });

  it("finishes the case with the client's own REST job worker on the service task after the review", async () => {
    // given the review completed above, when a job worker of this client takes the notification
    const worker = camunda.createJobWorker({
      jobType: 'notify-applicant',
      workerName: 'notifier',
      maxParallelJobs: 2,
      jobTimeoutMs: 30_000,
      pollIntervalMs: 50,
      pollTimeoutMs: 1_000,
      jobHandler: (job: { variables: Record<string, unknown>; complete: (variables?: Record<string, unknown>) => Promise<unknown> }) =>
        job.complete({ notified: job.variables.opinion }),
    } as never);
    try {
      // then the process instance completes
      const done = await bed.record((record) => record.valueType === 'PROCESS_INSTANCE' && record.intent === 'ELEMENT_COMPLETED' && record.key === processInstanceKey);
      expect(done.value.bpmnElementType).to.equal('PROCESS');
      const instance = await camunda.getProcessInstance({ processInstanceKey } as never, NOW);
      expect(instance.state).to.equal('COMPLETED');
      const notified = await camunda.searchVariables({ filter: { processInstanceKey, name: 'notified' } } as never, NOW);
      expect((notified.items ?? []).map((variable: { value: string }) => JSON.parse(variable.value))).to.deep.equal(['同意']);
    } finally {
      (worker as { stop: () => void }).stop();
    }
  });
});
