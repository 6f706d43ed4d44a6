import { expect } from 'chai';
import { startRestTestBed, type RestTestBed } from './rest-test-bed';

const NOW = { consistency: { waitUpToMs: 0 } } as never;

/** Waits at a message catch event for the applicant's correction (补正), keyed by caseId. */
const CORRECTION_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:message id="m" name="correction-submitted"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements></bpmn:message>
  <bpmn:signal id="s" name="policy-changed" />
  <bpmn:process id="correction" name="补正" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait" name="等待补正"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
  <bpmn:process id="on-signal" name="政策变更" isExecutable="true">
    <bpmn:startEvent id="signal-start"><bpmn:signalEventDefinition signalRef="s" /></bpmn:startEvent>
    <bpmn:sequenceFlow id="g1" sourceRef="signal-start" targetRef="signal-end" />
    <bpmn:endEvent id="signal-end" />
  </bpmn:process>
</bpmn:definitions>`;

const FEE_DMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="fees" name="收费" namespace="http://onego">
  <decision id="fee" name="工本费">
    <decisionTable id="table" hitPolicy="FIRST">
      <input id="in" label="类型"><inputExpression id="ie" typeRef="string"><text>kind</text></inputExpression></input>
      <output id="out" name="fee" typeRef="number" />
      <rule id="r1"><inputEntry id="e1"><text>"licence"</text></inputEntry><outputEntry id="o1"><text>0</text></outputEntry></rule>
      <rule id="r2"><inputEntry id="e2"><text>-</text></inputEntry><outputEntry id="o2"><text>10</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;

describe('the REST gateway: messages, signals, decisions, variables and element instances', () => {
  let bed: RestTestBed;
  before(async () => {
    bed = await startRestTestBed();
    await bed.sdk().deployResources([
      { name: 'correction.bpmn', content: CORRECTION_BPMN },
      { name: 'fees.dmn', content: FEE_DMN },
    ]);
  });
  after(async () => {
    await bed?.close();
  });

  it('correlates a correction to the waiting case and says which instance took it', async () => {
    // given
    const { processInstanceKey } = await bed.sdk().createProcessInstance({ processDefinitionId: 'correction', variables: { caseId: 'SD-2025-0001' } });
    // when
    const correlated = await bed.orchestration().correlateMessage({ name: 'correction-submitted', correlationKey: 'SD-2025-0001', variables: { corrected: true } } as never);
    // then
    expect(String(correlated.processInstanceKey)).to.equal(processInstanceKey);
    const instance = await bed.orchestration().getProcessInstance({ processInstanceKey } as never, NOW);
    expect(instance.state).to.equal('COMPLETED');
  });

  it('answers 404 when no case waits for the correlation key', async () => {
    const response = await bed.call('POST', '/messages/correlation', { body: { name: 'correction-submitted', correlationKey: 'SD-NOBODY' } });
    expect(response.status).to.equal(404);
    expect(((await response.json()) as { detail: string }).detail).to.equal(
      "Expected to find subscription for message with name 'correction-submitted' and correlation key 'SD-NOBODY', but none was found.",
    );
  });

  it('buffers a published message until a case subscribes', async () => {
    // given
    const published = await bed.sdk().publishMessage({ name: 'correction-submitted', correlationKey: 'SD-2025-0002', variables: {}, timeToLive: 60_000 });
    expect(published.messageKey).to.be.a('string');
    // when
    const { processInstanceKey } = await bed.sdk().createProcessInstance({ processDefinitionId: 'correction', variables: { caseId: 'SD-2025-0002' } });
    // then
    const completed = await bed.record((record) => record.valueType === 'PROCESS_INSTANCE' && record.intent === 'ELEMENT_COMPLETED' && record.key === processInstanceKey);
    expect(completed.value.bpmnElementType).to.equal('PROCESS');
  });

  it('starts a process with a broadcast signal', async () => {
    const result = await bed.orchestration().broadcastSignal({ signalName: 'policy-changed', variables: { policy: '2025-10' } } as never);
    expect(String(result.signalKey)).to.match(/^\d+$/);
    const started = await bed.orchestration().searchProcessInstances({ filter: { processDefinitionId: 'on-signal' } } as never, NOW);
    expect(started.items).to.have.length(1);
  });

  it('evaluates a decision by id', async () => {
    // Camunda answers failedDecisionDefinitionId "" when nothing failed, which the client's schema refuses.
    const result = await bed.orchestration({ validation: 'req:none,res:none' }).evaluateDecision({ decisionDefinitionId: 'fee', variables: { kind: 'licence' } } as never);
    expect(result).to.include({ decisionDefinitionId: 'fee', decisionDefinitionName: '工本费', output: '0' });
    expect(result.evaluatedDecisions[0].matchedRules?.[0].ruleId).to.equal('r1');
    const refused = await bed.call('POST', '/decision-definitions/evaluation', { body: { variables: {} } });
    expect(refused.status).to.equal(400);
  });

  it('names the DECISION_EVALUATION record of each evaluation as decisionEvaluationKey and decisionInstanceKey, even when two run at once', async () => {
    // when
    const camunda = bed.orchestration({ validation: 'req:none,res:none' });
    const answers = await Promise.all(['licence', 'permit'].map((kind) => camunda.evaluateDecision({ decisionDefinitionId: 'fee', variables: { kind } } as never)));
    // then
    for (const answer of answers) {
      expect(answer.decisionInstanceKey).to.equal(answer.decisionEvaluationKey);
      const evaluation = await bed.record((r) => r.valueType === 'DECISION_EVALUATION' && r.key === String(answer.decisionEvaluationKey));
      expect(evaluation.intent).to.equal('EVALUATED');
      expect(evaluation.value.decisionOutput).to.equal(answer.output);
      expect(answer.evaluatedDecisions[0].decisionEvaluationInstanceKey).to.equal(answer.decisionEvaluationKey);
    }
    expect(answers.map((answer) => answer.output)).to.deep.equal(['0', '10']);
  });

  it('searches, reads and sets variables, and lists element instances with their names', async () => {
    // given a waiting case
    const { processInstanceKey } = await bed.sdk().createProcessInstance({ processDefinitionId: 'correction', variables: { caseId: 'SD-2025-0003', applicant: { name: '赵六' } } });
    const camunda = bed.orchestration();
    // when
    const found = await camunda.searchVariables({ filter: { processInstanceKey, name: 'applicant' } } as never, NOW);
    // then
    expect(found.items).to.have.length(1);
    expect(JSON.parse(found.items[0].value)).to.deep.equal({ name: '赵六' });
    const one = await camunda.getVariable({ variableKey: found.items[0].variableKey } as never, NOW);
    expect(one.name).to.equal('applicant');

    // when
    await camunda.createElementInstanceVariables({ elementInstanceKey: processInstanceKey, variables: { note: '已电话联系' } } as never);
    // then
    const note = await camunda.searchVariables({ filter: { processInstanceKey, name: 'note' } } as never, NOW);
    expect(note.items.map((variable: { value: string }) => JSON.parse(variable.value))).to.deep.equal(['已电话联系']);
    const elements = await camunda.searchElementInstances({ filter: { processInstanceKey, state: 'ACTIVE' } } as never, NOW);
    const waiting = (elements.items ?? []).find((element: { elementId: string }) => element.elementId === 'wait');
    expect(waiting).to.include({ elementName: '等待补正', type: 'INTERMEDIATE_CATCH_EVENT', state: 'ACTIVE' });
    const same = await camunda.getElementInstance({ elementInstanceKey: waiting!.elementInstanceKey } as never, NOW);
    expect(same.elementId).to.equal('wait');
  });
});
