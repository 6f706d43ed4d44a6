import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { BusinessCalendar, formatInstant, HolidayTable, parseHolidayFile } from '../../../workers/calendar';

const calendar = new BusinessCalendar();

describe('BusinessCalendar', () => {
  describe('isWorkingDay', () => {
    const days: Array<[string, boolean, string]> = [
      ['2025-09-26', true, 'the Friday before National Day'],
      ['2025-09-27', false, 'a plain Saturday'],
      ['2025-09-28', true, 'Sunday 28 September, a 调休 make-up working day'],
      ['2025-09-30', true, 'the Tuesday before National Day'],
      ['2025-10-01', false, 'National Day'],
      ['2025-10-06', false, 'Mid-autumn inside the National Day block'],
      ['2025-10-08', false, 'the last day of the National Day block'],
      ['2025-10-09', true, 'the Thursday after National Day'],
      ['2025-10-11', true, 'Saturday 11 October, a 调休 make-up working day'],
      ['2025-10-12', false, 'the Sunday after it'],
      ['2026-02-14', true, 'Saturday 14 February 2026, a Spring Festival make-up day'],
      ['2026-02-15', false, 'the first day of Spring Festival 2026'],
      ['2026-02-17', false, 'Spring Festival 2026 (New Year’s Day of the lunar calendar)'],
      ['2026-02-23', false, 'the last day of Spring Festival 2026'],
      ['2026-02-24', true, 'the Tuesday after Spring Festival 2026'],
      ['2026-02-28', true, 'Saturday 28 February 2026, a Spring Festival make-up day'],
    ];
    for (const [date, working, what] of days) {
      it(`says ${date} (${what}) is ${working ? 'a working day' : 'a day off'}`, () => {
        expect(calendar.isWorkingDay(date)).to.equal(working);
      });
    }

    it('takes the Shanghai date of an instant, whatever offset it is written in', () => {
      // 16:30 UTC on 30 September is 00:30 on 1 October in Shanghai.
      expect(calendar.isWorkingDay('2025-09-30T16:30:00Z')).to.equal(false);
      expect(calendar.isWorkingDay('2025-09-30T15:30:00Z')).to.equal(true);
      expect(calendar.isWorkingDay(new Date('2025-09-30T23:59:00+08:00'))).to.equal(true);
    });
  });

  describe('addWorkingMinutes and addWorkingDays', () => {
    const cases: Array<[string, string, number, string]> = [
      ['within a morning', '2025-09-29T09:00:00+08:00', 60, '2025-09-29T10:00:00+08:00'],
      ['to the end of the morning, not to the next opening', '2025-09-29T09:00:00+08:00', 180, '2025-09-29T12:00:00+08:00'],
      ['across the lunch break', '2025-09-30T11:30:00+08:00', 60, '2025-09-30T14:00:00+08:00'],
      ['from the lunch break, starting at 13:30', '2025-09-30T12:15:00+08:00', 30, '2025-09-30T14:00:00+08:00'],
      ['from before opening, starting at 09:00', '2025-09-29T07:00:00+08:00', 30, '2025-09-29T09:30:00+08:00'],
      ['from after closing, starting next working morning', '2025-09-29T18:00:00+08:00', 30, '2025-09-30T09:30:00+08:00'],
      ['zero minutes on a Saturday: the next office opening, the make-up Sunday', '2025-09-27T10:00:00+08:00', 0, '2025-09-28T09:00:00+08:00'],
      ['from Friday evening into the make-up Sunday 28 September', '2025-09-26T17:00:00+08:00', 60, '2025-09-28T09:30:00+08:00'],
      ['over the whole National Day block', '2025-09-30T16:00:00+08:00', 210, '2025-10-09T11:00:00+08:00'],
      ['from Friday 10 October into the make-up Saturday 11 October', '2025-10-10T17:00:00+08:00', 60, '2025-10-11T09:30:00+08:00'],
      ['from the Spring Festival make-up Saturday over the festival', '2026-02-14T17:00:00+08:00', 60, '2026-02-24T09:30:00+08:00'],
      ['given in UTC, answered in Shanghai time', '2025-09-30T08:00:00Z', 420, '2025-10-09T16:00:00+08:00'],
    ];
    for (const [what, start, minutes, expected] of cases) {
      it(`adds ${minutes} working minutes ${what}`, () => {
        expect(formatInstant(calendar.addWorkingMinutes(start, minutes))).to.equal(expected);
      });
    }

    const dayCases: Array<[string, number, string]> = [
      ['2025-09-30T16:00:00+08:00', 0.5, '2025-10-09T11:00:00+08:00'],
      ['2025-09-30T16:00:00+08:00', 1, '2025-10-09T16:00:00+08:00'],
      ['2025-10-10T09:00:00+08:00', 1, '2025-10-10T17:30:00+08:00'],
      ['2025-09-25T09:00:00+08:00', 5, '2025-09-30T17:30:00+08:00'],
      ['2025-09-29T09:00:00+08:00', 3, '2025-10-09T17:30:00+08:00'],
      ['2025-10-09T13:30:00+08:00', 2.5, '2025-10-11T17:00:00+08:00'],
      ['2026-02-14T09:00:00+08:00', 2, '2026-02-24T17:30:00+08:00'],
      ['2026-02-12T09:00:00+08:00', 5, '2026-02-25T17:30:00+08:00'],
    ];
    for (const [start, days, expected] of dayCases) {
      it(`adds ${days} working day(s) to ${start} giving ${expected}`, () => {
        expect(formatInstant(calendar.addWorkingDays(start, days))).to.equal(expected);
      });
    }

    it('counts "2 hours" as office hours', () => {
      expect(formatInstant(calendar.addWorkingHours('2025-09-30T11:00:00+08:00', 2))).to.equal('2025-09-30T14:30:00+08:00');
    });

    it('refuses negative or non-finite amounts', () => {
      expect(() => calendar.addWorkingMinutes('2025-09-30T11:00:00+08:00', -1)).to.throw(/non-negative number of working minutes, but got -1/);
      expect(() => calendar.addWorkingDays('2025-09-30T11:00:00+08:00', Number.NaN)).to.throw(/working days, but got NaN/);
    });

    it('refuses a date-time without an offset instead of guessing the zone', () => {
      expect(() => calendar.addWorkingMinutes('2025-09-30T11:00:00', 1)).to.throw(/with an offset/);
    });

    it('reads Java-style instants with nanoseconds and a region id', () => {
      expect(formatInstant(calendar.addWorkingMinutes('2025-09-30T11:00:00.123456789+08:00[Asia/Shanghai]', 0))).to.equal(
        '2025-09-30T11:00:00.123+08:00',
      );
    });
  });

  describe('workingMinutesBetween', () => {
    const cases: Array<[string, string, number]> = [
      ['2025-09-30T16:00:00+08:00', '2025-10-09T16:00:00+08:00', 420],
      ['2025-10-01T00:00:00+08:00', '2025-10-08T23:59:00+08:00', 0],
      ['2025-09-30T12:10:00+08:00', '2025-09-30T13:20:00+08:00', 0],
      ['2025-09-27T00:00:00+08:00', '2025-09-29T00:00:00+08:00', 420],
      ['2026-02-13T09:00:00+08:00', '2026-02-25T09:00:00+08:00', 1260],
      ['2025-09-30T10:00:00+08:00', '2025-09-30T10:00:30+08:00', 0.5],
    ];
    for (const [from, to, minutes] of cases) {
      it(`counts ${minutes} office minutes from ${from} to ${to}`, () => {
        expect(calendar.workingMinutesBetween(from, to)).to.equal(minutes);
      });
    }

    it('is negative when the second instant comes first', () => {
      expect(calendar.workingMinutesBetween('2025-10-09T16:00:00+08:00', '2025-09-30T16:00:00+08:00')).to.equal(-420);
    });

    it('agrees with addWorkingMinutes over a holiday', () => {
      const start = '2026-02-10T10:17:00+08:00';
      const due = calendar.addWorkingMinutes(start, 2345);
      expect(calendar.workingMinutesBetween(start, due)).to.equal(2345);
    });
  });

  describe('years without holiday data', () => {
    it('covers exactly the years chinese-days bundles, 2004 to 2026', () => {
      const years = calendar.coveredYears();
      expect(years[0]).to.equal(2004);
      expect(years[years.length - 1]).to.equal(2026);
    });

    it('counts into 2027 Monday to Friday less the holidays the law fixes, and reports the year, so the result can be marked provisional', () => {
      // given the bundled calendar, which ends with 2026
      // when counting two working days from the last day of 2026
      const { value, uncoveredYears } = calendar.provisionally(() => calendar.addWorkingDays('2026-12-31T09:00:00+08:00', 2));
      // then Friday 1 January 2027 (元旦, fixed by law whatever the notice says) is skipped and 2027 is reported
      expect(formatInstant(value)).to.equal('2027-01-04T17:30:00+08:00');
      expect(uncoveredYears).to.deep.equal([2027]);
    });

    it('reports nothing for a count that stays inside covered years', () => {
      expect(calendar.provisionally(() => calendar.addWorkingDays('2026-12-30T09:00:00+08:00', 1)).uncoveredYears).to.deep.equal([]);
    });

    it('reports years before 2004 too', () => {
      expect(calendar.provisionally(() => calendar.isWorkingDay('2003-06-02'))).to.deep.equal({ value: true, uncoveredYears: [2003] });
    });

    it('uses a holiday file for a new year', () => {
      // given an illustrative 2027 arrangement (not the official one): 1 January off, Saturday 9 January worked
      const extraYears = parseHolidayFile(JSON.stringify({ 2027: { holidays: ['2027-01-01'], workdays: ['2027-01-09'] } }), 'test.json');
      const withFile = new BusinessCalendar({ holidays: new HolidayTable({ extraYears, extraSource: 'test.json' }) });
      // when counting two working days from the last day of 2026
      // then Friday 1 January is skipped, and the make-up Saturday counts
      expect(formatInstant(withFile.addWorkingDays('2026-12-31T09:00:00+08:00', 2))).to.equal('2027-01-04T17:30:00+08:00');
      expect(withFile.isWorkingDay('2027-01-09')).to.equal(true);
      expect(withFile.isWorkingDay('2027-01-01')).to.equal(false);
      expect(withFile.provisionally(() => withFile.isWorkingDay('2028-01-03')).uncoveredYears).to.deep.equal([2028]);
    });

    it('warns once per uncovered year and names the command that adds it', () => {
      const warnings: string[] = [];
      const lenient = new BusinessCalendar({ holidays: new HolidayTable({ warn: (line) => warnings.push(line) }) });
      expect(formatInstant(lenient.addWorkingDays('2026-12-31T09:00:00+08:00', 3))).to.equal('2027-01-05T17:30:00+08:00');
      lenient.isWorkingDay('2027-05-03');
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.match(/no data for 2027.*期限暂定.*onego calendar import 2027/);
    });
  });

  describe('office hours', () => {
    it('defaults to 420 minutes a day', () => {
      expect(calendar.minutesPerWorkingDay).to.equal(420);
    });

    it('uses configured office hours for a working day and for fractions of one', () => {
      const longer = new BusinessCalendar({ officeHours: '08:30-12:00, 14:00-18:00' });
      expect(longer.minutesPerWorkingDay).to.equal(450);
      expect(formatInstant(longer.addWorkingDays('2025-09-30T08:00:00+08:00', 0.5))).to.equal('2025-09-30T14:15:00+08:00');
      expect(formatInstant(longer.addWorkingDays('2025-09-30T08:00:00+08:00', 1))).to.equal('2025-09-30T18:00:00+08:00');
    });

    const bad: Array<[string, RegExp]> = [
      ['9-12', /not a time of day/],
      ['09:00-12:00,11:00-17:00', /overlaps or is out of order/],
      ['12:00-09:00', /end after it starts/],
      ['', /at least one office period/],
      ['09:00-25:00', /not a time of day/],
    ];
    for (const [text, message] of bad) {
      it(`refuses office hours '${text}' with a clear error`, () => {
        expect(() => new BusinessCalendar({ officeHours: text })).to.throw(message);
      });
    }
  });

  it('gives the same answers when the machine runs in another time zone', () => {
    // given a process whose TZ is New York (UTC-4/-5), then Pacific/Kiritimati (UTC+14)
    const script = `import('./workers/calendar/index.ts').then((m) => {
      const c = new m.BusinessCalendar();
      console.log(JSON.stringify([
        m.formatInstant(c.addWorkingDays('2025-09-30T16:00:00+08:00', 1)),
        m.formatInstant(c.addWorkingMinutes('2026-02-14T17:00:00+08:00', 60)),
        c.isWorkingDay('2025-09-28'), c.isWorkingDay('2025-09-30T16:30:00Z'),
        c.workingMinutesBetween('2026-02-13T09:00:00+08:00', '2026-02-25T09:00:00+08:00'),
      ]));
    });`;
    for (const zone of ['America/New_York', 'Pacific/Kiritimati']) {
      // when the calendar computes in that process
      const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', env: { ...process.env, TZ: zone } });
      // then the answers are the Shanghai ones
      expect(result.status, result.stderr).to.equal(0);
      expect(JSON.parse(result.stdout.trim())).to.deep.equal(['2025-10-09T16:00:00+08:00', '2026-02-24T09:30:00+08:00', true, false, 1260]);
    }
  });
});
