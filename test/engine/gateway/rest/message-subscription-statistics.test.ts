import { expect } from 'chai';
import { startRestTestBed, type RestTestBed } from './rest-test-bed';

/** A process waiting for two messages at once (`材料补正` keyed by `caseNo`, `缴费确认` keyed by `payment`), as version `tag`. */
function twoMessagesBpmn(tag: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:message id="m1" name="材料补正"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNo" /></bpmn:extensionElements></bpmn:message>
  <bpmn:message id="m2" name="缴费确认"><bpmn:extensionElements><zeebe:subscription correlationKey="=payment" /></bpmn:extensionElements></bpmn:message>
  <bpmn:process id="waits-for-two" name="等待补正与缴费 ${tag}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
    <bpmn:parallelGateway id="fork" />
    <bpmn:sequenceFlow id="f1" sourceRef="fork" targetRef="correction" />
    <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="payment" />
    <bpmn:intermediateCatchEvent id="correction"><bpmn:messageEventDefinition messageRef="m1" /></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="payment"><bpmn:messageEventDefinition messageRef="m2" /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="correction" targetRef="end1" />
    <bpmn:sequenceFlow id="f4" sourceRef="payment" targetRef="end2" />
    <bpmn:endEvent id="end1" />
    <bpmn:endEvent id="end2" />
  </bpmn:process>
</bpmn:definitions>`;
}

type Statistics = { processDefinitionId: string; tenantId: string; processDefinitionKey: string; processInstancesWithActiveSubscriptions: number; activeSubscriptions: number };
type Answer = { items: Statistics[]; page: { totalItems: number; hasMoreTotalItems: boolean; startCursor?: string; endCursor?: string }; detail?: string };

describe('the REST gateway: process-definition message-subscription statistics (Camunda 8.9)', function () {
  this.timeout(60_000);
  let bed: RestTestBed;
  let v1: string;
  let v2: string;

  async function statistics(body: unknown): Promise<{ status: number; answer: Answer }> {
    const response = await bed.call('POST', '/process-definitions/statistics/message-subscriptions', { body });
    return { status: response.status, answer: (await response.json()) as Answer };
  }

  before(async () => {
    bed = await startRestTestBed();
    const sdk = bed.sdk();
    // given version 1 with three waiting instances, one of which got its correction; version 2 with one
    v1 = String((await sdk.deployResources([{ name: 'waits.bpmn', content: twoMessagesBpmn('v1') }])).processes[0].processDefinitionKey);
    for (const caseNo of ['SD-1', 'SD-2', 'SD-3']) await sdk.createProcessInstance({ processDefinitionKey: v1, variables: { caseNo, payment: `P-${caseNo}` } });
    v2 = String((await sdk.deployResources([{ name: 'waits.bpmn', content: twoMessagesBpmn('v2') }])).processes[0].processDefinitionKey);
    await sdk.createProcessInstance({ processDefinitionKey: v2, variables: { caseNo: 'SD-4', payment: 'P-SD-4' } });
    await bed.record((record) => record.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && record.intent === 'CREATED' && record.value.correlationKey === 'P-SD-4');
    await sdk.publishMessage({ name: '材料补正', correlationKey: 'SD-2', variables: {}, timeToLive: 0 });
    await bed.record((record) => record.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && record.intent === 'CORRELATED' && record.value.correlationKey === 'SD-2');
  });
  after(async () => {
    await bed?.close();
  });

  it('counts open subscriptions and the instances holding them, per process definition in key order', async () => {
    // when
    const { status, answer } = await statistics({});
    // then five subscriptions stay open in version 1's three instances, two in version 2's one
    expect(status).to.equal(200);
    expect(answer.items).to.deep.equal([
      { processDefinitionId: 'waits-for-two', tenantId: '<default>', processDefinitionKey: v1, processInstancesWithActiveSubscriptions: 3, activeSubscriptions: 5 },
      { processDefinitionId: 'waits-for-two', tenantId: '<default>', processDefinitionKey: v2, processInstancesWithActiveSubscriptions: 1, activeSubscriptions: 2 },
    ]);
    expect(answer.page).to.include({ totalItems: 2, hasMoreTotalItems: false });
  });

  it("takes Camunda's message-subscription filter", async () => {
    const byKey = await statistics({ filter: { processDefinitionKey: v2 } });
    const byMessage = await statistics({ filter: { messageName: '材料补正' } });
    expect(byKey.answer.items.map((item) => [item.processDefinitionKey, item.activeSubscriptions])).to.deep.equal([[v2, 2]]);
    expect(byMessage.answer.items.map((item) => [item.processDefinitionKey, item.activeSubscriptions, item.processInstancesWithActiveSubscriptions])).to.deep.equal([
      [v1, 2, 2],
      [v2, 1, 1],
    ]);
  });

  it('pages forward by cursor', async () => {
    const first = await statistics({ page: { limit: 1 } });
    const second = await statistics({ page: { limit: 1, after: first.answer.page.endCursor } });
    const third = await statistics({ page: { limit: 1, after: second.answer.page.endCursor } });
    expect([first.answer.items.map((item) => item.processDefinitionKey), second.answer.items.map((item) => item.processDefinitionKey), third.answer.items]).to.deep.equal([[v1], [v2], []]);
    expect(first.answer.page.totalItems).to.equal(2);
  });

  it('refuses offset paging, a made-up cursor and an unknown filter with a 400 that names the field', async () => {
    const offset = await statistics({ page: { from: 1 } });
    const cursor = await statistics({ page: { after: 'not-a-cursor' } });
    const filter = await statistics({ filter: { colour: 'red' } });
    expect([offset.status, cursor.status, filter.status]).to.deep.equal([400, 400, 400]);
    expect(offset.answer.detail).to.match(/'page'/);
    expect(cursor.answer.detail).to.match(/page\.after/);
    expect(filter.answer.detail).to.match(/filter\.colour/);
  });
});
