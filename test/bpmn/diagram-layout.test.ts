import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDiagramLayout, checkDiagramLayoutFile, DEFAULT_LAYOUT_LIMITS, type LayoutFinding } from '../../lint/diagram-layout';

/*
 * Every diagram in bpmn/ must be readable at 100 % zoom (lint/diagram-layout.ts); the checker itself is
 * shown to catch each kind of problem on small diagrams built here.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const models = readdirSync(path.join(root, 'bpmn')).filter((file) => file.endsWith('.bpmn'));

/** A one-process model with the given flow nodes, flows and DI (shapes and edges as XML). */
function model(semantic: string, di: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Definitions_1" targetNamespace="http://onego.example/test">
  <bpmn:process id="p" isExecutable="true">${semantic}</bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="plane" bpmnElement="p">${di}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

const shape = (id: string, x: number, y: number, width: number, height: number, label = '') =>
  `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${width}" height="${height}" />${label}</bpmndi:BPMNShape>`;
const edge = (id: string, points: Array<[number, number]>) =>
  `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}">${points.map(([x, y]) => `<di:waypoint x="${x}" y="${y}" />`).join('')}</bpmndi:BPMNEdge>`;
const flow = (id: string, source: string, target: string, name = '') => `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"${name ? ` name="${name}"` : ''} />`;

/** Findings as `rule: ids`, easy to compare. */
const summary = (findings: LayoutFinding[]) => findings.map((finding) => `${finding.rule}: ${finding.elements.join(' ')}`);

describe('the diagram layout check (lint/diagram-layout.ts)', () => {
  describe('on every model in bpmn/', () => {
    it('finds the models', () => {
      expect(models.length).to.be.greaterThan(5);
    });

    for (const file of models) {
      it(`${file}: no overlaps, no label collisions, no flow through a shape or on top of another, every flow docked, every plane within ${DEFAULT_LAYOUT_LIMITS.maxWidth} × ${DEFAULT_LAYOUT_LIMITS.maxHeight} px`, async () => {
        const { findings, planes } = await checkDiagramLayoutFile(path.join(root, 'bpmn', file));

        expect(summary(findings)).to.deep.equal([]);
        expect(planes.length).to.be.greaterThan(0);
      });
    }
  });

  describe('on small diagrams', () => {
    const twoTasks = '<bpmn:task id="A" name="甲" /><bpmn:task id="B" name="乙" />';

    it('passes a start event, a task and an end event in a row with their labels below', async () => {
      const xml = model(
        `<bpmn:startEvent id="S" name="开始" /><bpmn:task id="T" name="办理" /><bpmn:endEvent id="E" name="结束" />${flow('f1', 'S', 'T')}${flow('f2', 'T', 'E')}`,
        shape('S', 100, 100, 36, 36) + shape('T', 200, 78, 100, 80) + shape('E', 360, 100, 36, 36) + edge('f1', [[136, 118], [200, 118]]) + edge('f2', [[300, 118], [360, 118]]),
      );

      const report = await checkDiagramLayout(xml);

      expect(summary(report.findings)).to.deep.equal([]);
      expect(report.planes).to.deep.equal([{ plane: 'p', width: 296, height: 80 }]);
    });

    it('reports overlapping shapes, but not a boundary event on its host’s border', async () => {
      const xml = model(
        `${twoTasks}<bpmn:boundaryEvent id="X" attachedToRef="A" />`,
        shape('A', 100, 100, 100, 80) + shape('B', 150, 150, 100, 80) + shape('X', 132, 162, 36, 36),
      );

      expect(summary((await checkDiagramLayout(xml)).findings)).to.have.members(['shape-overlap: A B', 'shape-overlap: B X']);
    });

    it('reports a boundary event that slid off its host’s border', async () => {
      const xml = model(`${twoTasks}<bpmn:boundaryEvent id="X" attachedToRef="A" />`, shape('A', 100, 100, 100, 80) + shape('B', 400, 100, 100, 80) + shape('X', 120, 120, 36, 36));

      expect(summary((await checkDiagramLayout(xml)).findings)).to.include('boundary-off-border: X A');
    });

    it('reports a flow through a task, two flows on top of each other, and a flow not docked on its target', async () => {
      const xml = model(
        `${twoTasks}<bpmn:task id="C" name="丙" />${flow('f1', 'A', 'C')}${flow('f2', 'A', 'B')}`,
        shape('A', 100, 100, 100, 80) + shape('B', 300, 100, 100, 80) + shape('C', 500, 100, 100, 80) + edge('f1', [[200, 140], [500, 140]]) + edge('f2', [[200, 140], [290, 140]]),
      );

      expect(summary((await checkDiagramLayout(xml)).findings)).to.have.members(['flow-detached: f2 B', 'flow-through-shape: f1 B', 'flows-on-top: f1 f2']);
    });

    it('reports an event label drawn over a task and a flow label crossed by another flow', async () => {
      const xml = model(
        `<bpmn:startEvent id="S" name="申请人在线提交申请材料" />${twoTasks}${flow('f1', 'A', 'B', '同意')}${flow('f2', 'S', 'B')}`,
        shape('S', 130, 40, 36, 36) +
          shape('A', 100, 100, 100, 80) +
          shape('B', 300, 100, 100, 80) +
          edge('f1', [[200, 140], [300, 140]]) +
          edge('f2', [[166, 58], [250, 58], [250, 125], [300, 125]]),
      );

      const findings = summary((await checkDiagramLayout(xml)).findings);

      expect(findings).to.include('label-on-shape: S A');
      expect(findings).to.include('label-on-flow: f1 f2');
    });

    it('reports two boundary-event labels drawn over each other, and a task sticking out of its subprocess', async () => {
      const label = (x: number, y: number) => `<bpmndi:BPMNLabel><dc:Bounds x="${x}" y="${y}" width="90" height="14" /></bpmndi:BPMNLabel>`;
      const xml = model(
        `<bpmn:subProcess id="Sub" name="办理"><bpmn:task id="Inner" name="审核" /></bpmn:subProcess><bpmn:boundaryEvent id="Y" name="黄灯提醒" attachedToRef="Sub" /><bpmn:boundaryEvent id="R" name="期限已重算" attachedToRef="Sub" />`,
        `<bpmndi:BPMNShape id="Sub_di" bpmnElement="Sub" isExpanded="true"><dc:Bounds x="100" y="100" width="300" height="200" /></bpmndi:BPMNShape>` +
          shape('Inner', 350, 150, 100, 80) +
          shape('Y', 132, 282, 36, 36, label(105, 320)) +
          shape('R', 192, 282, 36, 36, label(165, 320)),
      );

      expect(summary((await checkDiagramLayout(xml)).findings)).to.have.members(['label-on-label: Y R', 'outside-container: Inner Sub']);
    });

    it('reports a diagram wider than the limit', async () => {
      const xml = model(twoTasks, shape('A', 0, 0, 100, 80) + shape('B', 4200, 0, 100, 80));

      expect(summary((await checkDiagramLayout(xml)).findings)).to.deep.equal(['diagram-too-wide: p']);
    });
  });
});
