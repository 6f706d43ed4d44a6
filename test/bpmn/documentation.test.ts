import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';

const bpmnFolder = path.resolve(import.meta.dirname, '../../bpmn');
const CJK = /[\u3400-\u9fff]/;

interface FlowElement {
  $type: string;
  id: string;
  name?: string;
  documentation?: { text?: string }[];
  flowElements?: FlowElement[];
}

/**
 * The process itself and every flow node and event a designer can click (tasks, events incl. boundary
 * events, gateways, subprocesses, call activities, at any depth) whose documentation has no Chinese text.
 */
async function undocumentedElements(xml: string): Promise<string[]> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  const { rootElement } = await moddle.fromXML(xml);
  const missing: string[] = [];
  const check = (element: FlowElement) => {
    const text = (element.documentation ?? []).map((doc) => doc.text ?? '').join('\n');
    if (!CJK.test(text)) missing.push(`${element.$type.replace('bpmn:', '')} ${element.id}${element.name ? ` 「${element.name}」` : ''}`);
  };
  const walk = (container: { flowElements?: FlowElement[] }) => {
    for (const element of container.flowElements ?? []) {
      if (element.$type === 'bpmn:SequenceFlow') continue;
      check(element);
      walk(element);
    }
  };
  for (const root of (rootElement as unknown as { rootElements: FlowElement[] }).rootElements) {
    if (root.$type !== 'bpmn:Process') continue;
    check(root);
    walk(root);
  }
  return missing;
}

const models = readdirSync(bpmnFolder).filter((file) => file.endsWith('.bpmn'));

describe('documentation of the models (every element a designer clicks says in Chinese what it is and on what basis)', () => {
  it('finds the models', () => {
    expect(models).to.include.members(['engineering-approval.bpmn', 'enterprise-opening.bpmn', 'talent-card.bpmn']);
  });

  for (const file of models) {
    it(`${file}: the process and every task, event, gateway and subprocess have Chinese documentation`, async () => {
      const missing = await undocumentedElements(readFileSync(path.join(bpmnFolder, file), 'utf8'));
      expect(missing, `elements without Chinese documentation in ${file}`).to.deep.equal([]);
    });
  }

  it('names an element whose documentation is missing or English only, also inside subprocesses, on boundaries and the process itself', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:documentation>示例流程。</bpmn:documentation>
    <bpmn:startEvent id="Start"><bpmn:documentation>申请人提交申请。</bpmn:documentation></bpmn:startEvent>
    <bpmn:subProcess id="Sub" name="办理">
      <bpmn:documentation>办理子流程。</bpmn:documentation>
      <bpmn:userTask id="Review" name="审查"><bpmn:documentation>Reviews the application.</bpmn:documentation></bpmn:userTask>
    </bpmn:subProcess>
    <bpmn:boundaryEvent id="Late" attachedToRef="Sub"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>
    <bpmn:endEvent id="End"><bpmn:documentation>办结。</bpmn:documentation></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
    expect(await undocumentedElements(xml)).to.deep.equal(['UserTask Review 「审查」', 'BoundaryEvent Late']);
    expect(await undocumentedElements(xml.replace('<bpmn:documentation>示例流程。</bpmn:documentation>', ''))).to.deep.equal(['Process p', 'UserTask Review 「审查」', 'BoundaryEvent Late']);
  });
});
