import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lintModelFile, run } from '../../../scripts/commands/lint';

const header = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="Definitions_1" targetNamespace="http://onego.example/test"
  modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">`;

/** A start → service task (a registered job type, so our conventions pass) → end model with its diagram; `middle` swaps the task. */
function model(middle = `<bpmn:serviceTask id="Task_Do" name="办理"><bpmn:extensionElements><zeebe:taskDefinition type="enterprise-smart-approval" /></bpmn:extensionElements>
      <bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing></bpmn:serviceTask>`): string {
  return `${header}
  <bpmn:process id="lint-sample" isExecutable="true">
    <bpmn:startEvent id="Start" name="申请"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    ${middle}
    <bpmn:endEvent id="End" name="办结"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Do" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Do" targetRef="End" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_1"><bpmndi:BPMNPlane id="Plane_1" bpmnElement="lint-sample">
    <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Task_Do_di" bpmnElement="Task_Do"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="360" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_2"><di:waypoint x="300" y="118" /><di:waypoint x="360" y="118" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

describe('onego lint', () => {
  let folder: string;
  const write = async (name: string, text: string) => {
    const file = path.join(folder, name);
    await writeFile(file, text);
    return file;
  };

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'onego-lint-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
    process.exitCode = undefined;
  });

  it('finds no errors in a small, complete Camunda 8.8 model', async () => {
    const file = await write('ok.bpmn', model());

    const problems = await lintModelFile(file);

    expect(problems.filter((problem) => problem.category === 'error')).to.deep.equal([]);
  });

  it('reports an element Camunda 8.8 cannot execute with its id and the camunda-compat rule', async () => {
    const file = await write('complex.bpmn', model(`<bpmn:complexGateway id="Task_Do" name="复杂"><bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing></bpmn:complexGateway>`));

    const problems = await lintModelFile(file);

    expect(problems).to.deep.include({
      file,
      elementId: 'Task_Do',
      rule: 'camunda-compat/element-type',
      category: 'error',
      message: 'Element of type <bpmn:ComplexGateway> not allowed',
    });
  });

  it('reports a service task without a job type', async () => {
    const file = await write('no-type.bpmn', model(`<bpmn:serviceTask id="Task_Do" name="办理"><bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing></bpmn:serviceTask>`));

    const problems = await lintModelFile(file);

    expect(problems.map((problem) => `${problem.elementId} ${problem.rule}`)).to.include('Task_Do camunda-compat/implementation');
  });

  it('reports unparsable XML as a parse error instead of throwing', async () => {
    const file = await write('broken.bpmn', '<bpmn:definitions');

    const problems = await lintModelFile(file);

    expect(problems).to.have.length(1);
    expect(problems[0]).to.include({ rule: 'parse', category: 'error' });
  });

  it('reports a DMN file with unknown elements', async () => {
    const file = await write(
      'bad.dmn',
      `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="http://x">
  <decision id="x" name="x"><notADmnElement /></decision>
</definitions>`,
    );

    const problems = await lintModelFile(file);

    expect(problems.some((problem) => problem.category === 'error' && /notADmnElement/.test(problem.message))).to.equal(true);
  });

  it('sets exit code 1 when a file has an error and leaves it alone when none has', async () => {
    const good = await write('ok.bpmn', model());
    const bad = await write('complex.bpmn', model(`<bpmn:complexGateway id="Task_Do" name="复杂"><bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing></bpmn:complexGateway>`));
    const originalError = console.error;
    const originalLog = console.log;
    console.error = () => {};
    console.log = () => {};
    try {
      await run([good]);
      expect(process.exitCode).to.equal(undefined);
      await run([good, bad]);
      expect(process.exitCode).to.equal(1);
    } finally {
      console.error = originalError;
      console.log = originalLog;
    }
  });
});
