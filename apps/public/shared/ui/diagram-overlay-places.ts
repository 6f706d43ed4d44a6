/**
 * Where the diagram's badges go on an element (bpmn-js overlay positions, relative to the element's box), so
 * they never cover its name. A task writes its name inside its box: counts sit on its bottom-left corner,
 * lights just above it, flush with its right edge (inside the box a long light such as 暂停·已超期 reached
 * towards the name; on the left it met the count of a task stacked right above, 20 px away), incident badges
 * on the top-right. An event or gateway writes its name outside, usually
 * below (the start event's 受理): there the count moves to the other side of the shape and the incident badge to
 * its right, clear of the label.
 */

/** A bpmn-js overlay position (pixels from the element's box edges). */
export interface OverlayPosition {
  top?: number;
  right?: number;
  bottom?: number;
  left?: number;
}

/** What a diagram shape tells about its size and its external label, if it has one. */
export interface ShapeBox {
  x: number;
  y: number;
  width: number;
  height: number;
  label?: { x: number; y: number; width: number; height: number } | null;
}

/** The three kinds of overlay the audit diagram draws. */
export interface OverlayPlaces {
  count: OverlayPosition;
  badge: OverlayPosition;
  light: OverlayPosition;
  /**
   * The light's `left` is where its RIGHT edge goes (bpmn-js places an overlay by its top-left corner and does
   * not know its width): the diagram shifts it left by its own width.
   */
  lightEndsAtLeft?: boolean;
}

/** Height of one overlay line (11–12 px text with padding and border), plus a gap. */
const LINE = 20;

/**
 * How far overlays reach beyond the shapes (an event's light two lines above it): the diagram keeps this much
 * room around its shapes when it fits them to the screen, so no overlay is cut off at the edge.
 */
export const OVERLAY_MARGIN = 2 * LINE + 4;

/** The overlays' places on `shape`, away from its external label. */
export function overlayPlaces(shape: ShapeBox): OverlayPlaces {
  const inside: OverlayPlaces = { count: { bottom: 10, left: -6 }, badge: { top: -10, right: 10 }, light: { top: -LINE - 2, left: shape.width + 6 }, lightEndsAtLeft: true };
  const label = shape.label;
  if (!label) return inside;
  const labelAbove = label.y + label.height <= shape.y;
  return labelAbove
    ? // name above the shape: count under it, badge to its right at the bottom
      { count: { top: shape.height + 4, left: -6 }, badge: { top: shape.height - LINE + 4, left: shape.width + 4 }, light: { top: shape.height + 4 + LINE, left: -6 } }
    : // name below (bpmn-js's default): count over it, badge to its right at the top
      { count: { top: -LINE - 2, left: -6 }, badge: { top: -10, left: shape.width + 4 }, light: { top: -2 * LINE - 2, left: -6 } };
}
