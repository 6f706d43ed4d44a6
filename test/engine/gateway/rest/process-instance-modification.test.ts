import { expect } from 'chai';
import { ADMIN, ZHANG_SAN, startRestTestBed, type RestTestBed } from './rest-test-bed';

/** start → review (user task, group market-regulation) → archive (user task) → end. */
const TWO_STEPS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
  <bpmn:process id="two-steps" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
    <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="market-regulation"/></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="archive"/>
    <bpmn:userTask id="archive"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="market-regulation"/></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="archive" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>`;

describe('the REST gateway: POST /v2/process-instances/{key}/modification', () => {
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
    await bed.sdk(ADMIN).deployResources([{ name: 'two-steps.bpmn', content: TWO_STEPS }]);
  });
  after(async () => {
    await bed?.close();
  });

  it('moves a case from one step to another through the 8.8 client: activates the target, terminates the source, sets variables (204)', async () => {
    // given a case waiting at review
    const { processInstanceKey } = await bed.sdk(ADMIN).createProcessInstance({ processDefinitionId: 'two-steps', variables: {} });
    const review = bed.server.engine.listUserTasks().find((task) => task.processInstanceKey === processInstanceKey && task.elementId === 'review')!;
    // when the admin moves it on to archive, as Operate's modification does
    await bed.orchestration(ADMIN).modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'archive', variableInstructions: [{ variables: { movedBy: 'admin' } }] }],
      terminateInstructions: [{ elementInstanceKey: review.elementInstanceKey }],
    } as never);
    // then
    const open = bed.server.engine.listUserTasks().filter((task) => task.processInstanceKey === processInstanceKey).map((task) => task.elementId);
    expect(open).to.deep.equal(['archive']);
    expect(bed.server.engine.getVariables(processInstanceKey)).to.include({ movedBy: 'admin' });
  });

  it('answers 400 naming an element the process does not have, and 404 for an unknown instance', async () => {
    const { processInstanceKey } = await bed.sdk(ADMIN).createProcessInstance({ processDefinitionId: 'two-steps', variables: {} });
    const unknownElement = await bed.call('POST', `/process-instances/${processInstanceKey}/modification`, { caller: ADMIN, body: { activateInstructions: [{ elementId: 'nope' }] } });
    expect(unknownElement.status).to.equal(400);
    expect(((await unknownElement.json()) as { detail: string }).detail).to.contain('nope');
    const unknownInstance = await bed.call('POST', '/process-instances/2251799813685249/modification', { caller: ADMIN, body: { activateInstructions: [{ elementId: 'archive' }] } });
    expect(unknownInstance.status).to.equal(404);
    const move = await bed.call('POST', `/process-instances/${processInstanceKey}/modification`, { caller: ADMIN, body: { moveInstructions: [] } });
    expect(move.status).to.equal(400);
  });

  it('keeps modification to admins: a clerk gets 403 and nothing changes', async () => {
    const { processInstanceKey } = await bed.sdk(ADMIN).createProcessInstance({ processDefinitionId: 'two-steps', variables: {} });
    const response = await bed.call('POST', `/process-instances/${processInstanceKey}/modification`, { caller: ZHANG_SAN, body: { activateInstructions: [{ elementId: 'archive' }] } });
    expect(response.status).to.equal(403);
    expect(bed.server.engine.listUserTasks().filter((task) => task.processInstanceKey === processInstanceKey).map((task) => task.elementId)).to.deep.equal(['review']);
  });
});
