/**
 * The one rounding rule for shares the apps show (按时办结率, 整改率): a share is counted from whole numbers and
 * rounded once, half up, to a tenth of a percent — on the server, in the exports and on every page alike — so the
 * department dashboard, the statistics page and the Excel file print the same figure for the same cases. Integer
 * arithmetic, because `201 / 400 * 1000` is 502.49999… in floating point, which `Math.round` takes down to 50.2 %.
 */

/** `part / whole` in thousandths (per mille), rounded half up; null when there is nothing to divide. */
export function shareInPerMille(part: number, whole: number): number | null {
  if (!(whole > 0)) return null;
  return Math.floor((part * 2000 + whole) / (2 * whole));
}

/** `part / whole` as a fraction rounded half up to 0.001 (12.5 % is 0.125); null when `whole` is 0. */
export function roundedShare(part: number, whole: number): number | null {
  const perMille = shareInPerMille(part, whole);
  return perMille === null ? null : perMille / 1000;
}

/** A share as the servers answer it (a fraction already rounded to 0.001) in percent with one decimal: "66.7%"; "—" for none. */
export function formatShare(share: number | null | undefined, none = '—'): string {
  if (share === null || share === undefined) return none;
  // Back to whole thousandths first (0.667 → 667), so the text is built from integers and never re-rounds.
  const perMille = Math.round(share * 1000);
  return `${Math.trunc(perMille / 10)}.${Math.abs(perMille % 10)}%`;
}

/** 按时办结率: on-time finished cases among those finished with a deadline (on time + late), rounded by the rule above. */
export function onTimeRate(onTime: number, overdue: number): number | null {
  return roundedShare(onTime, onTime + overdue);
}
