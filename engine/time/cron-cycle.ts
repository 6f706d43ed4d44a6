import { CronExpressionParser, type CronExpression } from 'cron-parser';
import type { TimeCycle } from './time-cycle';
import type { TimeResult } from './time-result';

const MACROS: Record<string, string> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * SUN',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};

/**
 * Reads a cron expression the way Zeebe (Spring's CronExpression) does: six fields — second, minute, hour,
 * day of month, month, day of week — or one of the macros `@yearly` … `@hourly`. Evaluated in UTC. When both
 * day fields are restricted, a date must match both (Spring's rule, unlike classic cron's "either").
 */
export function parseCronCycle(text: string): TimeResult<TimeCycle> {
  const expanded = MACROS[text.toLowerCase()] ?? text;
  const fields = expanded.split(/\s+/);
  if (fields.length !== 6) {
    return {
      ok: false,
      failure: `Expected a cron expression with 6 fields (second minute hour day-of-month month day-of-week, e.g. '0 0 9 * * MON-FRI'), but '${text}' has ${fields.length}`,
    };
  }
  const [second, minute, hour, dayOfMonth, month, dayOfWeek] = fields;
  const bothDaysRestricted = isRestricted(dayOfMonth) && isRestricted(dayOfWeek);
  let dayOfMonthOnly: CronExpression | undefined;
  let dayOfWeekOnly: CronExpression | undefined;
  try {
    CronExpressionParser.parse(expanded, { tz: 'UTC' });
    if (bothDaysRestricted) {
      dayOfMonthOnly = CronExpressionParser.parse([second, minute, hour, dayOfMonth, month, '*'].join(' '), { tz: 'UTC' });
      dayOfWeekOnly = CronExpressionParser.parse([second, minute, hour, '*', month, dayOfWeek].join(' '), { tz: 'UTC' });
    }
  } catch (error) {
    return { ok: false, failure: `Invalid cron expression '${text}': ${(error as Error).message}` };
  }
  const next = (afterMs: number): number | undefined => {
    try {
      const expression = CronExpressionParser.parse(expanded, { tz: 'UTC', currentDate: new Date(afterMs) });
      // Spring requires both restricted day fields to match; cron-parser accepts either, so skip the rest.
      for (let attempt = 0; attempt < 10_000 && expression.hasNext(); attempt++) {
        const candidate = expression.next().toDate();
        if (candidate.getTime() <= afterMs) continue;
        if (!bothDaysRestricted || (dayOfMonthOnly!.includesDate(candidate) && dayOfWeekOnly!.includesDate(candidate))) {
          return candidate.getTime();
        }
      }
    } catch {
      // cron-parser throws once it runs out of dates; that is "no further date", as Zeebe's empty Optional.
    }
    return undefined;
  };
  return {
    ok: true,
    value: {
      text,
      repetitions: null,
      next,
      firstDueDate: (nowMs) => next(nowMs),
      nextDueDate: (lastDueMs, nowMs) => next(Math.max(lastDueMs, nowMs)),
    },
  };
}

function isRestricted(field: string): boolean {
  return field !== '*' && field !== '?';
}
