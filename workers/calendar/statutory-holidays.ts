/**
 * The holidays the law itself fixes, for a year whose State Council arrangement (放假安排) is not published yet.
 * 《全国年节及纪念日放假办法》 (as revised by State Council decree 795, in force since 1 January 2025) gives every
 * citizen 元旦 (1 January), 春节 (lunar New Year's Eve and the first three days of the first lunar month), 清明节
 * (the day of the Qingming solar term), 劳动节 (1 and 2 May), 端午节 (the fifth day of the fifth lunar month),
 * 中秋节 (the fifteenth day of the eighth lunar month) and 国庆节 (1 to 3 October). Those days are off whatever the
 * notice later says; only how they join the weekends — the bridging days and the Saturdays or Sundays worked
 * instead (调休), and the make-up day for a festival on a weekend — waits for the notice. So a deadline counted
 * into such a year skips these days and stays provisional (期限暂定).
 *
 * Lunar dates and the solar term come from `chinese-days`, the library that bundles the published years.
 */
import chineseDays from 'chinese-days';
import { dayKeyOf, dayOfKey } from './shanghai-time';
import { bilingualError } from '../bilingual';

// The package's entry is a UMD bundle: Node's ESM loader sees only its default export.
const { getSolarDateFromLunar, getSolarTermDate } = chineseDays;
/** The first year under the revised 办法 (two days for 劳动节, four for 春节); earlier years are all published. */
export const REVISED_HOLIDAY_RULES_FROM = 2025;

/** The statutory holidays of `year`, as `YYYY-MM-DD` → festival name (元旦, 春节 …). */
export function statutoryHolidays(year: number): ReadonlyMap<string, string> {
  if (year < REVISED_HOLIDAY_RULES_FROM) throw bilingualError(`年份须不早于 ${REVISED_HOLIDAY_RULES_FROM} 年（修订后的《全国年节及纪念日放假办法》），收到的是 ${year}`, `Expected a year from ${REVISED_HOLIDAY_RULES_FROM} on (the revised 全国年节及纪念日放假办法), but was ${year}`, RangeError);
  const days = new Map<string, string>();
  const add = (key: string, name: string) => days.set(key, name);
  const lunar = (month: number, day: number) => getSolarDateFromLunar(`${year}-${pad(month)}-${pad(day)}`).date;
  const plusDays = (key: string, offset: number) => dayKeyOf(dayOfKey(key) + offset);

  add(`${year}-01-01`, '元旦');
  const newYear = lunar(1, 1);
  for (const offset of [-1, 0, 1, 2]) add(plusDays(newYear, offset), '春节');
  add(getSolarTermDate(year, 4, 'pure_brightness'), '清明');
  add(`${year}-05-01`, '劳动节');
  add(`${year}-05-02`, '劳动节');
  add(lunar(5, 5), '端午');
  add(lunar(8, 15), '中秋');
  for (const day of [1, 2, 3]) add(`${year}-10-${pad(day)}`, '国庆节');
  return days;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
