/** bpmn-moddle ships no type declarations; this is the part the engine uses. */
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: object);
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: any; warnings: { message: string }[] }>;
  }
}
