/**
 * Small BPMN samples for the lint-rule tests: a Camunda 8.8 definitions header and a process body, so
 * each test states only the elements its rule looks at. No diagram: the OneGo rules read semantics only.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lintModelFile, type LintProblem } from '../../scripts/commands/lint';

/** A process `sample` holding `body`, in a Camunda 8.8 definitions element. */
export function sampleModel(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="Definitions_1" targetNamespace="http://onego.example/test"
  modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="sample" isExecutable="true">
${body}
  </bpmn:process>
</bpmn:definitions>`;
}

/** A service task of `type` with optional `zeebe:input` mappings (`[source, target]`) and outputs. */
export function serviceTask(id: string, name: string, type: string, inputs: [string, string][] = [], outputs: [string, string][] = []): string {
  const mapping = (kind: string, pairs: [string, string][]) => pairs.map(([source, target]) => `<zeebe:${kind} source="${source.replace(/"/g, '&quot;')}" target="${target}" />`).join('');
  const io = inputs.length + outputs.length > 0 ? `<zeebe:ioMapping>${mapping('input', inputs)}${mapping('output', outputs)}</zeebe:ioMapping>` : '';
  return `<bpmn:serviceTask id="${id}" name="${name}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" />${io}</bpmn:extensionElements></bpmn:serviceTask>`;
}

/** A timer event (`kind`: boundary on `attachedTo`, or intermediate catch) with a date expression. */
export function timer(id: string, name: string, date: string, attachedTo?: string, interrupting = false): string {
  const definition = `<bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">${date}</bpmn:timeDate></bpmn:timerEventDefinition>`;
  return attachedTo
    ? `<bpmn:boundaryEvent id="${id}" name="${name}" attachedToRef="${attachedTo}" cancelActivity="${interrupting}">${definition}</bpmn:boundaryEvent>`
    : `<bpmn:intermediateCatchEvent id="${id}" name="${name}">${definition}</bpmn:intermediateCatchEvent>`;
}

/** Lints `xml` as a file through `onego lint`'s own function and answers only the OneGo rules' problems. */
export async function onegoProblems(xml: string): Promise<LintProblem[]> {
  const folder = await mkdtemp(path.join(tmpdir(), 'onego-rules-'));
  try {
    const file = path.join(folder, 'sample.bpmn');
    await writeFile(file, xml);
    return (await lintModelFile(file)).filter((problem) => problem.rule.startsWith('onego/'));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** `elementId rule` of each problem, to compare in one line. */
export function where(problems: LintProblem[]): string[] {
  return problems.map((problem) => `${problem.elementId} ${problem.rule}`);
}
