import { createRequire } from 'node:module';
import type { CronExpression, CronExpressionParser as CronParser } from 'cron-parser';
import type { TimeCycle } from './time-cycle';
import type { TimeResult } from './time-result';

let cronParser: typeof CronParser | undefined;

/**
 * cron-parser (with its date library), loaded on the first cron cycle: most models have none, and loading it
 * with the engine cost ~0.1 s of CPU on every start, before the gateway could answer.
 */
function cronExpressions(): typeof CronParser {
  cronParser ??= (createRequire(import.meta.url)('cron-parser') as { CronExpressionParser: typeof CronParser }).CronExpressionParser;
  return cronParser;
}

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
  const [second, minute, hour, rawDayOfMonth, month, dayOfWeek] = fields;
  // cron-parser has no `W` (nearest weekday); read it here and let cron-parser see every day instead.
  const nearestWeekday = /^(\d{1,2}|L)W$/i.exec(rawDayOfMonth);
  const dayOfMonth = nearestWeekday ? '*' : rawDayOfMonth;
  if (nearestWeekday && nearestWeekday[1].toUpperCase() !== 'L' && !(Number(nearestWeekday[1]) >= 1 && Number(nearestWeekday[1]) <= 31)) {
    return { ok: false, failure: `Invalid cron expression '${text}': the day of month '${rawDayOfMonth}' is out of range` };
  }
  const cronText = [second, minute, hour, dayOfMonth, month, dayOfWeek].join(' ');
  const bothDaysRestricted = isRestricted(dayOfMonth) && isRestricted(dayOfWeek);
  let dayOfMonthOnly: CronExpression | undefined;
  let dayOfWeekOnly: CronExpression | undefined;
  const CronExpressionParser = cronExpressions();
  try {
    CronExpressionParser.parse(cronText, { tz: 'UTC' });
    if (bothDaysRestricted) {
      dayOfMonthOnly = CronExpressionParser.parse([second, minute, hour, dayOfMonth, month, '*'].join(' '), { tz: 'UTC' });
      dayOfWeekOnly = CronExpressionParser.parse([second, minute, hour, '*', month, dayOfWeek].join(' '), { tz: 'UTC' });
    }
  } catch (error) {
    return { ok: false, failure: `Invalid cron expression '${text}': ${(error as Error).message}` };
  }
  const next = (afterMs: number): number | undefined => {
    try {
      const expression = CronExpressionParser.parse(cronText, { tz: 'UTC', currentDate: new Date(afterMs) });
      // Spring requires both restricted day fields to match; cron-parser accepts either, so skip the rest.
      for (let attempt = 0; attempt < 10_000 && expression.hasNext(); attempt++) {
        const candidate = expression.next().toDate();
        if (candidate.getTime() <= afterMs) continue;
        if (nearestWeekday && candidate.getUTCDate() !== nearestWeekdayIn(candidate, nearestWeekday[1])) continue;
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

/**
 * The day of `date`'s month that `nW` / `LW` names (Spring, after Quartz): the weekday nearest to day n
 * without leaving the month, or the month's last weekday.
 */
function nearestWeekdayIn(date: Date, day: string): number {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const target = day.toUpperCase() === 'L' ? lastDay : Math.min(Number(day), lastDay);
  const weekday = new Date(Date.UTC(year, month, target)).getUTCDay();
  if (weekday === 6) return target === 1 ? 3 : target - 1;
  if (weekday === 0) return target === lastDay ? target - 2 : target + 1;
  return target;
}

function isRestricted(field: string): boolean {
  return field !== '*' && field !== '?';
}
