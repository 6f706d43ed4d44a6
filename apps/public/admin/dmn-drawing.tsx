/**
 * The decision requirements drawing (DRD) of a deployed DMN resource, drawn by dmn-js (bpmn.io's DMN
 * viewer, bundled like bpmn-js): decisions, input data and knowledge sources with their requirement
 * arrows, pan and zoom, read-only. The decision whose version was opened is marked.
 */
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import { useEffect, useRef, useState } from 'react';
import DmnJsViewer from 'dmn-js/lib/NavigatedViewer';
import { Alert } from 'antd';
import { useText } from '../shared/ui/locale';

interface Canvas {
  zoom(level: string): void;
  addMarker(element: string, marker: string): void;
}

/** Props: the DMN XML (DMN 1.3) and the decision to mark. */
export interface DmnDrawingProps {
  xml: string;
  focus?: string;
}

/** The DRD, fitted to its box; says so in plain words when the resource has no drawing (no DMNDI). */
export function DmnDrawing({ xml, focus }: DmnDrawingProps) {
  const t = useText();
  const container = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    if (!container.current) return;
    const viewer = new DmnJsViewer({ container: container.current });
    let live = true;
    setProblem(undefined);
    viewer
      .importXML(xml)
      .then(async () => {
        const drd = viewer.getViews().find((view) => view.type === 'drd');
        if (!live) return;
        if (!drd) {
          setProblem('none');
          return;
        }
        if (viewer.getActiveView()?.type !== 'drd') await viewer.open(drd);
        const canvas = viewer.getActiveViewer()?.get<Canvas>('canvas');
        canvas?.zoom('fit-viewport');
        const registry = viewer.getActiveViewer()?.get<{ get(id: string): unknown }>('elementRegistry');
        if (focus && registry?.get(focus)) canvas?.addMarker(focus, 'dmn-focus');
      })
      .catch((failure: unknown) => live && setProblem(failure instanceof Error ? failure.message : String(failure)));
    return () => {
      live = false;
      viewer.destroy();
    };
  }, [xml, focus]);
  return (
    <>
      {problem === 'none' && <Alert type="info" showIcon title={t('此决策资源没有决策需求图，下面以表格显示。', 'This resource has no requirements drawing; its tables follow.')} />}
      {problem && problem !== 'none' && <Alert type="warning" showIcon title={t(`决策需求图无法显示：${problem}`, `The requirements drawing cannot be shown: ${problem}`)} />}
      <div
        ref={container}
        className="dmn-drawing"
        role="img"
        aria-label={t('决策需求图', 'Decision requirements drawing')}
        style={{ height: problem ? 0 : 320, border: problem ? undefined : '1px solid #f0f0f0', borderRadius: 6, marginBottom: 16, overflow: 'hidden' }}
      />
    </>
  );
}
