/**
 * A BPMN diagram (bpmn-js NavigatedViewer: pan and zoom, no editing) with CSS markers on elements and
 * small badges as overlays, e.g. an incident count.
 */
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import { useEffect, useRef, useState } from 'react';
import { Alert } from 'antd';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { OVERLAY_MARGIN, overlayPlaces, type OverlayPosition, type ShapeBox } from './diagram-overlay-places';
import { ErrorAlert } from './error-alert';
import { useText } from './locale';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Canvas {
  viewbox(): Box & { inner: Box; outer: Box };
  viewbox(box: Box): void;
  addMarker(element: string, marker: string): void;
}
interface Overlays {
  add(element: string, overlay: { position: OverlayPosition; html: HTMLElement }): void;
}

/** How often an element ran: instances still active and completed ones (Camunda's element statistics). */
export interface ElementCount {
  active: number;
  completed: number;
}

/**
 * Props: the XML, markers (element id → CSS classes), badges (element id → text, top right, e.g. 故障),
 * counts (element id → active / completed, bottom left) and lights (element id → a 亮灯 tag's colour and
 * text, top left, for the steps a case is at).
 */
export interface BpmnDiagramProps {
  xml: string;
  markers?: Record<string, string[]>;
  badges?: Record<string, string>;
  counts?: Record<string, ElementCount>;
  lights?: Record<string, { colour: string; text: string }>;
  id?: string;
}

/**
 * Like bpmn-js's zoom('fit-viewport') (never above 100 %), but with room around the shapes for the overlays
 * that sit outside them: fitted tight, a light above the topmost task was cut off at the diagram's top edge
 * on a phone.
 */
function fitWithMargin(canvas: Canvas): void {
  const { inner, outer } = canvas.viewbox();
  const x = inner.x - OVERLAY_MARGIN;
  const y = inner.y - OVERLAY_MARGIN;
  const scale = Math.min(1, outer.width / (inner.width + 2 * OVERLAY_MARGIN), outer.height / (inner.height + 2 * OVERLAY_MARGIN));
  canvas.viewbox({ x, y, width: outer.width / scale, height: outer.height / scale });
}

/** The diagram, fitted to its box. */
export function BpmnDiagram({ xml, markers = {}, badges = {}, counts = {}, lights = {}, id }: BpmnDiagramProps) {
  const container = useRef<HTMLDivElement>(null);
  const t = useText();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (!container.current) return;
    const viewer = new NavigatedViewer({ container: container.current });
    let live = true;
    viewer
      .importXML(xml)
      .then(() => {
        if (!live) return;
        const canvas = viewer.get<Canvas>('canvas');
        fitWithMargin(canvas);
        // Records may name elements the diagram does not draw (e.g. the process itself): skip those.
        const registry = viewer.get<{ get(id: string): ShapeBox | undefined }>('elementRegistry');
        for (const [element, classes] of Object.entries(markers)) if (registry.get(element)) for (const marker of classes) canvas.addMarker(element, marker);
        const overlays = viewer.get<Overlays>('overlays');
        // Each overlay's place depends on the shape: an event's name is outside it, under the spot a task's count takes.
        const overlay = (element: string, className: string, text: string, kind: 'count' | 'badge' | 'light', data: Record<string, string> = {}) => {
          const shape = registry.get(element);
          if (!shape) return;
          const places = overlayPlaces(shape);
          const position = places[kind];
          const html = document.createElement('span');
          html.className = kind === 'light' && places.lightEndsAtLeft ? `${className} diagram-overlay-ends-here` : className;
          html.textContent = text;
          for (const [name, value] of Object.entries(data)) html.dataset[name] = value;
          overlays.add(element, { position, html });
        };
        for (const [element, text] of Object.entries(badges)) overlay(element, 'diagram-badge', text, 'badge', { element });
        for (const [element, count] of Object.entries(counts)) {
          const parts = [count.active ? `▶ ${count.active}` : '', count.completed ? `✓ ${count.completed}` : ''].filter(Boolean);
          if (parts.length) overlay(element, 'diagram-count', parts.join(' '), 'count', { element, active: String(count.active), completed: String(count.completed) });
        }
        for (const [element, light] of Object.entries(lights)) overlay(element, `diagram-light diagram-light-${light.colour}`, light.text, 'light', { element, light: light.colour });
      })
      .catch((failure: unknown) => live && setError(failure));
    return () => {
      live = false;
      viewer.destroy();
    };
    // Markers and badges are drawn once per diagram; callers pass a new xml or key to redraw.
  }, [xml]);
  const reason = error instanceof Error ? error.message : String(error ?? '');
  // A model deployed without its drawing (no BPMN DI, e.g. written by a program) is valid and runs: say so in
  // words instead of bpmn-js's "no diagram to display", and leave out the empty box.
  const undrawn = /no diagram to display/i.test(reason);
  return (
    <>
      {error !== undefined &&
        (undrawn ? (
          <Alert type="info" showIcon className="diagram-missing" title={t('此流程模型没有图形布局（BPMN DI），无法绘制流程图。', 'This model has no diagram layout (BPMN DI), so it cannot be drawn.')} style={{ marginBottom: 12 }} />
        ) : (
          <ErrorAlert error={new Error(t(`流程图无法显示：${reason}`, `The diagram cannot be shown: ${reason}`))} />
        ))}
      <div className="diagram" id={id} ref={container} style={error !== undefined ? { display: 'none' } : undefined} />
    </>
  );
}
