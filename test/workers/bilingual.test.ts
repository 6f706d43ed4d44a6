import { expect } from 'chai';
import { bilingual, halvesOf } from '../../workers/bilingual';
import { BusinessCalendar, checkCalendarFile, parseHolidayFile, parseInstant, parseOfficeHours, readCalendarFile } from '../../workers/calendar';
import { statutoryHolidays } from '../../workers/calendar/statutory-holidays';
import { chooseImplementation, simulationSettings } from '../../workers/external/simulated-call';
import { warnRuleFromEnv } from '../../workers/lights';
import { resolveNotificationChannel } from '../../workers/notify/resolve-channel';
import { createWebhookChannel } from '../../workers/notify/webhook-channel';

const CJK = /[\u4e00-\u9fff]/;
const quiet = { info: () => undefined, warn: () => undefined };
const config = (env: Record<string, string>) => ({ env, random: () => 0.5 });

/** The message `run` throws. */
function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected it to throw');
}

/** Each refusal, and what the Chinese half must name for staff and operators to act on it. */
const refusals: Array<[string, () => unknown, RegExp]> = [
  ['a holiday file that is not JSON', () => parseHolidayFile('{', 'h.json'), /节假日文件 h\.json 不是有效的 JSON/],
  ['a holiday file keyed by something else than years', () => parseHolidayFile('{"next": {"holidays": []}}', 'h.json'), /键须为年份/],
  ['a holiday file with an impossible date', () => parseHolidayFile('{"2027": {"holidays": ["2027-02-30"]}}', 'h.json'), /h\.json 2027\.holidays 中有无效日期：「2027-02-30」不是真实存在的日期$/],
  ['a holiday file with a weekday as 调休 workday', () => parseHolidayFile('{"2027": {"holidays": [], "workdays": ["2027-01-04"]}}', 'h.json'), /调休上班日 2027-01-04 须在周末/],
  ['a holiday file listing a day as both', () => parseHolidayFile('{"2027": {"holidays": ["2027-01-02"], "workdays": ["2027-01-02"]}}', 'h.json'), /同时列为放假日和调休上班日/],
  ['a calendar file of the wrong year', () => checkCalendarFile({ year: 2028, papers: [], days: [] }, '2027.json', 2027), /日历文件 2027\.json：文件名表示 2027 年，内容却是 2028 年/],
  ['a calendar file with a date listed twice', () => checkCalendarFile({ year: 2027, papers: [], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }, { name: '元旦', date: '2027-01-01', isOffDay: true }] }, '2027.json'), /2027-01-01 列了两次/],
  ['a calendar file with a bad date', () => checkCalendarFile({ year: 2027, papers: [], days: [{ name: '元旦', date: '2027-13-01', isOffDay: true }] }, '2027.json'), /日历文件 2027\.json：有无效日期：「2027-13-01」不是真实存在的日期$/],
  ['a calendar file that cannot be read', () => readCalendarFile('/nonexistent/2027.json'), /日历文件 \/nonexistent\/2027\.json 无法读取/],
  ['office hours that are not times of day', () => parseOfficeHours('9-12'), /办公时间须写成/],
  ['office periods out of order', () => parseOfficeHours('13:30-17:30,09:00-12:00'), /办公时段须按时间先后排列且互不重叠/],
  ['an instant without an offset', () => parseInstant('2025-10-09T10:00:00'), /时间须为带时区的 ISO-8601 格式/],
  ['a negative number of working days', () => new BusinessCalendar().addWorkingDays('2025-10-09T10:00:00+08:00', -1), /工作日数须为不小于 0 的有限数/],
  ['a year before the revised holiday rules', () => statutoryHolidays(2024), /年份须不早于 2025 年/],
  ['a warn percentage out of range (settings)', () => warnRuleFromEnv({ ONEGO_WARN_ELAPSED_PERCENT: '120' }), /设置 ONEGO_WARN_ELAPSED_PERCENT 须为 0 到 100 之间的数/],
  ['an unknown notification channel (settings)', () => resolveNotificationChannel(config({ ONEGO_NOTIFY_CHANNEL: 'sms' }), quiet), /设置 ONEGO_NOTIFY_CHANNEL 须为 log 或 webhook/],
  ['a webhook that is not an http(s) URL (settings)', () => createWebhookChannel({ url: 'ftp://example.org' }), /ONEGO_NOTIFY_WEBHOOK_URL 须为 http\(s\) 网址/],
  ['a simulated delay out of range (settings)', () => simulationSettings(config({ ONEGO_SIM_DELAY_MS: '9999' })), /设置 ONEGO_SIM_DELAY_MS 须为/],
  ['an unknown external system adapter (settings)', () => chooseImplementation(config({ ONEGO_EXTERNAL_TAX: 'real' }), 'TAX', { simulated: () => 1 }), /设置 ONEGO_EXTERNAL_TAX 须为 simulated 之一/],
];

describe('the workers\' two-language messages', () => {
  it('split into their Chinese and English halves, a one-language message standing for both', () => {
    expect(halvesOf(bilingual('日期无效', 'Expected a real date'))).to.deep.equal(['日期无效', 'Expected a real date']);
    expect(halvesOf('Expected a / b')).to.deep.equal(['Expected a / b', 'Expected a / b']);
  });
});

describe('calendar, holiday-file and settings errors of the workers', () => {
  for (const [what, run, chinese] of refusals) {
    it(`refuse ${what} in Chinese first, then in English after " / "`, () => {
      const message = messageOf(run);
      const [zh, ...rest] = message.split(' / ');
      expect(zh, message).to.match(CJK).and.to.match(chinese);
      // the English half is what it always was (a developer searches for "Expected …"), with no Chinese sentence before it
      expect(rest.join(' / '), message).to.match(/^Expected /);
      expect(zh, message).not.to.include('Expected');
    });
  }
});
