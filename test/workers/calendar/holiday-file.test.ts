import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { calendarFromEnv, formatInstant, loadHolidayFile, parseHolidayFile } from '../../../workers/calendar';

describe('the holiday file', () => {
  it('reads holidays and make-up workdays per year', () => {
    const years = parseHolidayFile('{"2027": {"holidays": ["2027-10-01"], "workdays": ["2027-09-26"]}}', 'h.json');
    expect([...years.get(2027)!.holidays]).to.deep.equal(['2027-10-01']);
    expect([...years.get(2027)!.workdays]).to.deep.equal(['2027-09-26']);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['is not JSON', '{', /Expected the holiday file h\.json to be JSON/],
    ['is an array', '[]', /object keyed by year/],
    ['has a key that is not a year', '{"next": {"holidays": []}}', /found "next"/],
    ['lacks the holidays list', '{"2027": {"workdays": []}}', /2027\.holidays to be an array/],
    ['lists an impossible date', '{"2027": {"holidays": ["2027-02-30"]}}', /real dates.*2027-02-30/],
    ['lists a date of another year', '{"2027": {"holidays": ["2028-01-01"]}}', /dates of 2027, but it holds 2028-01-01/],
    ['lists a day as both', '{"2027": {"holidays": ["2027-01-02"], "workdays": ["2027-01-02"]}}', /listed as both/],
    ['makes a weekday a make-up day', '{"2027": {"holidays": [], "workdays": ["2027-01-04"]}}', /2027-01-04.*fall on a weekend/],
  ];
  for (const [what, text, message] of bad) {
    it(`is refused with a clear error when it ${what}`, () => {
      expect(() => parseHolidayFile(text, 'h.json')).to.throw(message);
    });
  }

  describe('through ONEGO_HOLIDAY_FILE', () => {
    let folder: string;
    beforeEach(async () => {
      folder = await mkdtemp(path.join(tmpdir(), 'onego-holidays-'));
    });
    afterEach(async () => {
      await rm(folder, { recursive: true, force: true });
    });

    it('extends the calendar the workers use', async () => {
      // given a holiday file for 2027 (illustrative data)
      const file = path.join(folder, 'holidays.json');
      await writeFile(file, JSON.stringify({ 2027: { holidays: ['2027-01-01'], workdays: [] } }));
      // when a calendar is built from the environment
      const calendar = calendarFromEnv({ ONEGO_HOLIDAY_FILE: file });
      // then it counts into 2027, skipping 1 January
      expect(formatInstant(calendar.addWorkingDays('2026-12-31T09:00:00+08:00', 2))).to.equal('2027-01-04T17:30:00+08:00');
      expect(calendar.coveredYears()).to.include(2027);
    });

    it('names the missing file', () => {
      expect(() => loadHolidayFile(path.join(folder, 'missing.json'))).to.throw(/Expected to read the holiday file .*missing\.json \(ONEGO_HOLIDAY_FILE\)/);
    });

    it('applies ONEGO_OFFICE_HOURS', () => {
      expect(calendarFromEnv({ ONEGO_OFFICE_HOURS: '09:00-12:00' }).minutesPerWorkingDay).to.equal(180);
    });
  });
});
