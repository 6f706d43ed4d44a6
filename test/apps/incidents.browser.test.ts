import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { ADMIN, processEvent, startAppsTestBed, type AppsTestBed } from './apps-test-bed';
import { DESKTOP, launchBrowser, logIn, PHONE, screenshot, type TestBrowser } from './browser-support';

/**
 * A decision whose gateway has no default flow: started without `approved`, neither condition holds and the
 * gateway raises a CONDITION_ERROR incident — an incident no job retry can fix, only the data and 解决.
 */
const DECISION_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="apps-incident-test" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="apps-permit-decision" name="许可决定（测试）" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="decide" />
    <bpmn:exclusiveGateway id="decide" name="是否准予" />
    <bpmn:sequenceFlow id="yes" sourceRef="decide" targetRef="granted"><bpmn:conditionExpression>=approved = true</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="no" sourceRef="decide" targetRef="refused"><bpmn:conditionExpression>=approved = false</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:endEvent id="granted" name="准予许可" />
    <bpmn:endEvent id="refused" name="不予许可" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="apps-permit-decision">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="120" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="decide_di" bpmnElement="decide" isMarkerVisible="true"><dc:Bounds x="200" y="113" width="50" height="50" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="granted_di" bpmnElement="granted"><dc:Bounds x="330" y="60" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="refused_di" bpmnElement="refused"><dc:Bounds x="330" y="180" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="138" /><di:waypoint x="200" y="138" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="yes_di" bpmnElement="yes"><di:waypoint x="225" y="113" /><di:waypoint x="225" y="78" /><di:waypoint x="330" y="78" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="no_di" bpmnElement="no"><di:waypoint x="225" y="163" /><di:waypoint x="225" y="198" /><di:waypoint x="330" y="198" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

/** The admin's and auditor's view of an incident: marked on the diagram, then resolved without a job retry. */
describe('an incident marked on the process diagram and resolved without a retry (Debian chromium)', function () {
  this.timeout(90_000);
  let bed: AppsTestBed;
  let browser: TestBrowser;
  let page: Page;
  let processInstanceKey: string;

  before(async function () {
    bed = await startAppsTestBed();
    await Promise.all(['audit', 'admin'].map((app) => fetch(`${bed.url}/apps/assets/${app}.js`)));
    // given a case stuck at its gateway: no `approved`, so no condition holds
    await bed.server.engine.deployResources([{ name: 'apps-permit-decision.bpmn', content: Buffer.from(DECISION_BPMN) }]);
    ({ processInstanceKey } = await bed.server.engine.createProcessInstance({ bpmnProcessId: 'apps-permit-decision', variables: { caseTitle: '某某公司许可申请' } }));
    const incident = await bed.record((record) => record.valueType === 'INCIDENT' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
    expect(incident.value.errorType).to.equal('CONDITION_ERROR');
    browser = await launchBrowser();
    page = browser.page;
  });

  after(async function () {
    await browser?.close();
    await bed?.close();
  });

  it('marks the failed element on the audit diagram with an incident badge, at desktop and phone size', async function () {
    await logIn(page, `${bed.url}/audit#/instance/${processInstanceKey}`, ADMIN);
    // then the gateway carries the badge (a bpmn-js overlay) and the red outline; nothing else does
    const badge = page.locator('.diagram .diagram-badge');
    await badge.first().waitFor();
    expect(await badge.evaluateAll((badges) => badges.map((one) => `${one.getAttribute('data-element')}: ${one.textContent}`))).to.deep.equal(['decide: 故障']);
    expect(await page.locator('.diagram [data-element-id=decide].element-incident').count()).to.equal(1);
    expect(await page.locator('.diagram .element-incident').count()).to.equal(1);
    // and the incidents table names it, says in Chinese what went wrong, and keeps Zeebe's own English message
    const incident = page.locator('.incidents tr[data-row-key]');
    expect(await incident.locator('[data-error-type]').getAttribute('data-error-type')).to.equal('CONDITION_ERROR');
    expect(await incident.textContent()).to.include('条件表达式错误').and.include('没有一个条件成立');
    // the step by its name, its id on hover
    await incident.locator('.incident-element', { hasText: '是否准予' }).waitFor();
    expect(await incident.locator('.incident-element').getAttribute('title')).to.equal('decide');
    expect(await incident.locator('.engine-message').textContent()).to.match(/^引擎原文：Expected at least one condition/);
    // and so does the case's 办理经过
    expect(await page.locator('.readable-history .history-line[data-kind=incident]').textContent()).to.include('故障（条件表达式错误）：Expected at least one condition').and.include('「是否准予」');
    // in English the type reads as words too
    await page.getByText('EN', { exact: true }).click();
    try {
      await page.locator('.incidents [data-error-type]', { hasText: 'Condition error' }).waitFor();
      expect(await incident.textContent()).to.include('none was true and there is no default flow').and.not.include('条件表达式错误');
    } finally {
      await page.getByText('中', { exact: true }).click();
    }
    await page.waitForTimeout(400); // the diagram's fit-to-viewport zoom, for a readable screenshot
    await screenshot(page, 'incident-desktop-audit-diagram');

    await page.setViewportSize(PHONE);
    try {
      await page.waitForTimeout(400);
      await page.locator('.diagram .diagram-badge[data-element=decide]').waitFor();
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(PHONE.width);
      await screenshot(page, 'incident-phone-audit-diagram');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });

  it('resolves the incident with 解决 (no retry): the gateway decides again and the case ends', async function () {
    // given the cause fixed: the decision recorded on the case
    await bed.server.engine.setVariables({ elementInstanceKey: processInstanceKey, variables: { approved: true }, local: false });

    // when the admin resolves the incident in 故障事件, confirming
    await page.goto(`${bed.url}/admin#/incidents`);
    const row = page.locator('tr[data-incident]', { hasText: 'Expected at least one condition' });
    await row.waitFor();
    await row.getByRole('button', { name: '解决' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '解决' }).click();

    // then the engine resolved it as the admin, without touching any job, and the case went on to 准予许可
    const resolved = await bed.record((record) => record.valueType === 'INCIDENT' && record.intent === 'RESOLVED' && record.value.processInstanceKey === processInstanceKey);
    expect(resolved.actor).to.equal('guan.li');
    const ended = await bed.record((record) => record.valueType === 'PROCESS_INSTANCE' && record.intent === 'ELEMENT_COMPLETED' && record.value.processInstanceKey === processInstanceKey && record.value.elementId === 'granted');
    expect(ended.value.bpmnElementType).to.equal('END_EVENT');
    await bed.record(processEvent(processInstanceKey, 'ELEMENT_COMPLETED'));
    await page.getByText('没有故障').waitFor();
    await screenshot(page, 'incident-desktop-admin-resolved');

    // and the audit view shows the case completed through 准予许可, with no incident badge left
    await page.goto(`${bed.url}/audit#/instance/${processInstanceKey}`);
    await page.locator('.diagram [data-element-id=granted].element-completed').waitFor();
    expect(await page.locator('.diagram .diagram-badge').count()).to.equal(0);
    expect(await page.locator('.diagram .element-incident').count()).to.equal(0);
    await screenshot(page, 'incident-desktop-audit-after-resolve');
  });
});
