/** Formatting shared by the apps. */

/** A date-time as Beijing time, e.g. "2025-10-09 17:30". */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const beijing = new Date(date.getTime() + 8 * 3600_000);
  return beijing.toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * An average handling time in working days as the server rounds it (one decimal), for people: a case finished
 * within the hour rounds to 0, which reads as "no time at all", so it says 不足 0.1 个工作日 instead.
 */
export function formatWorkingDays(value: number | null, t: (zh: string, en: string) => string): string {
  if (value === null) return '—';
  if (value < 0.1) return t('不足 0.1 个工作日', 'under 0.1 working days');
  return t(`${value} 个工作日`, `${value} working days`);
}
