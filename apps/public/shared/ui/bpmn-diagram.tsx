/**
 * A BPMN diagram (bpmn-js NavigatedViewer: pan and zoom, no editing) with CSS markers on elements and
 * small badges as overlays, e.g. an incident count.
 */
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import { useEffect, useRef, useState } from 'react';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { ErrorAlert } from './error-alert';

interface Canvas {
  zoom(level: string): void;
  addMarker(element: string, marker: string): void;
}
interface Overlays {
  add(element: string, overlay: { position: { top?: number; right?: number; bottom?: number; left?: number }; html: HTMLElement }): void;
}

/** Props: the XML, markers (element id → CSS classes) and badges (element id → text). */
export interface BpmnDiagramProps {
  xml: string;
  markers?: Record<string, string[]>;
  badges?: Record<string, string>;
  id?: string;
}

/** The diagram, fitted to its box. */
export function BpmnDiagram({ xml, markers = {}, badges = {}, id }: BpmnDiagramProps) {
  const container = useRef<HTMLDivElement>(null);
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
        canvas.zoom('fit-viewport');
        // Records may name elements the diagram does not draw (e.g. the process itself): skip those.
        const registry = viewer.get<{ get(id: string): unknown }>('elementRegistry');
        for (const [element, classes] of Object.entries(markers)) if (registry.get(element)) for (const marker of classes) canvas.addMarker(element, marker);
        const overlays = viewer.get<Overlays>('overlays');
        for (const [element, text] of Object.entries(badges)) {
          if (!registry.get(element)) continue;
          const html = document.createElement('span');
          html.className = 'diagram-badge';
          html.textContent = text;
          overlays.add(element, { position: { top: -10, right: 10 }, html });
        }
      })
      .catch((failure: unknown) => live && setError(new Error(`流程图无法显示：${failure instanceof Error ? failure.message : String(failure)}`)));
    return () => {
      live = false;
      viewer.destroy();
    };
    // Markers and badges are drawn once per diagram; callers pass a new xml or key to redraw.
  }, [xml]);
  return (
    <>
      <ErrorAlert error={error} />
      <div className="diagram" id={id} ref={container} />
    </>
  );
}
