/**
 * Small Camunda 8 models for the gateway conformance tests, composed with the shared BPMN writer
 * (`test/support/bpmn.ts`). Element ids are fixed (`start`, `task`, `end`, …) because the tests name them.
 */
import { bpmn } from '../../../support';

const { process, start, end, serviceTask, catchEvent, boundary, chain, error, errorRef, message, messageRef, signal, signalRef } = bpmn;

/** start → service task "task" (`jobType`, optional headers) → end. */
export function serviceTaskProcess(processId: string, jobType: string, headers: Record<string, string> = {}): string {
  return process(processId, start('start'), serviceTask('task', jobType, { headers }), end('end'), chain('start', 'task', 'end'));
}

/** start → task "first" (`firstType`) → task "second" (`secondType`) → end: for modification and migration. */
export function twoTaskProcess(processId: string, firstType: string, secondType: string): string {
  return process(processId, start('start'), serviceTask('first', firstType), serviceTask('second', secondType), end('end'), chain('start', 'first', 'second', 'end'));
}

/** start → service task with an error boundary event "caught" catching `errorCode` → "handled" end; else "end". */
export function errorBoundaryProcess(processId: string, jobType: string, errorCode: string): string {
  return process(
    processId,
    error('err', errorCode),
    start('start'),
    serviceTask('task', jobType),
    end('end'),
    boundary('caught', 'task', errorRef('err')),
    end('handled'),
    chain('start', 'task', 'end'),
    chain('caught', 'handled'),
  );
}

/** start → message catch "wait" (`messageName`, correlation key `=<variable>`) → end. */
export function messageCatchProcess(processId: string, messageName: string, correlationVariable: string): string {
  return process(processId, message('msg', messageName, `=${correlationVariable}`), start('start'), catchEvent('wait', messageRef('msg')), end('end'), chain('start', 'wait', 'end'));
}

/** start → signal catch "wait" (`signalName`) → end. */
export function signalCatchProcess(processId: string, signalName: string): string {
  return process(processId, signal('sig', signalName), start('start'), catchEvent('wait', signalRef('sig')), end('end'), chain('start', 'wait', 'end'));
}

/** start → end, nothing else: completes the moment it is created. */
export function straightThroughProcess(processId: string): string {
  return process(processId, start('start'), end('end'), chain('start', 'end'));
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
