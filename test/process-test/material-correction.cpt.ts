import { CamundaAssert, UserTaskSelectors, setupCamundaProcessTest } from '@camunda8/process-test';
import path from 'node:path';

describe('a review with a two-hour deadline on OneGo as a remote runtime', () => {
  const setup = setupCamundaProcessTest();

  test('offers the review to the window clerks, then escalates once the clock passes two hours', async () => {
    const context = setup.getContext();
    await context.deployResources([path.join(__dirname, 'material-correction.bpmn.xml')]);
    const processInstance = await context.createProcessInstance({ processDefinitionId: 'material-correction', variables: { caseId: 'JN-2026-0001' } });

    await CamundaAssert.assertThatUserTask(UserTaskSelectors.byElementId('review')).hasCandidateGroups('window-clerks');
    await CamundaAssert.assertThat(processInstance).hasActiveElements('review');
    await context.increaseTime({ hours: 3 });

    const assertion = CamundaAssert.assertThat(processInstance);
    await assertion.isCompleted();
    await assertion.hasCompletedElements('overdue', 'escalated');
  }, 30000);
});
