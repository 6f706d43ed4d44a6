/**
 * Where bpmn-js draws an external label (events, gateways, sequence flows) and how much room its text
 * takes, estimated without a browser: the label checks must run in Node, in `onego lint` and the tests.
 * The rules mirror bpmn-js: external text is 11 px with 1.2 line height, wrapped at the label's width
 * (90 px when the diagram stores no label bounds); without stored bounds an event's or gateway's label
 * hangs just below the shape and a flow's sits 15 px above (or right of) the middle of its middle segment.
 */
import type { Point, Rect } from './diagram-geometry';

/** bpmn-js' default external label box (LabelUtil DEFAULT_LABEL_SIZE). */
export const DEFAULT_LABEL_WIDTH = 90;
const DEFAULT_LABEL_HEIGHT = 20;
const FONT_SIZE = 11;
const LINE_HEIGHT = FONT_SIZE * 1.2;
const FLOW_LABEL_INDENT = 15;

/** Full-width characters (CJK ideographs and punctuation, full-width forms) take a whole em. */
const FULL_WIDTH = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f]/;

/** The width in pixels a run of characters takes in the 11 px label font (an estimate, slightly generous). */
export function textWidth(text: string): number {
  let width = 0;
  for (const character of text) width += FULL_WIDTH.test(character) ? FONT_SIZE : character === ' ' ? 3 : 6.2;
  return width;
}

/**
 * Wraps `text` into lines no wider than `maxWidth`, as bpmn-js does: Latin words stay whole where they
 * fit, and full-width text may break between any two characters.
 */
export function wrapText(text: string, maxWidth: number): string[] {
  const tokens = text.match(/[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f]+\s*|\s+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    if (line && textWidth((line + token).trimEnd()) > maxWidth) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else {
      line += token;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.length > 0 ? lines : [''];
}

/**
 * The box of a label as bpmn-js draws it. `stored` is the BPMNLabel bounds when the diagram has them:
 * bpmn-js keeps their x, y and width, wraps the text in that width and sizes the height to the text.
 */
export function labelTextBox(text: string, mid: Point | undefined, stored: Rect | undefined): Rect {
  const wrapWidth = stored && stored.width > 0 ? stored.width : DEFAULT_LABEL_WIDTH;
  const lines = wrapText(text, wrapWidth);
  const height = Math.ceil(lines.length * LINE_HEIGHT);
  // Stored bounds keep their width in bpmn-js (the label's box in Modeler); an implied label is as wide as its text.
  if (stored) return { x: stored.x, y: stored.y, width: stored.width, height };
  const width = Math.min(wrapWidth, Math.max(...lines.map(textWidth)));
  return { x: mid!.x - width / 2, y: mid!.y - DEFAULT_LABEL_HEIGHT / 2, width, height };
}

/** Where bpmn-js centres an event's or gateway's label when the diagram stores no bounds. */
export function defaultShapeLabelMid(shape: Rect): Point {
  return { x: shape.x + shape.width / 2, y: shape.y + shape.height + DEFAULT_LABEL_HEIGHT / 2 };
}

/** Where bpmn-js centres a flow's label when the diagram stores no bounds (LabelUtil getFlowLabelPosition). */
export function defaultFlowLabelMid(waypoints: Point[]): Point {
  const mid = waypoints.length / 2 - 1;
  const first = waypoints[Math.floor(mid)]!;
  const second = waypoints[Math.ceil(mid + 0.01)]!;
  const position = { x: first.x + (second.x - first.x) / 2, y: first.y + (second.y - first.y) / 2 };
  const angle = Math.atan((second.y - first.y) / (second.x - first.x));
  return Math.abs(angle) < Math.PI / 2 ? { x: position.x, y: position.y - FLOW_LABEL_INDENT } : { x: position.x + FLOW_LABEL_INDENT, y: position.y };
}
