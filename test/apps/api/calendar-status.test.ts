import { expect } from 'chai';
import { CalendarDailyWarning } from '../../../apps/api/calendar-daily-warning';
import { calendarStatus, calendarWarning } from '../../../apps/api/calendar-status';
import { BusinessCalendar } from '../../../workers/calendar';

const calendar = new BusinessCalendar();
const at = (local: string) => Date.parse(`${local}+08:00`);

describe('the calendar banner', () => {
  it('says nothing on 31 October when no open deadline is provisional', () => {
    expect(calendarStatus(calendar, [], at('2026-10-31T23:59:00')).warning).to.equal(null);
  });

  it('warns from 1 November (Shanghai time) that next year has no data', () => {
    const status = calendarStatus(calendar, [], at('2026-11-01T00:00:00'));
    expect(status.warning).to.equal('2027年节假日安排尚未导入：跨入2027年的办理期限将暂按周一至周五、扣除法定节日计算。国务院通知公布后请及时导入。');
    expect(status.missingYears).to.deep.equal([2027]);
    expect(status.provisional).to.deep.equal({ openDeadlines: 0, years: [] });
  });

  it('puts provisional open deadlines first and does not repeat the same year', () => {
    expect(calendarWarning(3, [2027], 2027)).to.equal('有3个在办期限为暂定：2027年节假日安排尚未导入，暂按周一至周五、扣除法定节日计算。国务院通知公布后请导入，期限将自动重算。');
  });
});

describe('the daily calendar warning', () => {
  it('is sent once per Shanghai day of the engine clock while there is a warning', async () => {
    // given an engine clock on 1 November and a warning that holds
    let now = at('2026-11-01T09:00:00');
    let warning: string | null = '2027年节假日安排尚未导入';
    const sent: string[] = [];
    const daily = new CalendarDailyWarning({ now: () => now, warning: () => warning, send: (text) => void sent.push(text) });
    // when it is checked several times that day, the next day, and after the year was imported
    await daily.check();
    now = at('2026-11-01T23:59:00');
    await daily.check();
    now = at('2026-11-02T09:00:00');
    await daily.check();
    now = at('2026-11-03T09:00:00');
    warning = null;
    await daily.check();
    // then it went out once on each of the two days, and not once the warning was gone
    expect(sent).to.deep.equal(['2027年节假日安排尚未导入', '2027年节假日安排尚未导入']);
  });

  it('looks at the banner at most every ten minutes of engine time, so commits stay cheap', async () => {
    let now = at('2026-11-05T09:00:00');
    let looks = 0;
    let warning: string | null = null;
    const daily = new CalendarDailyWarning({ now: () => now, warning: () => (looks++, warning), send: () => undefined });
    await daily.check();
    now = at('2026-11-05T09:05:00');
    warning = '有1个在办期限为暂定';
    expect(await daily.check()).to.equal(null);
    now = at('2026-11-05T09:10:00');
    expect(await daily.check()).to.equal('有1个在办期限为暂定');
    expect(looks).to.equal(2);
  });

  it('tries again after a failed send', async () => {
    let fail = true;
    const sent: string[] = [];
    const daily = new CalendarDailyWarning({
      now: () => at('2026-11-05T09:00:00'),
      warning: () => '警告',
      send: (text) => {
        if (fail) throw new Error('webhook down');
        sent.push(text);
      },
    });
    await daily.check().catch(() => undefined);
    fail = false;
    await daily.check();
    expect(sent).to.deep.equal(['警告']);
  });
});
