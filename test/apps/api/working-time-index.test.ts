import { expect } from 'chai';
import { WorkingTimeIndex } from '../../../apps/api/working-time-index';
import { calendarFromEnv } from '../../../workers/calendar';

describe('office minutes from a per-day running total', function () {
  const calendar = calendarFromEnv({ ONEGO_HOLIDAY_UNCOVERED: 'weekends-only' });

  it("counts the same office minutes as the calendar's own walk over the days, across holidays, 调休 days, lunch and nights", function () {
    const index = new WorkingTimeIndex(calendar);
    const base = Date.parse('2025-09-20T07:13:00+08:00');
    // later instants first, then earlier ones, so the index grows at both ends
    const instants = Array.from({ length: 60 }, (_, step) => base + ((step * 7919) % 60) * 9_733_000 - 20 * 86_400_000).reverse();
    for (const to of instants.slice(0, 12)) {
      for (const from of instants) {
        expect(index.minutesBetween(from, to)).to.be.closeTo(calendar.workingMinutesBetween(new Date(from), new Date(to)), 1e-6);
      }
    }
  });

  it('keeps counting right when a later question reaches further back than the earlier ones', function () {
    const index = new WorkingTimeIndex(calendar);
    const late = Date.parse('2025-10-09T10:00:00+08:00');
    const early = Date.parse('2025-09-22T09:00:00+08:00');

    index.minutesBetween(late, late + 86_400_000);

    expect(index.minutesBetween(early, late)).to.equal(calendar.workingMinutesBetween(new Date(early), new Date(late)));
    expect(index.minutesBetween(early, late)).to.equal(8 * 420 + 60);
  });
});
