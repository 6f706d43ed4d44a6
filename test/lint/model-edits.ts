/**
 * What a designer does in Camunda Modeler, done with bpmn-moddle (the model library Modeler is built on):
 * open a file, rename a task, move a shape, add a user-task branch to a parallel gateway with its diagram,
 * and save with `toXML({ format: true })` as Modeler does. Used by the scripted designer-edit tests.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json') as object;

/** A moddle element, read loosely (bpmn-moddle ships no types). */
export type ModdleElement = Record<string, any> & { $type: string; id?: string };

interface Moddle {
  fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: { message: string }[] }>;
  toXML(element: ModdleElement, options: { format: boolean }): Promise<{ xml: string }>;
  create(type: string, attributes?: Record<string, unknown>): ModdleElement;
}

/** An opened model: its moddle (to create elements) and its definitions. */
export interface OpenedModel {
  moddle: Moddle;
  definitions: ModdleElement;
}

/** Opens a `.bpmn` file as Modeler does; import warnings fail loudly. */
export async function openModel(file: string): Promise<OpenedModel> {
  const { BpmnModdle } = require('bpmn-moddle') as { BpmnModdle: new (packages: object) => Moddle };
  const moddle = new BpmnModdle({ zeebe });
  const { rootElement, warnings } = await moddle.fromXML(await readFile(file, 'utf8'));
  if (warnings.length > 0) throw new Error(`Expected ${file} to import cleanly, but: ${warnings.map((warning) => warning.message).join('; ')}`);
  return { moddle, definitions: rootElement };
}

/** Saves as Modeler does (`format: true`). */
export async function saveModel(model: OpenedModel, file: string): Promise<void> {
  const { xml } = await model.moddle.toXML(model.definitions, { format: true });
  await writeFile(file, xml);
}

function flowElementsDeep(container: ModdleElement): ModdleElement[] {
  return ((container.flowElements ?? []) as ModdleElement[]).flatMap((element) => [element, ...flowElementsDeep(element)]);
}

/** The flow element with `id` anywhere in the model's processes. */
export function element(model: OpenedModel, id: string): ModdleElement {
  const processes = (model.definitions.rootElements as ModdleElement[]).filter((root) => root.$type === 'bpmn:Process');
  const found = processes.flatMap(flowElementsDeep).find((candidate) => candidate.id === id);
  if (!found) throw new Error(`Expected an element '${id}' in the model, but there is none`);
  return found;
}


/** The diagram element (shape or edge) drawing `bpmnElementId`, and the plane it is on. */
export function diagramElement(model: OpenedModel, bpmnElementId: string): { di: ModdleElement; plane: ModdleElement } {
  for (const diagram of model.definitions.diagrams as ModdleElement[]) {
    const di = ((diagram.plane.planeElement ?? []) as ModdleElement[]).find((candidate) => candidate.bpmnElement?.id === bpmnElementId);
    if (di) return { di, plane: diagram.plane };
  }
  throw new Error(`Expected a shape or edge for '${bpmnElementId}', but the diagram has none`);
}

/** Moves a shape (and its label) by (dx, dy), dragging the ends of its connected edges along. */
export function moveShape(model: OpenedModel, id: string, dx: number, dy: number): void {
  const target = element(model, id);
  const { di } = diagramElement(model, id);
  for (const bounds of [di.bounds, di.label?.bounds].filter(Boolean) as ModdleElement[]) {
    bounds.x += dx;
    bounds.y += dy;
  }
  for (const flow of (target.incoming ?? []) as ModdleElement[]) {
    const points = diagramElement(model, flow.id!).di.waypoint as ModdleElement[];
    points[points.length - 1]!.x += dx;
    points[points.length - 1]!.y += dy;
  }
  for (const flow of (target.outgoing ?? []) as ModdleElement[]) {
    const points = diagramElement(model, flow.id!).di.waypoint as ModdleElement[];
    points[0]!.x += dx;
    points[0]!.y += dy;
  }
}

/**
 * Adds a sequence flow from `source` to `target` (in the source's container) with an orthogonal edge from
 * border to border, as Modeler draws one: straight when both are on one line, else one bend, going
 * vertically first (`'vertical'`) or horizontally first (`'horizontal'`).
 */
export function connect(model: OpenedModel, id: string, source: ModdleElement, target: ModdleElement, firstLeg: 'vertical' | 'horizontal' = 'vertical'): ModdleElement {
  const flow = model.moddle.create('bpmn:SequenceFlow', { id, sourceRef: source, targetRef: target });
  const container = source.$parent as ModdleElement;
  flow.$parent = container;
  container.flowElements.push(flow);
  (source.outgoing ??= []).push(flow);
  (target.incoming ??= []).push(flow);
  const from = diagramElement(model, source.id!).di.bounds as ModdleElement;
  const to = diagramElement(model, target.id!).di.bounds as ModdleElement;
  const a = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  const b = { x: to.x + to.width / 2, y: to.y + to.height / 2 };
  const rightward = b.x > a.x;
  const downward = b.y > a.y;
  const waypoints =
    a.y === b.y
      ? [{ x: rightward ? from.x + from.width : from.x, y: a.y }, { x: rightward ? to.x : to.x + to.width, y: b.y }]
      : firstLeg === 'vertical'
        ? [{ x: a.x, y: downward ? from.y + from.height : from.y }, { x: a.x, y: b.y }, { x: rightward ? to.x : to.x + to.width, y: b.y }]
        : [{ x: rightward ? from.x + from.width : from.x, y: a.y }, { x: b.x, y: a.y }, { x: b.x, y: downward ? to.y : to.y + to.height }];
  const edge = model.moddle.create('bpmndi:BPMNEdge', { id: `${id}_di`, bpmnElement: flow, waypoint: waypoints.map((point) => model.moddle.create('dc:Point', point)) });
  diagramElement(model, source.id!).plane.planeElement.push(edge);
  return flow;
}

/** Points an existing flow at a new target: its edge leaves as before, turns at the target's centre line and enters from above or below. */
export function retarget(model: OpenedModel, flow: ModdleElement, target: ModdleElement): void {
  const previous = flow.targetRef as ModdleElement;
  previous.incoming = (previous.incoming as ModdleElement[]).filter((candidate) => candidate !== flow);
  flow.targetRef = target;
  (target.incoming ??= []).push(flow);
  const to = diagramElement(model, target.id!).di.bounds as ModdleElement;
  const edge = diagramElement(model, flow.id!).di;
  const start = edge.waypoint[0] as ModdleElement;
  const centreX = to.x + to.width / 2;
  const entryY = start.y < to.y ? to.y : to.y + to.height;
  edge.waypoint = [{ x: start.x, y: start.y }, { x: centreX, y: start.y }, { x: centreX, y: entryY }].map((point) => model.moddle.create('dc:Point', point));
}

/**
 * Modeler's space tool: opens a horizontal strip of `dy` pixels at `y` on the plane that draws `anyId`.
 * Shapes below the line move down; containers crossing it (sub-processes, pools, lanes) grow; small shapes
 * crossing it (boundary events on a bottom edge) move with that edge; edge points below the line move down.
 */
export function makeSpace(model: OpenedModel, anyId: string, y: number, dy: number): void {
  const { plane } = diagramElement(model, anyId);
  const containers = ['bpmn:SubProcess', 'bpmn:Participant', 'bpmn:Lane', 'bpmn:Transaction'];
  for (const di of plane.planeElement as ModdleElement[]) {
    if (di.$type === 'bpmndi:BPMNEdge') {
      for (const point of di.waypoint as ModdleElement[]) if (point.y >= y) point.y += dy;
      if (di.label?.bounds && di.label.bounds.y >= y) di.label.bounds.y += dy;
      continue;
    }
    const bounds = di.bounds as ModdleElement;
    const crosses = bounds.y < y && bounds.y + bounds.height > y;
    if (crosses && containers.includes(di.bpmnElement?.$type)) {
      bounds.height += dy;
    } else if (bounds.y >= y || crosses) {
      bounds.y += dy;
      if (di.label?.bounds) di.label.bounds.y += dy;
    }
  }
}

/** Adds a flow node of `type` to `container` with a shape at (x, y, width, height). */
export function addNode(model: OpenedModel, container: ModdleElement, type: string, attributes: Record<string, unknown>, bounds: { x: number; y: number; width: number; height: number }): ModdleElement {
  const node = model.moddle.create(type, attributes);
  node.$parent = container;
  container.flowElements.push(node);
  // The new shape goes on the plane that draws its container (or its container's first element).
  const { plane } = diagramElement(model, container.$type === 'bpmn:Process' ? (container.flowElements[0] as ModdleElement).id! : container.id!);
  plane.planeElement.push(model.moddle.create('bpmndi:BPMNShape', { id: `${attributes.id as string}_di`, bpmnElement: node, bounds: model.moddle.create('dc:Bounds', bounds) }));
  return node;
}

/** The Zeebe extensions of a Camunda 8 user task with a linked form and candidate groups, as Modeler writes them. */
export function userTaskExtensions(model: OpenedModel, formId: string, candidateGroups: string): ModdleElement {
  return model.moddle.create('bpmn:ExtensionElements', {
    values: [
      model.moddle.create('zeebe:UserTask'),
      model.moddle.create('zeebe:FormDefinition', { formId, bindingType: 'deployment' }),
      model.moddle.create('zeebe:AssignmentDefinition', { candidateGroups }),
    ],
  });
}
