import { CamundaAssert, setupCamundaProcessTest } from '@camunda8/process-test';
import path from 'node:path';

describe('the order process on OneGo as a remote runtime', () => {
  const setup = setupCamundaProcessTest();

  test('collects the money, ships the parcel and completes', async () => {
    const context = setup.getContext();
    await context.deployResources([path.join(__dirname, 'order-process.bpmn.xml')]);
    // Not awaited here: a mock's promise settles once it has completed its job, i.e. after the instance starts.
    const collected = context.mockJobWorker('collect-money').thenComplete({ paid: true });
    const shipped = context.mockJobWorker('ship-parcel').thenComplete({ tracking: 'TR123456' });

    const processInstance = await context.createProcessInstance({
      processDefinitionId: 'order-process',
      variables: { orderId: 'order-123', amount: 99.99 },
    });
    await Promise.all([collected, shipped]);

    const assertion = CamundaAssert.assertThat(processInstance);
    await assertion.isCompleted();
    await assertion.hasVariables({ paid: true, tracking: 'TR123456' });
  }, 30000);
});
