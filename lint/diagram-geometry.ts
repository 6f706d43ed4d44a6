/**
 * Plane geometry for the diagram layout check: rectangles, points, axis-parallel and slanted segments,
 * and the outlines bpmn-js docks flows on (rectangle for tasks, circle for events, diamond for gateways).
 * Coordinates are BPMN DI pixels, y pointing down.
 */

/** A point in diagram pixels. */
export interface Point {
  x: number;
  y: number;
}

/** An axis-aligned rectangle in diagram pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The outline a shape is drawn with, which flows dock on. */
export type Outline = 'rectangle' | 'circle' | 'diamond';

/** The rectangle shrunk by `by` on every side (negative grows it). */
export function inset(rect: Rect, by: number): Rect {
  return { x: rect.x + by, y: rect.y + by, width: Math.max(0, rect.width - 2 * by), height: Math.max(0, rect.height - 2 * by) };
}

/** Whether two rectangles share an area (touching edges do not count). */
export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Whether `inner` lies wholly inside `outer`, allowing `slack` pixels. */
export function contains(outer: Rect, inner: Rect, slack = 0): boolean {
  return (
    inner.x >= outer.x - slack &&
    inner.y >= outer.y - slack &&
    inner.x + inner.width <= outer.x + outer.width + slack &&
    inner.y + inner.height <= outer.y + outer.height + slack
  );
}

/** The centre of a rectangle. */
export function centre(rect: Rect): Point {
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
}

/** The smallest rectangle around all the given rectangles and points (undefined when given none). */
export function boundingBox(rects: Rect[], points: Point[] = []): Rect | undefined {
  const all = [...rects, ...points.map((p) => ({ x: p.x, y: p.y, width: 0, height: 0 }))];
  if (all.length === 0) return undefined;
  const minX = Math.min(...all.map((r) => r.x));
  const minY = Math.min(...all.map((r) => r.y));
  const maxX = Math.max(...all.map((r) => r.x + r.width));
  const maxY = Math.max(...all.map((r) => r.y + r.height));
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * Whether the segment a→b passes through the inside of `rect` (Liang–Barsky clipping). Merely touching an
 * edge does not count, so callers shrink nothing and flows may run along a shape's border.
 */
export function segmentCrossesRect(a: Point, b: Point, rect: Rect): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const edges: Array<[number, number]> = [
    [-dx, a.x - rect.x],
    [dx, rect.x + rect.width - a.x],
    [-dy, a.y - rect.y],
    [dy, rect.y + rect.height - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return false;
  }
  // A strictly positive length inside the open rectangle: at least a pixel's worth.
  return (t1 - t0) * Math.hypot(dx, dy) > 0.5;
}

/**
 * The length two segments lie on top of each other: both on one line (within `tolerance` pixels) and
 * their projections overlapping. Zero when they only cross or touch.
 */
export function sharedLength(a1: Point, a2: Point, b1: Point, b2: Point, tolerance = 1): number {
  const length = Math.hypot(a2.x - a1.x, a2.y - a1.y);
  if (length === 0) return 0;
  const ux = (a2.x - a1.x) / length;
  const uy = (a2.y - a1.y) / length;
  // Distance of b's ends from a's line; both must be on it.
  const offset = (p: Point) => Math.abs((p.x - a1.x) * uy - (p.y - a1.y) * ux);
  if (offset(b1) > tolerance || offset(b2) > tolerance) return 0;
  const along = (p: Point) => (p.x - a1.x) * ux + (p.y - a1.y) * uy;
  const [bStart, bEnd] = [along(b1), along(b2)].sort((m, n) => m - n) as [number, number];
  return Math.max(0, Math.min(length, bEnd) - Math.max(0, bStart));
}

/** How far `point` is from the outline of a shape drawn in `rect`. */
export function distanceToOutline(point: Point, rect: Rect, outline: Outline): number {
  const c = centre(rect);
  if (outline === 'circle') return Math.abs(Math.hypot(point.x - c.x, point.y - c.y) - rect.width / 2);
  if (outline === 'diamond') {
    // |dx|/hw + |dy|/hh = 1 on the outline; scale the miss back to pixels along the normal.
    const hw = rect.width / 2;
    const hh = rect.height / 2;
    const level = Math.abs(point.x - c.x) / hw + Math.abs(point.y - c.y) / hh;
    return (Math.abs(level - 1) * hw * hh) / Math.hypot(hw, hh);
  }
  const dx = Math.max(rect.x - point.x, 0, point.x - (rect.x + rect.width));
  const dy = Math.max(rect.y - point.y, 0, point.y - (rect.y + rect.height));
  if (dx > 0 || dy > 0) return Math.hypot(dx, dy);
  return Math.min(point.x - rect.x, rect.x + rect.width - point.x, point.y - rect.y, rect.y + rect.height - point.y);
}

/** Whether `point` lies on the border band of `rect`, within `tolerance` pixels. */
export function onRectBorder(point: Point, rect: Rect, tolerance: number): boolean {
  return distanceToOutline(point, rect, 'rectangle') <= tolerance;
}

/** Whether a rectangle crosses the border of `container` (partly inside, partly outside). */
export function straddles(rect: Rect, container: Rect): boolean {
  return rectsOverlap(rect, container) && !contains(container, rect);
}
