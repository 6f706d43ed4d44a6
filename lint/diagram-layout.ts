/**
 * The diagram layout check: can a person read this BPMN diagram at 100 % zoom? It reads the diagram
 * interchange (BPMN DI) a designer saved in Camunda Modeler and reports, with the element ids, every
 * overlapping shape, label drawn over a shape, label or flow, flow running through a shape, pair of flows
 * drawn on top of each other, flow end not docked on its element, and a diagram too big for a few pans.
 *
 * @example
 * const { findings, planes } = await checkDiagramLayoutFile('bpmn/talent-card.bpmn');
 * for (const finding of findings) console.log(finding.elements.join(', '), finding.message);
 */
import { readFile } from 'node:fs/promises';
import { boundingBox, contains, distanceToOutline, inset, rectsOverlap, segmentCrossesRect, sharedLength, straddles, type Rect } from './diagram-geometry';
import { readDiagram, type DiagramFlow, type DiagramPlane, type DiagramShape } from './diagram-read';

/** The checks, by the name a finding carries. */
export type LayoutRule =
  | 'shape-overlap'
  | 'boundary-off-border'
  | 'outside-container'
  | 'label-on-shape'
  | 'label-on-label'
  | 'label-on-flow'
  | 'flow-through-shape'
  | 'flows-on-top'
  | 'flow-detached'
  | 'diagram-too-wide'
  | 'diagram-too-tall';

/** One problem, with the elements involved (BPMN ids) and what to do, in Chinese and English. */
export interface LayoutFinding {
  rule: LayoutRule;
  /** The process or collapsed subprocess whose diagram plane it is in. */
  plane: string;
  elements: string[];
  message: string;
}

/** The size of one diagram plane, over shapes, labels and flows. */
export interface PlaneSize {
  plane: string;
  width: number;
  height: number;
}

/** What the check found and how big each plane is. */
export interface LayoutReport {
  findings: LayoutFinding[];
  planes: PlaneSize[];
}

/** The limits the check applies; the defaults are what the project's models must meet. */
export interface LayoutLimits {
  /** Widest plane, px: about three pans of a 1,440 px screen at 100 %. */
  maxWidth: number;
  /** Tallest plane, px: about four pans of a 900 px screen (scrolling down is the easy direction). */
  maxHeight: number;
  /** Longest stretch two flows may share (e.g. where flows merge into one gateway), px. */
  maxSharedFlowLength: number;
  /** How far a flow's end may be from its element's outline, px. */
  dockingTolerance: number;
}

/** The project's limits. */
export const DEFAULT_LAYOUT_LIMITS: LayoutLimits = { maxWidth: 4000, maxHeight: 4000, maxSharedFlowLength: 20, dockingTolerance: 4 };

/** Checks a BPMN file's diagram. */
export async function checkDiagramLayoutFile(file: string, limits: LayoutLimits = DEFAULT_LAYOUT_LIMITS): Promise<LayoutReport> {
  return checkDiagramLayout(await readFile(file, 'utf8'), limits);
}

/** Checks the diagram of a BPMN model given as XML. */
export async function checkDiagramLayout(xml: string, limits: LayoutLimits = DEFAULT_LAYOUT_LIMITS): Promise<LayoutReport> {
  const model = await readDiagram(xml);
  const findings: LayoutFinding[] = [];
  const planes: PlaneSize[] = [];
  for (const plane of model.planes) {
    const found = (rule: LayoutRule, elements: string[], message: string) => findings.push({ rule, plane: plane.id, elements, message });
    checkShapes(plane, found);
    checkLabels(plane, found);
    checkFlows(plane, limits, found);
    const extent = boundingBox(
      [...plane.shapes.map((shape) => shape.bounds), ...labels(plane).map((label) => label.box)],
      plane.flows.flatMap((flow) => flow.waypoints),
    );
    const size = { plane: plane.id, width: Math.round(extent?.width ?? 0), height: Math.round(extent?.height ?? 0) };
    planes.push(size);
    if (size.width > limits.maxWidth) found('diagram-too-wide', [plane.id], `图宽 ${size.width} px，超过 ${limits.maxWidth} px：请把流程折行排布或收起子流程。The diagram is ${size.width} px wide, over ${limits.maxWidth} px: wrap the flow into rows or collapse subprocesses.`);
    if (size.height > limits.maxHeight) found('diagram-too-tall', [plane.id], `图高 ${size.height} px，超过 ${limits.maxHeight} px：请收紧排布。The diagram is ${size.height} px tall, over ${limits.maxHeight} px: pack it tighter.`);
  }
  return { findings, planes };
}

type Found = (rule: LayoutRule, elements: string[], message: string) => void;

/** Whether `outer` contains `inner` by the model: an ancestor subprocess, or a lane or pool around it. */
function isAncestor(outer: DiagramShape, inner: { ancestors: string[] }): boolean {
  return outer.frame || inner.ancestors.includes(outer.id);
}

function checkShapes(plane: DiagramPlane, found: Found): void {
  const shapes = plane.shapes.filter((shape) => !shape.frame);
  const byId = new Map(shapes.map((shape) => [shape.id, shape]));
  for (const shape of shapes) {
    const host = shape.host ? byId.get(shape.host) : undefined;
    if (host && distanceToOutline({ x: shape.bounds.x + shape.bounds.width / 2, y: shape.bounds.y + shape.bounds.height / 2 }, host.bounds, 'rectangle') > 3) {
      found('boundary-off-border', [shape.id, host.id], `边界事件 ${shape.id} 未贴在 ${host.id} 的边框上：请把它拖回边框。Boundary event ${shape.id} is not on the border of ${host.id}: drag it onto the border.`);
    }
    const parent = byId.get(shape.ancestors[0] ?? '');
    if (parent?.container && !contains(parent.bounds, shape.bounds, 1) && !(shape.host === parent.id)) {
      found('outside-container', [shape.id, parent.id], `${shape.id} 超出所在子流程 ${parent.id} 的边框：请放大子流程或移入。${shape.id} sticks out of its subprocess ${parent.id}: enlarge the subprocess or move the element in.`);
    }
  }
  for (let i = 0; i < shapes.length; i++) {
    for (let j = i + 1; j < shapes.length; j++) {
      const a = shapes[i]!;
      const b = shapes[j]!;
      if (!rectsOverlap(inset(a.bounds, 1), inset(b.bounds, 1))) continue;
      if ((a.container && isAncestor(a, b)) || (b.container && isAncestor(b, a))) continue;
      // A boundary event sits on its host's border (and on the border of the host's ancestors' children area).
      if (a.host === b.id || b.host === a.id) continue;
      if ((a.host && b.container && isAncestor(b, byId.get(a.host) ?? a)) || (b.host && a.container && isAncestor(a, byId.get(b.host) ?? b))) continue;
      found('shape-overlap', [a.id, b.id], `${a.id} 与 ${b.id} 重叠：请移开其中一个。${a.id} and ${b.id} overlap: move one of them.`);
    }
  }
}

interface PlacedLabel {
  owner: string;
  box: Rect;
  /** The shape it belongs to, if any. */
  shape?: DiagramShape;
  /** The flow it belongs to, if any. */
  flow?: DiagramFlow;
}

function labels(plane: DiagramPlane): PlacedLabel[] {
  return [
    ...plane.shapes.filter((shape) => shape.label).map((shape) => ({ owner: shape.id, box: shape.label!, shape })),
    ...plane.flows.filter((flow) => flow.label).map((flow) => ({ owner: flow.id, box: flow.label!, flow })),
  ];
}

function checkLabels(plane: DiagramPlane, found: Found): void {
  const placed = labels(plane);
  const shapes = plane.shapes.filter((shape) => !shape.frame);
  for (const label of placed) {
    const owner = label.shape ?? label.flow!;
    const box = inset(label.box, 1);
    for (const shape of shapes) {
      if (shape.container) {
        // A label may sit inside a subprocess that holds its element (or the host of its boundary event), never across its border.
        const inside = contains(shape.bounds, label.box);
        const allowed = isAncestor(shape, owner) || shape.id === label.shape?.host || shape.id === owner.id;
        if (straddles(box, shape.bounds) || (inside && !allowed)) {
          found('label-on-shape', [label.owner, shape.id], `${label.owner} 的标签压在子流程 ${shape.id} 的边框上或落入其中：请移动标签。The label of ${label.owner} lies on or inside subprocess ${shape.id}: move the label.`);
        }
      } else if (rectsOverlap(box, shape.bounds)) {
        found('label-on-shape', [label.owner, shape.id], `${label.owner} 的标签压在 ${shape.id} 上：请移动标签或图形。The label of ${label.owner} covers ${shape.id}: move the label or the shape.`);
      }
    }
    for (const flow of plane.flows) {
      if (flow.id === label.owner) continue;
      const crossed = flow.waypoints.some((point, index) => index > 0 && segmentCrossesRect(flow.waypoints[index - 1]!, point, box));
      if (crossed) found('label-on-flow', [label.owner, flow.id], `连线 ${flow.id} 穿过 ${label.owner} 的标签：请移动标签或改走线。Flow ${flow.id} runs through the label of ${label.owner}: move the label or reroute the flow.`);
    }
  }
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      if (rectsOverlap(inset(placed[i]!.box, 1), inset(placed[j]!.box, 1))) {
        const [a, b] = [placed[i]!.owner, placed[j]!.owner];
        found('label-on-label', [a, b], `${a} 与 ${b} 的标签重叠：请移开其中一个。The labels of ${a} and ${b} overlap: move one of them.`);
      }
    }
  }
}

function checkFlows(plane: DiagramPlane, limits: LayoutLimits, found: Found): void {
  const shapes = plane.shapes.filter((shape) => !shape.frame);
  const byId = new Map(shapes.map((shape) => [shape.id, shape]));
  for (const flow of plane.flows) {
    const source = byId.get(flow.source);
    const target = byId.get(flow.target);
    const first = flow.waypoints[0]!;
    const last = flow.waypoints[flow.waypoints.length - 1]!;
    if (source && distanceToOutline(first, source.bounds, source.outline) > limits.dockingTolerance) {
      found('flow-detached', [flow.id, source.id], `连线 ${flow.id} 的起点不在 ${source.id} 的边上：请重新连接。Flow ${flow.id} does not start on the outline of ${source.id}: reconnect it.`);
    }
    if (target && distanceToOutline(last, target.bounds, target.outline) > limits.dockingTolerance) {
      found('flow-detached', [flow.id, target.id], `连线 ${flow.id} 的终点不在 ${target.id} 的边上：请重新连接。Flow ${flow.id} does not end on the outline of ${target.id}: reconnect it.`);
    }
    for (const shape of shapes) {
      if (shape.id === flow.source || shape.id === flow.target || flow.ancestors.includes(shape.id)) continue;
      const area = inset(shape.bounds, 1);
      if (flow.waypoints.some((point, index) => index > 0 && segmentCrossesRect(flow.waypoints[index - 1]!, point, area))) {
        found('flow-through-shape', [flow.id, shape.id], `连线 ${flow.id} 穿过 ${shape.id}：请改走线绕开。Flow ${flow.id} runs through ${shape.id}: route it around.`);
      }
    }
  }
  for (let i = 0; i < plane.flows.length; i++) {
    for (let j = i + 1; j < plane.flows.length; j++) {
      const a = plane.flows[i]!;
      const b = plane.flows[j]!;
      let shared = 0;
      for (let s = 1; s < a.waypoints.length; s++) {
        for (let t = 1; t < b.waypoints.length; t++) shared += sharedLength(a.waypoints[s - 1]!, a.waypoints[s]!, b.waypoints[t - 1]!, b.waypoints[t]!);
      }
      if (shared > limits.maxSharedFlowLength) {
        found('flows-on-top', [a.id, b.id], `连线 ${a.id} 与 ${b.id} 重合 ${Math.round(shared)} px：请分开走线。Flows ${a.id} and ${b.id} lie on top of each other for ${Math.round(shared)} px: route them apart.`);
      }
    }
  }
}
