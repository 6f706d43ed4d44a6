/**
 * Reads the diagrams (BPMN DI) of a model into plain shapes, flows and label boxes, one list per plane,
 * for the layout check. Parsing is bpmn-moddle's, with the Zeebe extension, as Camunda Modeler reads it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Outline, Point, Rect } from './diagram-geometry';
import { defaultFlowLabelMid, defaultShapeLabelMid, labelTextBox } from './diagram-labels';

const require = createRequire(import.meta.url);
// bpmn-moddle ships no type declarations; the reader walks its plain objects through `Moddle`.
const { BpmnModdle } = require('bpmn-moddle') as { BpmnModdle: new (packages: object) => { fromXML(xml: string): Promise<{ rootElement: Moddle; warnings: Array<{ message: string }> }> } };
const zeebe = JSON.parse(readFileSync(require.resolve('zeebe-bpmn-moddle/resources/zeebe.json'), 'utf8')) as object;

/** A moddle object, read loosely. */
type Moddle = Record<string, any>;

/** A drawn flow node, container or annotation. */
export interface DiagramShape {
  id: string;
  type: string;
  name?: string;
  bounds: Rect;
  outline: Outline;
  /** Expanded subprocess, lane or pool: its children are drawn inside it. */
  container: boolean;
  /** Lanes and pools frame the diagram; they take part only in the label and width checks. */
  frame: boolean;
  /** Ids of the semantic parents (subprocesses) up to the process, nearest first. */
  ancestors: string[];
  /** For a boundary event: the activity it is attached to. */
  host?: string;
  /** The box its external label's text covers (events, gateways), stored or implied. */
  label?: Rect;
}

/** A drawn sequence flow. */
export interface DiagramFlow {
  id: string;
  name?: string;
  source: string;
  target: string;
  waypoints: Point[];
  label?: Rect;
  /** Ids of the semantic parents of the flow. */
  ancestors: string[];
}

/** One BPMNPlane: the root process, or a collapsed subprocess drawn on its own. */
export interface DiagramPlane {
  id: string;
  shapes: DiagramShape[];
  flows: DiagramFlow[];
}

/** The model read for the layout check. */
export interface DiagramModel {
  planes: DiagramPlane[];
  warnings: string[];
}

const is = (element: Moddle, type: string): boolean => typeof element.$instanceOf === 'function' && element.$instanceOf(type);

function outlineOf(element: Moddle): Outline {
  if (is(element, 'bpmn:Event')) return 'circle';
  if (is(element, 'bpmn:Gateway')) return 'diamond';
  return 'rectangle';
}

function ancestorsOf(element: Moddle): string[] {
  const ids: string[] = [];
  for (let parent = element.$parent; parent && !is(parent, 'bpmn:Definitions'); parent = parent.$parent) {
    if (is(parent, 'bpmn:SubProcess') || is(parent, 'bpmn:Process')) ids.push(parent.id as string);
  }
  return ids;
}

function boundsOf(bounds: Moddle | undefined): Rect | undefined {
  return bounds ? { x: Number(bounds.x), y: Number(bounds.y), width: Number(bounds.width), height: Number(bounds.height) } : undefined;
}

/** Whether bpmn-js draws this element's name outside the shape. */
function hasExternalLabel(element: Moddle): boolean {
  return is(element, 'bpmn:Event') || is(element, 'bpmn:Gateway') || is(element, 'bpmn:DataObjectReference') || is(element, 'bpmn:DataStoreReference');
}

function readPlane(plane: Moddle): DiagramPlane {
  const shapes: DiagramShape[] = [];
  const flows: DiagramFlow[] = [];
  for (const di of (plane.planeElement ?? []) as Moddle[]) {
    const element = di.bpmnElement as Moddle | undefined;
    if (!element) continue;
    const name = typeof element.name === 'string' && element.name.trim() ? (element.name as string) : undefined;
    if (is(di, 'bpmndi:BPMNShape')) {
      const bounds = boundsOf(di.bounds)!;
      const frame = is(element, 'bpmn:Lane') || is(element, 'bpmn:Participant');
      const expanded = is(element, 'bpmn:SubProcess') && di.isExpanded === true;
      const stored = boundsOf(di.label?.bounds);
      const label = name && hasExternalLabel(element) ? labelTextBox(name, stored ? undefined : defaultShapeLabelMid(bounds), stored) : undefined;
      shapes.push({
        id: element.id,
        type: element.$type,
        name,
        bounds,
        outline: outlineOf(element),
        container: expanded || frame,
        frame,
        ancestors: ancestorsOf(element),
        host: element.attachedToRef?.id,
        label,
      });
    } else if (is(di, 'bpmndi:BPMNEdge') && is(element, 'bpmn:SequenceFlow')) {
      const waypoints = ((di.waypoint ?? []) as Moddle[]).map((point) => ({ x: Number(point.x), y: Number(point.y) }));
      if (waypoints.length < 2) continue;
      const stored = boundsOf(di.label?.bounds);
      const label = name ? labelTextBox(name, stored ? undefined : defaultFlowLabelMid(waypoints), stored) : undefined;
      flows.push({ id: element.id, name, source: element.sourceRef?.id, target: element.targetRef?.id, waypoints, label, ancestors: ancestorsOf(element) });
    }
  }
  return { id: plane.bpmnElement?.id ?? plane.id, shapes, flows };
}

/** Reads every diagram plane of a BPMN model. */
export async function readDiagram(xml: string): Promise<DiagramModel> {
  const { rootElement, warnings } = await new BpmnModdle({ zeebe }).fromXML(xml);
  const planes = ((rootElement.diagrams ?? []) as Moddle[]).filter((diagram) => diagram.plane).map((diagram) => readPlane(diagram.plane));
  return { planes, warnings: warnings.map((warning) => warning.message) };
}
