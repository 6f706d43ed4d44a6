import { expect } from 'chai';
import { bundledHolidayYears } from '../../../workers/calendar/holiday-table';
import { statutoryHolidays } from '../../../workers/calendar/statutory-holidays';

describe('the holidays the law fixes (全国年节及纪念日放假办法, revised 2024)', () => {
  for (const year of [2025, 2026]) {
    it(`are all days off in the State Council's published ${year} arrangement`, () => {
      const published = bundledHolidayYears.get(year)!;
      const days = statutoryHolidays(year);
      // 元旦 1, 春节 4, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆节 3
      expect(days.size).to.equal(13);
      for (const [day, name] of days) expect(published.holidays.has(day), `${day} (${name}) is off in ${year}`).to.equal(true);
    });
  }

  it('finds 2027’s lunar festivals and the Qingming solar term', () => {
    const days = statutoryHolidays(2027);
    const byName = (name: string) => [...days].filter(([, festival]) => festival === name).map(([day]) => day);
    expect(byName('春节')).to.deep.equal(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
    expect(byName('清明')).to.deep.equal(['2027-04-05']);
    expect(byName('端午')).to.deep.equal(['2027-06-09']);
    expect(byName('中秋')).to.deep.equal(['2027-09-15']);
    expect(byName('元旦')).to.deep.equal(['2027-01-01']);
  });

  it('refuses a year before the revised rules (those years are published)', () => {
    expect(() => statutoryHolidays(2024)).to.throw(RangeError, /from 2025/);
  });
});
