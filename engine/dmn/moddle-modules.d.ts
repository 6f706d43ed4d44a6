/** Just enough typing for the two untyped bpmn.io packages the DMN reader uses. */
declare module 'dmn-moddle' {
  export function DmnModdle(packages?: Record<string, unknown>, options?: Record<string, unknown>): unknown;
}

declare module 'moddle-xml' {
  export interface ModdleRootHandler {
    element?: unknown;
    context?: { warnings: { message: string }[] };
  }
  export class Reader {
    constructor(options: { model: unknown; lax?: boolean });
    handler(typeName: string): ModdleRootHandler;
    fromXML(xml: string, rootHandler: ModdleRootHandler): Promise<unknown>;
  }
}
