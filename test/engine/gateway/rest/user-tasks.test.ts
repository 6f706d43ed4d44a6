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

    // then the service task after it gets a job with the completed variables
    const job = await bed.record((record) => record.valueType === 'JOB' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
    expect(job.value.type).to.equal('notify-applicant');
    const completedTask = await sdk.getUserTask(task.userTaskKey);
    expect(completedTask.state).to.equal('COMPLETED');
  });
});
