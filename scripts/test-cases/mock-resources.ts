/**
 * The stand-ins CPT's MOCK_CHILD_PROCESS and MOCK_DMN_DECISION deploy in place of the real resource: a called
 * process that finishes at once with the given variables, and a decision that answers the given output. Both
 * are ordinary BPMN and DMN, deployed like any other resource, so the caller's call activity or business rule
 * task runs exactly as it would against the real one.
 */
import type { Variables } from '../../engine/api';
import { xmlEscape } from '../xml-escape';
import { TestCaseFailure } from './test-case-runtime';

/** The job type whose mock completes the stand-in child process (one per mocked process id). */
export function childProcessMockJobType(processDefinitionId: string): string {
  return `onego-test-cases:mock-child:${processDefinitionId}`;
}

/**
 * A process `processDefinitionId`: start → one service task → end. The test case's job-worker mocks complete
 * the task with the mocked variables, which land in the child instance and flow back through the call
 * activity as the real child's would (all of them, or per its output mappings).
 */
export function childProcessMockBpmn(processDefinitionId: string, versionTag?: string): string {
  const id = xmlEscape(processDefinitionId);
  const tag = versionTag === undefined ? '' : `<bpmn:extensionElements><zeebe:versionTag value="${xmlEscape(versionTag)}" /></bpmn:extensionElements>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="MockedChild" targetNamespace="https://onego.test/mock">
  <bpmn:process id="${id}" name="mock of ${id}" isExecutable="true">${tag}
    <bpmn:startEvent id="MockStart" />
    <bpmn:sequenceFlow id="MockFlowIn" sourceRef="MockStart" targetRef="MockResult" />
    <bpmn:serviceTask id="MockResult" name="mocked result">
      <bpmn:extensionElements><zeebe:taskDefinition type="${xmlEscape(childProcessMockJobType(processDefinitionId))}" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="MockFlowOut" sourceRef="MockResult" targetRef="MockEnd" />
    <bpmn:endEvent id="MockEnd" />
  </bpmn:process>
</bpmn:definitions>`;
}

/**
 * A DMN whose decision `decisionDefinitionId` is a literal expression answering `output` as a FEEL context,
 * so a business rule task's result variable holds exactly the mocked variables.
 */
export function decisionMockDmn(decisionDefinitionId: string, output: Variables): string {
  const literal = JSON.stringify(output);
  // JSON is FEEL here except for exponent numbers (1e21), which FEEL has no syntax for.
  if (/[0-9]e[+-]?[0-9]/i.test(literal.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) {
    throw new TestCaseFailure('MOCK_DMN_DECISION variables hold a number too large or small to write in FEEL / 数值超出 FEEL 可写范围');
  }
  const id = xmlEscape(decisionDefinitionId);
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="MockedDecision_${id}" name="mock of ${id}" namespace="https://onego.test/mock">
  <decision id="${id}" name="mock of ${id}">
    <literalExpression><text>${xmlEscape(literal)}</text></literalExpression>
  </decision>
</definitions>`;
}
