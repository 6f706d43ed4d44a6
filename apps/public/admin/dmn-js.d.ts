/** Just enough typing for dmn-js's viewer (untyped), which draws a DMN resource's decision requirements. */
declare module 'dmn-js/lib/NavigatedViewer' {
  /** One view of a DMN resource: its requirements drawing (`drd`) or one decision's table or expression. */
  export interface DmnJsView {
    type: string;
    element: { id: string; name?: string };
  }
  /** The DRD part of the viewer, once open. */
  export interface DmnJsActiveViewer {
    get<T>(service: string): T;
  }
  export default class DmnJsViewer {
    constructor(options: { container: HTMLElement; common?: Record<string, unknown> });
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    getViews(): DmnJsView[];
    getActiveView(): DmnJsView | undefined;
    getActiveViewer(): DmnJsActiveViewer | undefined;
    open(view: DmnJsView): Promise<unknown>;
    destroy(): void;
  }
}
