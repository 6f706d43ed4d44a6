/**
 * A small BPMN writer for generated models: the model is declared as nodes with centre coordinates and
 * flows between them; this file prints the semantic XML (with incoming/outgoing) and a BPMNDI diagram
 * with orthogonal edges, so the result opens cleanly in Camunda Modeler without hand-placed waypoints.
 * It knows only what our generators use; it is not a general BPMN library.
 */

import { xmlEscape } from './xml-escape';

/** The BPMN element kinds the generators place. */
export type NodeKind =
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'boundaryEvent'
  | 'serviceTask'
  | 'userTask'
  | 'scriptTask'
  | 'businessRuleTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'subProcess';

/** One flow node; `x`/`y` are the centre of its shape (subprocesses are sized from their children). */
export interface DiagramNode {
  id: string;
  kind: NodeKind;
  name: string;
  x: number;
  y: number;
  documentation?: string;
  /** Inner XML of `bpmn:extensionElements`. */
  extensions?: string;
  /** Inner XML placed after incoming/outgoing (event definitions, loop characteristics). */
  body?: string;
  /** Extra attributes, already escaped (e.g. `attachedToRef`, `cancelActivity`). */
  attributes?: Record<string, string>;
  /** Parent subprocess id; undefined = the process. */
  parent?: string;
}

/** One sequence flow; `route` forces the edge shape where the default would cross other shapes. */
export interface DiagramFlow {
  id: string;
  source: string;
  target: string;
  name?: string;
  /** A FEEL condition (with leading `=`). */
  condition?: string;
  isDefault?: boolean;
  /** `below`: leave the source at the bottom and enter the target from below (loops back). */
  route?: 'straight' | 'below' | 'above';
  /** y of the horizontal leg for `below` and `above` routes. */
  via?: number;
}

const sizes: Record<NodeKind, { width: number; height: number }> = {
  startEvent: { width: 36, height: 36 },
  endEvent: { width: 36, height: 36 },
  intermediateCatchEvent: { width: 36, height: 36 },
  boundaryEvent: { width: 36, height: 36 },
  serviceTask: { width: 100, height: 80 },
  userTask: { width: 100, height: 80 },
  scriptTask: { width: 100, height: 80 },
  businessRuleTask: { width: 100, height: 80 },
  exclusiveGateway: { width: 50, height: 50 },
  parallelGateway: { width: 50, height: 50 },
  subProcess: { width: 0, height: 0 },
};

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Collects nodes and flows, then prints the model. */
export class DiagramBuilder {
  readonly nodes: DiagramNode[] = [];
  readonly flows: DiagramFlow[] = [];
  private readonly padding = 45;

  add(node: DiagramNode): DiagramNode {
    if (this.nodes.some((existing) => existing.id === node.id)) throw new Error(`Expected node ids to be unique, but ${node.id} repeats`);
    this.nodes.push(node);
    return node;
  }

  connect(flow: DiagramFlow): DiagramFlow {
    if (this.flows.some((existing) => existing.id === flow.id)) throw new Error(`Expected flow ids to be unique, but ${flow.id} repeats`);
    this.flows.push(flow);
    return flow;
  }

  node(id: string): DiagramNode {
    const node = this.nodes.find((candidate) => candidate.id === id);
    if (!node) throw new Error(`Expected a node '${id}', but there is none`);
    return node;
  }

  /** Shape bounds; a subprocess encloses its children (boundary events excluded) plus padding. */
  bounds(id: string): Bounds {
    const node = this.node(id);
    if (node.kind !== 'subProcess') {
      const size = sizes[node.kind];
      return { x: node.x - size.width / 2, y: node.y - size.height / 2, width: size.width, height: size.height };
    }
    const children = this.nodes.filter((child) => child.parent === id && child.kind !== 'boundaryEvent').map((child) => this.bounds(child.id));
    if (children.length === 0) throw new Error(`Expected subprocess ${id} to have children`);
    const left = Math.min(...children.map((b) => b.x)) - this.padding;
    const top = Math.min(...children.map((b) => b.y)) - this.padding;
    const right = Math.max(...children.map((b) => b.x + b.width)) + this.padding;
    const bottom = Math.max(...children.map((b) => b.y + b.height)) + this.padding;
    return { x: left, y: top, width: right - left, height: bottom - top };
  }

  private waypoints(flow: DiagramFlow): Array<[number, number]> {
    const source = this.bounds(flow.source);
    const target = this.bounds(flow.target);
    const sourceNode = this.node(flow.source);
    const sourceCentre: [number, number] = [source.x + source.width / 2, source.y + source.height / 2];
    const targetCentre: [number, number] = [target.x + target.width / 2, target.y + target.height / 2];
    const targetNode = this.node(flow.target);
    // Edges into a subprocess enter at the height of the main line, which is the subprocess node's y.
    const targetEntryY = targetNode.kind === 'subProcess' ? targetNode.y : targetCentre[1];
    const sourceExitY = sourceNode.kind === 'subProcess' ? sourceNode.y : sourceCentre[1];
    if (flow.route === 'below' || flow.route === 'above') {
      const down = flow.route === 'below';
      const via = flow.via ?? (down ? Math.max(source.y + source.height, target.y + target.height) + 40 : Math.min(source.y, target.y) - 40);
      const start: [number, number] = [sourceCentre[0], down ? source.y + source.height : source.y];
      const end: [number, number] = [targetCentre[0], down ? target.y + target.height : target.y];
      return [start, [start[0], via], [end[0], via], end];
    }
    if (sourceNode.kind === 'boundaryEvent') {
      const up = targetCentre[1] < sourceCentre[1];
      const start: [number, number] = [sourceCentre[0], up ? source.y : source.y + source.height];
      return [start, [start[0], targetCentre[1]], [target.x, targetCentre[1]]];
    }
    const start: [number, number] = [source.x + source.width, sourceExitY];
    if (Math.abs(sourceExitY - targetEntryY) < 1) return [start, [target.x, targetEntryY]];
    if (sourceNode.kind === 'exclusiveGateway' && targetNode.kind === 'exclusiveGateway' && target.x > sourceCentre[0]) {
      // Gateway to gateway on another row: along the source's row, then into the target's nearer corner.
      const fromBelow = sourceCentre[1] > targetCentre[1];
      const corner: [number, number] = [targetCentre[0], fromBelow ? target.y + target.height : target.y];
      return [start, [corner[0], sourceExitY], corner];
    }
    if (sourceNode.kind === 'exclusiveGateway' && target.x > sourceCentre[0]) {
      // Leave a gateway from its top or bottom corner towards a branch on another row.
      const fromBottom = targetEntryY > sourceCentre[1];
      const corner: [number, number] = [sourceCentre[0], fromBottom ? source.y + source.height : source.y];
      return [corner, [corner[0], targetEntryY], [target.x, targetEntryY]];
    }
    if (targetNode.kind === 'exclusiveGateway') {
      // Join a gateway through its top or bottom corner.
      const fromBelow = sourceExitY > targetCentre[1];
      const corner: [number, number] = [targetCentre[0], fromBelow ? target.y + target.height : target.y];
      return [start, [corner[0], sourceExitY], corner];
    }
    const middle = (start[0] + target.x) / 2;
    return [start, [middle, sourceExitY], [middle, targetEntryY], [target.x, targetEntryY]];
  }

  private incoming(id: string): DiagramFlow[] {
    return this.flows.filter((flow) => flow.target === id);
  }

  private outgoing(id: string): DiagramFlow[] {
    return this.flows.filter((flow) => flow.source === id);
  }

  private printNode(node: DiagramNode, indent: string): string {
    const attributes: Record<string, string> = { id: node.id, name: xmlEscape(node.name), ...(node.attributes ?? {}) };
    const defaultFlow = this.outgoing(node.id).find((flow) => flow.isDefault);
    if (defaultFlow) attributes.default = defaultFlow.id;
    const parts: string[] = [];
    if (node.documentation) parts.push(`${indent}  <bpmn:documentation>${xmlEscape(node.documentation)}</bpmn:documentation>`);
    if (node.extensions) parts.push(`${indent}  <bpmn:extensionElements>\n${indentLines(node.extensions, `${indent}    `)}\n${indent}  </bpmn:extensionElements>`);
    for (const flow of this.incoming(node.id)) parts.push(`${indent}  <bpmn:incoming>${flow.id}</bpmn:incoming>`);
    for (const flow of this.outgoing(node.id)) parts.push(`${indent}  <bpmn:outgoing>${flow.id}</bpmn:outgoing>`);
    if (node.kind === 'subProcess') parts.push(this.printContainer(node.id, `${indent}  `));
    if (node.body) parts.push(indentLines(node.body, `${indent}  `));
    const attributeText = Object.entries(attributes)
      .map(([key, value]) => `${key}="${value}"`)
      .join(' ');
    return `${indent}<bpmn:${node.kind} ${attributeText}>\n${parts.join('\n')}\n${indent}</bpmn:${node.kind}>`;
  }

  private printFlow(flow: DiagramFlow, indent: string): string {
    const name = flow.name ? ` name="${xmlEscape(flow.name)}"` : '';
    const head = `${indent}<bpmn:sequenceFlow id="${flow.id}"${name} sourceRef="${flow.source}" targetRef="${flow.target}"`;
    if (!flow.condition) return `${head} />`;
    return `${head}>\n${indent}  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${xmlEscape(flow.condition)}</bpmn:conditionExpression>\n${indent}</bpmn:sequenceFlow>`;
  }

  private printContainer(parent: string | undefined, indent: string): string {
    const nodes = this.nodes.filter((node) => node.parent === parent);
    const ids = new Set(nodes.map((node) => node.id));
    const flows = this.flows.filter((flow) => ids.has(flow.source));
    for (const flow of flows) {
      if (!ids.has(flow.target)) throw new Error(`Expected flow ${flow.id} to stay inside one scope, but it leaves it`);
    }
    return [...nodes.map((node) => this.printNode(node, indent)), ...flows.map((flow) => this.printFlow(flow, indent))].join('\n');
  }

  private printDiagram(processId: string, indent: string): string {
    const shapes = this.nodes.map((node) => {
      const b = this.bounds(node.id);
      const expanded = node.kind === 'subProcess' ? ' isExpanded="true"' : '';
      return `${indent}  <bpmndi:BPMNShape id="${node.id}_di" bpmnElement="${node.id}"${expanded}>\n${indent}    <dc:Bounds x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" />\n${indent}  </bpmndi:BPMNShape>`;
    });
    const edges = this.flows.map((flow) => {
      const points = this.waypoints(flow)
        .map(([x, y]) => `${indent}    <di:waypoint x="${x}" y="${y}" />`)
        .join('\n');
      return `${indent}  <bpmndi:BPMNEdge id="${flow.id}_di" bpmnElement="${flow.id}">\n${points}\n${indent}  </bpmndi:BPMNEdge>`;
    });
    return `${indent}<bpmndi:BPMNDiagram id="BPMNDiagram_${processId}">\n${indent} <bpmndi:BPMNPlane id="BPMNPlane_${processId}" bpmnElement="${processId}">\n${[...shapes, ...edges].join('\n')}\n${indent} </bpmndi:BPMNPlane>\n${indent}</bpmndi:BPMNDiagram>`;
  }

  /** Prints the whole definitions document. `rootElements` holds messages and errors. */
  toXml(options: { processId: string; processName: string; documentation: string; rootElements: string; targetNamespace: string }): string {
    return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_${options.processId}" targetNamespace="${options.targetNamespace}" exporter="onego scripts/layout-bpmn.ts" exporterVersion="1" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="${options.processId}" name="${xmlEscape(options.processName)}" isExecutable="true">
    <bpmn:documentation>${xmlEscape(options.documentation)}</bpmn:documentation>
${this.printContainer(undefined, '    ')}
  </bpmn:process>
${indentLines(options.rootElements, '  ')}
${this.printDiagram(options.processId, '  ')}
</bpmn:definitions>
`;
  }
}

function indentLines(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() ? `${indent}${line}` : line))
    .join('\n');
}
