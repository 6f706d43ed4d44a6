import { expect } from 'chai';
import { startRestTestBed, type RestTestBed } from './rest-test-bed';

const NOW = { consistency: { waitUpToMs: 0 } } as never;

/** start → user task (the instance waits there), so it has a start event, a task and the process itself. */
const WAITING_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://onego">
  <bpmn:process id="window-intake" name="窗口受理" isExecutable="true">
    <bpmn:startEvent id="Start_Applied" name="申请提交" />
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start_Applied" targetRef="Task_Review" />
    <bpmn:userTask id="Task_Review" name="受理审查"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
  </bpmn:process>
</bpmn:definitions>`;

describe('POST /v2/element-instances/search and GET /v2/element-instances/{key}', function () {
  this.timeout(60_000);
  let bed: RestTestBed;

  before(async () => {
    bed = await startRestTestBed();
    await bed.sdk().deployResources([{ name: 'window-intake.bpmn', content: WAITING_BPMN }]);
  });
  after(() => bed.close());

  it('lists an instance from its start event on, without the process itself, as Camunda’s exporter writes no flow-node instance for PROCESS', async () => {
    const camunda = bed.orchestration();
    const { processInstanceKey } = await bed.sdk().createProcessInstance({ processDefinitionId: 'window-intake', variables: {} });
    await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED');
    const found = await camunda.searchElementInstances({ filter: { processInstanceKey } } as never, NOW);
    const items = (found.items ?? []) as { elementId: string; type: string; state: string }[];
    expect(items.map((item) => [item.elementId, item.type, item.state])).to.deep.equal([
      ['Start_Applied', 'START_EVENT', 'COMPLETED'],
      ['Task_Review', 'USER_TASK', 'ACTIVE'],
    ]);
    expect(Number(found.page.totalItems)).to.equal(2);
    const processLevel = await bed.call('POST', '/element-instances/search', { body: { filter: { type: 'PROCESS' } } });
    expect(((await processLevel.json()) as { items: unknown[] }).items).to.deep.equal([]);
  });

  it('answers 404 for the process instance key, which is no element instance in Camunda’s search', async () => {
    const { processInstanceKey } = await bed.sdk().createProcessInstance({ processDefinitionId: 'window-intake', variables: {} });
    const task = await bed.call('POST', '/element-instances/search', { body: { filter: { processInstanceKey, elementId: 'Task_Review' } } });
    const [taskInstance] = ((await task.json()) as { items: { elementInstanceKey: string }[] }).items;
    expect((await bed.call('GET', `/element-instances/${taskInstance!.elementInstanceKey}`)).status).to.equal(200);
    expect((await bed.call('GET', `/element-instances/${processInstanceKey}`)).status).to.equal(404);
  });
});
