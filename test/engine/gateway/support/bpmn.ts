/**
 * Small Camunda 8 models for the gateway conformance tests, written out as XML so each test shows exactly
 * what it deploys. Every model is a complete `bpmn:definitions` document a real Zeebe would accept.
 */

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn"
  modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">`;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** start → service task (`jobType`, optional headers) → end. */
export function serviceTaskProcess(processId: string, jobType: string, headers: Record<string, string> = {}): string {
  const headerXml = Object.entries(headers)
    .map(([key, value]) => `<zeebe:header key="${escapeXml(key)}" value="${escapeXml(value)}" />`)
    .join('');
  return `${HEADER}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:serviceTask id="task" name="Task">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="${escapeXml(jobType)}" retries="3" />
        ${headerXml ? `<zeebe:taskHeaders>${headerXml}</zeebe:taskHeaders>` : ''}
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
}

/** start → task "first" (`firstType`) → task "second" (`secondType`) → end: for modification and migration. */
export function twoTaskProcess(processId: string, firstType: string, secondType: string): string {
  return `${HEADER}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first" />
    <bpmn:serviceTask id="first">
      <bpmn:extensionElements><zeebe:taskDefinition type="${escapeXml(firstType)}" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="second" />
    <bpmn:serviceTask id="second">
      <bpmn:extensionElements><zeebe:taskDefinition type="${escapeXml(secondType)}" /></bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f3" sourceRef="second" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
}

/** start → service task with an error boundary event catching `errorCode` → "handled" end; else "end". */
export function errorBoundaryProcess(processId: string, jobType: string, errorCode: string): string {
  return `${HEADER}
  <bpmn:error id="err" name="${escapeXml(errorCode)}" errorCode="${escapeXml(errorCode)}" />
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:serviceTask id="task">
      <bpmn:extensionElements><zeebe:taskDefinition type="${escapeXml(jobType)}" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:boundaryEvent id="caught" attachedToRef="task">
      <bpmn:outgoing>f3</bpmn:outgoing>
      <bpmn:errorEventDefinition errorRef="err" />
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="caught" targetRef="handled" />
    <bpmn:endEvent id="handled"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
}

/** start → message catch (`messageName`, correlation key `=<variable>`) → end. */
export function messageCatchProcess(processId: string, messageName: string, correlationVariable: string): string {
  return `${HEADER}
  <bpmn:message id="msg" name="${escapeXml(messageName)}">
    <bpmn:extensionElements><zeebe:subscription correlationKey="=${correlationVariable}" /></bpmn:extensionElements>
  </bpmn:message>
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:messageEventDefinition messageRef="msg" />
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
}

/** start → signal catch (`signalName`) → end. */
export function signalCatchProcess(processId: string, signalName: string): string {
  return `${HEADER}
  <bpmn:signal id="sig" name="${escapeXml(signalName)}" />
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:signalEventDefinition signalRef="sig" />
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
}

/** start → end, nothing else: completes the moment it is created. */
export function straightThroughProcess(processId: string): string {
  return `${HEADER}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
}

/** A DMN decision table: `age` ≥ 18 → "adult", otherwise "minor" (hit policy UNIQUE). */
export function ageDecision(decisionId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="drg_${decisionId}" name="Age rules"
  namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="${decisionId}" name="Age group">
    <decisionTable id="table" hitPolicy="UNIQUE">
      <input id="input_age" label="Age">
        <inputExpression id="expr_age" typeRef="number"><text>age</text></inputExpression>
      </input>
      <output id="output_group" name="group" typeRef="string" />
      <rule id="rule_adult">
        <inputEntry id="ie1"><text>&gt;= 18</text></inputEntry>
        <outputEntry id="oe1"><text>"adult"</text></outputEntry>
      </rule>
      <rule id="rule_minor">
        <inputEntry id="ie2"><text>&lt; 18</text></inputEntry>
        <outputEntry id="oe2"><text>"minor"</text></outputEntry>
      </rule>
    </decisionTable>
  </decision>
</definitions>`;
}
