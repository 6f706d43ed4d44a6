/**
 * When a deadline turns yellow. The PROPOSED default (processes.md §1.6): yellow once 80 % of the limit
 * has elapsed OR at most 1 working day is left, whichever comes first.
 *
 * For short limits the "≤ 1 working day left" half would light a deadline yellow the moment it starts
 * (a 1-day limit has 1 day left at once; a 0.5-day limit even less). So that half may never bring the
 * yellow light before a floor, by default 50 % of the limit elapsed:
 *
 *   warn offset = max( min(80 % × limit, limit − 1 WD), 50 % × limit )
 *
 * Examples with 1 WD = 420 office minutes: 45 WD → yellow after 36 WD (80 %); 5 WD → after 4 WD (both
 * halves agree); 2 WD → after 1 WD (1 WD left); 1 WD → after 0.5 WD (the floor); 2 hours → after 1 hour.
 * The floor never exceeds the elapsed percentage, so configuring 40 % gives 40 % for short limits too.
 *
 * Settings: `ONEGO_WARN_ELAPSED_PERCENT` (80), `ONEGO_WARN_REMAINING_WORKING_DAYS` (1; 0 turns that half
 * off), `ONEGO_WARN_MIN_ELAPSED_PERCENT` (50).
 */
import { bilingualError } from '../bilingual';

/** The configurable yellow-light thresholds. */
export interface WarnRule {
  /** Yellow once this share of the limit has elapsed (0–100]. */
  elapsedPercent: number;
  /** …or once at most this many working days are left (0 disables this half). */
  remainingWorkingDays: number;
  /** The "days left" half never lights before this share of the limit has elapsed [0–100]. */
  minimumElapsedPercent: number;
}

/** The PROPOSED default thresholds. */
export const DEFAULT_WARN_RULE: WarnRule = { elapsedPercent: 80, remainingWorkingDays: 1, minimumElapsedPercent: 50 };

function numberSetting(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw bilingualError(`设置 ${name} 须为 ${min} 到 ${max} 之间的数，收到的是「${text}」`, `Expected ${name} to be a number from ${min} to ${max}, but got '${text}'`);
  }
  return value;
}

/** Reads the warn rule from the environment, falling back to {@link DEFAULT_WARN_RULE}. */
export function warnRuleFromEnv(env: Record<string, string | undefined>): WarnRule {
  const elapsedPercent = numberSetting(env, 'ONEGO_WARN_ELAPSED_PERCENT', DEFAULT_WARN_RULE.elapsedPercent, 0, 100);
  if (elapsedPercent === 0) throw bilingualError('设置 ONEGO_WARN_ELAPSED_PERCENT 须大于 0，收到的是「0」', `Expected ONEGO_WARN_ELAPSED_PERCENT to be above 0, but got '0'`);
  return {
    elapsedPercent,
    remainingWorkingDays: numberSetting(env, 'ONEGO_WARN_REMAINING_WORKING_DAYS', DEFAULT_WARN_RULE.remainingWorkingDays, 0, 1000),
    minimumElapsedPercent: numberSetting(env, 'ONEGO_WARN_MIN_ELAPSED_PERCENT', DEFAULT_WARN_RULE.minimumElapsedPercent, 0, 100),
  };
}

/**
 * After how many working minutes of a limit the light turns yellow (see the module comment).
 * `minutesPerWorkingDay` converts the "days left" half into office minutes.
 */
export function warnOffsetMinutes(limitWorkingMinutes: number, rule: WarnRule, minutesPerWorkingDay: number): number {
  const byShare = (limitWorkingMinutes * rule.elapsedPercent) / 100;
  const byRemaining = rule.remainingWorkingDays > 0 ? limitWorkingMinutes - rule.remainingWorkingDays * minutesPerWorkingDay : Infinity;
  const floor = (limitWorkingMinutes * Math.min(rule.minimumElapsedPercent, rule.elapsedPercent)) / 100;
  return Math.max(Math.min(byShare, byRemaining), floor);
}
