/** Just enough typing for dmn-moddle (untyped), which the decision view reads DMN XML with. */
declare module 'dmn-moddle' {
  /** A DMN element as dmn-moddle reads it: `$type` plus its properties. */
  export interface DmnNode {
    $type: string;
    [property: string]: unknown;
  }
  export function DmnModdle(): { fromXML(xml: string): Promise<{ rootElement: DmnNode; warnings: { message: string }[] }> };
}
