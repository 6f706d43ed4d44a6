/** Formatting shared by the apps. */

/** A date-time as Beijing time, e.g. "2025-10-09 17:30". */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const beijing = new Date(date.getTime() + 8 * 3600_000);
  return beijing.toISOString().slice(0, 16).replace('T', ' ');
}
