import { expect } from 'chai';
import { ADMIN, formJson, licenceReviewBpmn, startRestTestBed, ZHANG_SAN, type RestTestBed } from './rest-test-bed';

describe('the REST gateway: user tasks through the SDK REST client', () => {
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed();
  });
  after(async () => {
    await bed?.close();
  });

  it('deploys, starts, finds the task by candidate group, assigns, completes, and the process goes on', async () => {
    // given
    const sdk = bed.sdk();
    const deployment = await sdk.deployResources([
      { name: 'licence-review.bpmn', content: licenceReviewBpmn() },
      { name: 'licence-review.form', content: formJson('licence-review') },
    ]);
    expect(deployment.processes[0].processDefinitionId).to.equal('licence-review');
    expect(deployment.forms[0].formId).to.equal('licence-review');
    const { processInstanceKey } = await sdk.createProcessInstance({
      processDefinitionId: 'licence-review',
      variables: { caseTitle: '张三餐饮店开业', dueAt: '2025-10-09T17:30:00+08:00' },
    });
    // when
    const found = await sdk.searchUserTasks({ filter: { candidateGroup: 'market-regulation', processInstanceKey } } as never);
    // then
    expect(found.items).to.have.length(1);
    const [task] = found.items;
    expect(task).to.include({ name: '审查材料', state: 'CREATED', elementId: 'review', processName: '营业执照审查', dueDate: '2025-10-09T09:30:00.000Z' });
    expect(task.candidateGroups).to.deep.equal(['market-regulation']);

    // when
    await sdk.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'zhang.san' });
    const assigned = await sdk.getUserTask(task.userTaskKey);
    expect(assigned.assignee).to.equal('zhang.san');
    await sdk.completeUserTask({ userTaskKey: task.userTaskKey, variables: { opinion: '材料齐全' } });

    // then a REST job worker takes the service task after it, with the opinion, and the case is done
    const completedTask = await sdk.getUserTask(task.userTaskKey);
    expect(completedTask.state).to.equal('COMPLETED');
    const notified: unknown[] = [];
    sdk.createJobWorker({
      type: 'notify-applicant',
      worker: 'notifier',
      timeout: 30_000,
      maxJobsToActivate: 5,
      pollIntervalMs: 50,
      jobHandler: (job: { variables: Record<string, unknown>; complete: (v?: unknown) => unknown }) => {
        notified.push(job.variables.opinion);
        return job.complete({ notifiedAt: 'now' });
      },
    } as never);
    const done = await bed.record((record) => record.valueType === 'PROCESS_INSTANCE' && record.intent === 'ELEMENT_COMPLETED' && record.key === processInstanceKey);
    expect(done.value.bpmnElementType).to.equal('PROCESS');
    expect(notified).to.deep.equal(['材料齐全']);
  });

  describe('conflicts and bad input', () => {
    let userTaskKey: string;
    before(async () => {
      const sdk = bed.sdk();
      const { processInstanceKey } = await sdk.createProcessInstance({ processDefinitionId: 'licence-review', variables: { caseTitle: '冲突', dueAt: '' } });
      userTaskKey = (await sdk.searchUserTasks({ filter: { processInstanceKey } } as never)).items[0].userTaskKey;
    });

    it("updates through the SDK's PATCH …/update with a bare changeset", async () => {
      await bed.sdk().updateUserTask({ userTaskKey, changeset: { followUpDate: '2025-10-20T01:00:00Z', candidateGroups: ['market-regulation', 'tax'] } } as never);
      const task = await bed.sdk().getUserTask(userTaskKey);
      expect(task.followUpDate).to.equal('2025-10-20T01:00:00.000Z');
      expect(task.candidateGroups).to.deep.equal(['market-regulation', 'tax']);
    });

    it('answers 409 to a claim (allowOverride false) of a task someone else holds', async () => {
      await bed.sdk().assignUserTask({ userTaskKey, assignee: 'zhang.san' });
      const response = await bed.call('POST', `/user-tasks/${userTaskKey}/assignment`, { body: { assignee: 'li.si', allowOverride: false } });
      expect(response.status).to.equal(409);
      expect(((await response.json()) as { detail: string }).detail).to.contain("already assigned to 'zhang.san'");
    });

    it('answers 400 for an assignment without an assignee and for a priority above 100', async () => {
      const noAssignee = await bed.call('POST', `/user-tasks/${userTaskKey}/assignment`, { body: { assignee: '' } });
      expect(noAssignee.status).to.equal(400);
      expect(((await noAssignee.json()) as { detail: string }).detail).to.equal('No assignee provided.');
      const priority = await bed.call('PATCH', `/user-tasks/${userTaskKey}`, { body: { changeset: { priority: 101 } } });
      expect(priority.status).to.equal(400);
      expect(((await priority.json()) as { detail: string }).detail).to.equal("The value for priority is '101' but must be at most 100.");
    });

    it('answers 404 for completing a task twice and for a task that never existed', async () => {
      await bed.sdk().completeUserTask({ userTaskKey, variables: { opinion: '同意' } });
      const again = await bed.call('POST', `/user-tasks/${userTaskKey}/completion`, { body: {} });
      expect(again.status).to.equal(404);
      const unknown = await bed.call('GET', '/user-tasks/2251799813000042');
      expect(unknown.status).to.equal(404);
      expect(unknown.headers.get('content-type')).to.match(/problem\+json/);
    });
  });
});
