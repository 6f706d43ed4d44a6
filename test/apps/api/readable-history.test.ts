import { expect } from 'chai';
import { AUDITOR, ZHANG_SAN, processEvent, startAppsTestBed, type AppsTestBed } from '../apps-test-bed';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

/** A review followed by a notice whose input mappings set the step's own bookkeeping (as the demo models do). */
const REVIEW_THEN_NOTICE_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="notice-test" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="apps-review-then-notice" name="审查后告知（测试）" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="审查材料">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:formDefinition formId="apps-licence-review" />
        <zeebe:assignmentDefinition candidateGroups="market-regulation" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="notice" />
    <bpmn:serviceTask id="notice" name="告知申请人">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="apps-test-notice" />
        <zeebe:ioMapping>
          <zeebe:input source="=&#34;material-guidance&#34;" target="stage" />
          <zeebe:input source="=now()" target="sentAt" />
        </zeebe:ioMapping>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f3" sourceRef="notice" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('the readable case history for auditors', function () {
  let bed: AppsTestBed;
  let processInstanceKey: string;

  before(async function () {
    bed = await startAppsTestBed();
    ({ processInstanceKey } = await bed.openCase('SD-2025-0100', '某某商贸有限公司设立登记'));
    const created = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === processInstanceKey);
    const userTaskKey = String(created.value.userTaskKey ?? created.key);
    await bed.call('POST', `/v2/user-tasks/${userTaskKey}/assignment`, { user: ZHANG_SAN, body: { assignee: 'zhang.san' } });
    const completion = await bed.call('POST', `/v2/user-tasks/${userTaskKey}/completion`, { user: ZHANG_SAN, body: { variables: { decision: 'approve', opinion: '材料齐全，准予设立' } } });
    expect(completion.status).to.equal(204);
    await bed.record(processEvent(processInstanceKey, 'ELEMENT_COMPLETED'));
  });

  after(async function () {
    await bed?.close();
  });

  it('tells in Chinese who did which step, with the form labels of what was decided', async function () {
    const detail = await json(await bed.call('GET', `/v2/apps/audit/process-instances/${processInstanceKey}`, { user: AUDITOR }));
    const lines = (detail.readableHistory as { at: string; who: string | null; what: string; changes: string[] }[]).map(
      (entry) => `${entry.at} ${entry.who ?? '系统'} ${entry.what}${entry.changes.length ? `：${entry.changes.join('；')}` : ''}`,
    );

    expect(lines).to.include('2025-10-09 10:00 系统 案件开始：营业执照审查（测试）');
    expect(lines).to.include('2025-10-09 10:00 系统 转入「审查材料」（市场监管局）');
    expect(lines).to.include('2025-10-09 10:00 张三（市场监管局） 领取「审查材料」');
    expect(lines).to.include('2025-10-09 10:00 张三（市场监管局） 完成「审查材料」：审查结论 = 通过；审查意见 = 材料齐全，准予设立');
    expect(lines[lines.length - 1]).to.equal('2025-10-09 10:00 系统 案件办结');
    expect(lines.some((line) => /ELEMENT_|USER_TASK|zhang\.san/.test(line))).to.equal(false);
  });

  it('gives each line in English too, for the English switch, keeping the names the case has', async function () {
    const detail = await json(await bed.call('GET', `/v2/apps/audit/process-instances/${processInstanceKey}`, { user: AUDITOR }));
    const english = (detail.readableHistory as { whatEn: string }[]).map((entry) => entry.whatEn);

    expect(english).to.include('Case opened: 营业执照审查（测试）');
    expect(english).to.include('Claimed 「审查材料」');
    expect(english).to.include('Completed 「审查材料」');
    expect(english).to.include('The stage 1 deadline started (5 working days, due 2025-10-15 10:00)');
    expect(english[english.length - 1]).to.equal('Case finished');
    // the decision's values under their English names (english-labels.ts; the form has only Chinese labels)
    const completed = (detail.readableHistory as { whatEn: string; changesEn: string[] }[]).find((entry) => entry.whatEn === 'Completed 「审查材料」');
    expect(completed?.changesEn).to.deep.equal(['Decision = 通过', 'Opinion = 材料齐全，准予设立']);
  });

  it('shows when a deadline started and when it is due (亮灯)', async function () {
    const detail = await json(await bed.call('GET', `/v2/apps/audit/process-instances/${processInstanceKey}`, { user: AUDITOR }));

    expect(detail.readableHistory.map((entry: { what: string }) => entry.what)).to.include('「第一阶段时限」开始计时（5 个工作日，2025-10-15 10:00 到期）');
  });

  it('keeps the raw records next to it for experts', async function () {
    const detail = await json(await bed.call('GET', `/v2/apps/audit/process-instances/${processInstanceKey}`, { user: AUDITOR }));

    expect(detail.history.map((entry: { intent: string }) => entry.intent)).to.include('ELEMENT_ACTIVATED');
    expect(detail.readableHistory.length).to.be.lessThan(detail.history.length);
  });

  it("leaves the next step's own bookkeeping (input mappings set in the same instant) out of the decision's values", async function () {
    // given a review completed right before a service task whose input mappings set stage and sentAt
    await bed.server.engine.deployResources([{ name: 'apps-review-then-notice.bpmn', content: Buffer.from(REVIEW_THEN_NOTICE_BPMN) }]);
    const { processInstanceKey: key } = await bed.server.engine.createProcessInstance({ bpmnProcessId: 'apps-review-then-notice', variables: { caseId: 'SD-2025-0101', caseTitle: '某某餐饮有限公司设立登记' } });
    const created = await bed.record((record) => record.valueType === 'USER_TASK' && record.intent === 'CREATED' && record.value.processInstanceKey === key);
    const userTaskKey = String(created.value.userTaskKey ?? created.key);
    await bed.call('POST', `/v2/user-tasks/${userTaskKey}/assignment`, { user: ZHANG_SAN, body: { assignee: 'zhang.san' } });
    await bed.call('POST', `/v2/user-tasks/${userTaskKey}/completion`, { user: ZHANG_SAN, body: { variables: { decision: 'approve', opinion: '材料齐全，准予设立' } } });
    await bed.record((record) => record.valueType === 'JOB' && record.intent === 'CREATED' && record.value.processInstanceKey === key);

    // when the history is read
    const detail = await json(await bed.call('GET', `/v2/apps/audit/process-instances/${key}`, { user: AUDITOR }));
    const entries = detail.readableHistory as { what: string; changes: string[]; kind: string }[];

    // then the decision carries only what the reviewer decided, and stage / sentAt are data changes (behind the switch)
    const decision = entries.find((entry) => entry.what === '完成「审查材料」');
    expect(decision?.changes).to.deep.equal(['审查结论 = 通过', '审查意见 = 材料齐全，准予设立']);
    const bookkeeping = entries.filter((entry) => /办理阶段|发送时间/.test(entry.what));
    expect(bookkeeping.map((entry) => entry.kind)).to.deep.equal(['variable', 'variable']);
  });
});
