import { expect } from 'chai';
import { ADMIN, AUDITOR, startRestTestBed, type RestTestBed } from '../rest-test-bed';

const NOW = { consistency: { waitUpToMs: 0 } } as never;

/** 受理 calls 审查; 审查's gateway has no default flow, so without `score` it raises an incident. */
const CALLER_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://onego">
  <bpmn:process id="intake" name="窗口受理" isExecutable="true">
    <bpmn:startEvent id="Start_Intake" />
    <bpmn:sequenceFlow id="Flow_ToReview" sourceRef="Start_Intake" targetRef="Call_Review" />
    <bpmn:callActivity id="Call_Review" name="联合审查"><bpmn:extensionElements><zeebe:calledElement processId="review" propagateAllChildVariables="false" /></bpmn:extensionElements></bpmn:callActivity>
    <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Call_Review" targetRef="End_Intake" />
    <bpmn:endEvent id="End_Intake" />
  </bpmn:process>
</bpmn:definitions>`;

const CALLED_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d2" targetNamespace="http://onego">
  <bpmn:process id="review" isExecutable="true">
    <bpmn:startEvent id="Start_Review" />
    <bpmn:sequenceFlow id="Flow_ToGate" sourceRef="Start_Review" targetRef="Gate_Score" />
    <bpmn:exclusiveGateway id="Gate_Score" />
    <bpmn:sequenceFlow id="Flow_Pass" sourceRef="Gate_Score" targetRef="End_Review"><bpmn:conditionExpression>=score &gt; 60</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:endEvent id="End_Review" />
  </bpmn:process>
</bpmn:definitions>`;

interface IncidentItem { processInstanceKey: string; elementId: string; errorType: string }

describe('the REST gateway: what one instance is related to (call hierarchy, taken flows, its incidents, status)', function () {
  this.timeout(60_000);
  let bed: RestTestBed;
  let parentKey: string;
  let childKey: string;
  let otherKey: string;

  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
    await bed.sdk(ADMIN).deployResources([
      { name: 'intake.bpmn', content: CALLER_BPMN },
      { name: 'review.bpmn', content: CALLED_BPMN },
    ]);
    parentKey = String((await bed.sdk(ADMIN).createProcessInstance({ processDefinitionId: 'intake', variables: {} })).processInstanceKey);
    const incident = await bed.record((record) => record.valueType === 'INCIDENT' && record.intent === 'CREATED');
    childKey = String(incident.value.processInstanceKey);
    otherKey = String((await bed.sdk(ADMIN).createProcessInstance({ processDefinitionId: 'review', variables: { score: 90 } })).processInstanceKey);
    await bed.record((record) => record.valueType === 'PROCESS_INSTANCE' && record.intent === 'ELEMENT_COMPLETED' && record.key === otherKey);
  });
  after(() => bed?.close());

  it('gives the call hierarchy root first, the asked instance last, with the definition id where it has no name', async () => {
    const camunda = bed.orchestration(AUDITOR);
    const chain = await camunda.getProcessInstanceCallHierarchy({ processInstanceKey: childKey } as never, NOW);
    expect(chain.map((entry) => [entry.processInstanceKey, entry.processDefinitionName])).to.deep.equal([
      [parentKey, '窗口受理'],
      [childKey, 'review'],
    ]);
    const alone = await camunda.getProcessInstanceCallHierarchy({ processInstanceKey: parentKey } as never, NOW);
    expect(alone.map((entry) => entry.processInstanceKey)).to.deep.equal([parentKey]);
    expect((await bed.call('GET', '/process-instances/2251799813999999/call-hierarchy', { caller: AUDITOR })).status).to.equal(404);
  });

  it('lists the sequence flows an instance took, each named <instance>_<flow> as Camunda’s exporter names them', async () => {
    const camunda = bed.orchestration(AUDITOR);
    const parentFlows = await camunda.getProcessInstanceSequenceFlows({ processInstanceKey: parentKey } as never, NOW);
    expect((parentFlows.items ?? []).map((flow) => [flow.sequenceFlowId, flow.elementId, flow.processDefinitionId])).to.deep.equal([
      [`${parentKey}_Flow_ToReview`, 'Flow_ToReview', 'intake'],
    ]);
    const childFlows = await camunda.getProcessInstanceSequenceFlows({ processInstanceKey: childKey } as never, NOW);
    expect((childFlows.items ?? []).map((flow) => flow.elementId)).to.deep.equal(['Flow_ToGate']);
    const unknown = await bed.call('GET', '/process-instances/2251799813999999/sequence-flows', { caller: AUDITOR });
    expect(unknown.status).to.equal(200);
    expect(await unknown.json()).to.deep.equal({ items: [] });
  });

  it('finds a called instance’s incident under its caller, and none under an unrelated instance', async () => {
    const camunda = bed.orchestration(AUDITOR);
    const underParent = await camunda.searchProcessInstanceIncidents({ processInstanceKey: parentKey } as never, NOW);
    expect((underParent.items ?? []).map((incident) => [incident.processInstanceKey, incident.elementId, incident.errorType])).to.deep.equal([
      [childKey, 'Gate_Score', 'CONDITION_ERROR'],
    ]);
    const underOther = await camunda.searchProcessInstanceIncidents({ processInstanceKey: otherKey } as never, NOW);
    expect(underOther.items ?? []).to.deep.equal([]);
    const narrowed = await bed.call('POST', `/process-instances/${parentKey}/incidents/search`, { caller: AUDITOR, body: { filter: { processInstanceKey: parentKey } } });
    expect(((await narrowed.json()) as { items: unknown[] }).items).to.deep.equal([]);
    expect((await bed.call('POST', '/process-instances/2251799813999999/incidents/search', { caller: AUDITOR, body: {} })).status).to.equal(404);
  });

  it('finds the incidents inside an element instance: the call activity holds its called instance’s, the start event none', async () => {
    async function elementKey(elementId: string): Promise<string> {
      const found = await bed.call('POST', '/element-instances/search', { caller: AUDITOR, body: { filter: { processInstanceKey: parentKey, elementId } } });
      return ((await found.json()) as { items: { elementInstanceKey: string }[] }).items[0]!.elementInstanceKey;
    }
    async function incidentsInside(key: string): Promise<IncidentItem[]> {
      const response = await bed.call('POST', `/element-instances/${key}/incidents/search`, { caller: AUDITOR, body: {} });
      expect(response.status).to.equal(200);
      return ((await response.json()) as { items: IncidentItem[] }).items;
    }
    expect((await incidentsInside(await elementKey('Call_Review'))).map((incident) => [incident.processInstanceKey, incident.elementId])).to.deep.equal([[childKey, 'Gate_Score']]);
    expect(await incidentsInside(await elementKey('Start_Intake'))).to.deep.equal([]);
    expect((await bed.call('POST', '/element-instances/2251799813999999/incidents/search', { caller: AUDITOR, body: {} })).status).to.equal(404);
  });

  it('answers GET /v2/status with 204 and no credentials, as Camunda leaves it open for load balancers', async () => {
    const response = await bed.call('GET', '/status');
    expect(response.status).to.equal(204);
    await bed.orchestration().getStatus();
  });

  it('gets one audit-log entry by its key, as the search lists it, and 404 for a key it does not hold', async () => {
    const search = await bed.call('POST', '/audit-logs/search', { caller: AUDITOR, body: { filter: { operationType: 'CREATE', entityType: 'PROCESS_INSTANCE' } } });
    const [entry] = ((await search.json()) as { items: { auditLogKey: string }[] }).items;
    expect(entry, 'a CREATE PROCESS_INSTANCE entry').to.not.equal(undefined);
    const got = await bed.call('GET', `/audit-logs/${entry!.auditLogKey}`, { caller: AUDITOR });
    expect(got.status).to.equal(200);
    expect(await got.json()).to.deep.equal(entry);
    expect((await bed.call('GET', '/audit-logs/2251799813999999', { caller: AUDITOR })).status).to.equal(404);
  });
});
