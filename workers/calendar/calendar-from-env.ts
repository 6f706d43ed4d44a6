/**
 * The calendar a worker uses, built from its configuration. Settings:
 * - `ONEGO_OFFICE_HOURS` — office periods, default `09:00-12:00,13:30-17:30` (Asia/Shanghai);
 * - `ONEGO_HOLIDAY_FILE` — a JSON holiday file adding years `chinese-days` lacks (see `holiday-file.ts`);
 * - `ONEGO_HOLIDAY_UNCOVERED` — `refuse` (default) or `weekends-only` for years without data.
 */
import { BusinessCalendar } from './business-calendar';
import { loadHolidayFile } from './holiday-file';
import { HolidayTable, type UncoveredYearPolicy } from './holiday-table';

const cache = new Map<string, BusinessCalendar>();

function policyOf(value: string | undefined): UncoveredYearPolicy {
  const policy = value?.trim() || 'refuse';
  if (policy !== 'refuse' && policy !== 'weekends-only') {
    throw new Error(`Expected ONEGO_HOLIDAY_UNCOVERED to be 'refuse' or 'weekends-only', but got '${value}'`);
  }
  return policy;
}

/**
 * The calendar for an environment. Built once per distinct setting (the holiday file is read then;
 * restart the workers after editing it). `warn` receives uncovered-year warnings.
 */
export function calendarFromEnv(env: Record<string, string | undefined>, warn: (message: string) => void = console.warn): BusinessCalendar {
  const holidayFile = env.ONEGO_HOLIDAY_FILE?.trim() || undefined;
  const officeHours = env.ONEGO_OFFICE_HOURS?.trim() || undefined;
  const policy = policyOf(env.ONEGO_HOLIDAY_UNCOVERED);
  const key = JSON.stringify([holidayFile, officeHours, policy]);
  let calendar = cache.get(key);
  if (!calendar) {
    const holidays = new HolidayTable({
      extraYears: holidayFile ? loadHolidayFile(holidayFile) : undefined,
      extraSource: holidayFile,
      uncoveredYears: policy,
      warn,
    });
    calendar = new BusinessCalendar({ officeHours, holidays });
    cache.set(key, calendar);
  }
  return calendar;
}
