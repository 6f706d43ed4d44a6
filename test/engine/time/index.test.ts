import { expect } from 'chai';
import { resolveTimeDate, resolveTimeDuration } from '../../../engine/time';

const at = (iso: string) => Date.parse(iso);

describe('timer dates and durations', () => {
  describe('resolveTimeDate reads an ISO date-time with an offset or a zone id (Zeebe timeDate)', () => {
    const rows: [string, string][] = [
      ['2025-03-01T09:00:00Z', '2025-03-01T09:00:00.000Z'],
      ['2025-03-01T09:00:00.5Z', '2025-03-01T09:00:00.500Z'],
      ['2025-03-01T09:00Z', '2025-03-01T09:00:00.000Z'],
      ['2025-03-01T09:00:00+08:00', '2025-03-01T01:00:00.000Z'],
      ['2025-03-01T09:00:00-0500', '2025-03-01T14:00:00.000Z'],
      ['2025-03-01T09:00:00+08:00[Asia/Shanghai]', '2025-03-01T01:00:00.000Z'],
      ['2025-03-01T09:00:00[Asia/Shanghai]', '2025-03-01T01:00:00.000Z'],
      ['2025-07-01T09:00:00[Europe/Berlin]', '2025-07-01T07:00:00.000Z'],
      ['2025-01-01T09:00:00[Europe/Berlin]', '2025-01-01T08:00:00.000Z'],
      // a wall-clock time in the spring-forward gap moves forward by the gap, as java.time does
      ['2025-03-30T02:30:00[Europe/Berlin]', '2025-03-30T01:30:00.000Z'],
      // an ambiguous wall-clock time in the autumn overlap takes the earlier offset, as java.time does
      ['2025-10-26T02:30:00[Europe/Berlin]', '2025-10-26T00:30:00.000Z'],
    ];
    for (const [text, expected] of rows) {
      it(`${text} → ${expected}`, () => {
        const result = resolveTimeDate(text);
        expect(result.ok && new Date(result.value).toISOString()).to.equal(expected);
      });
    }

    const refused: [unknown, RegExp][] = [
      ['2025-03-01T09:00:00', /it has no offset or zone/],
      ['2025-02-30T09:00:00Z', /no such date or time/],
      ['2025-03-01T25:00:00Z', /no such date or time/],
      ['2025-03-01T09:00:00[Mars/Olympus]', /unknown time zone 'Mars\/Olympus'/],
      ['2025-03-01', /Expected a date-time in ISO-8601 format/],
      ['tomorrow', /but was 'tomorrow'/],
      [42, /but was 42/],
      [null, /but was null/],
    ];
    for (const [value, failure] of refused) {
      it(`refuses ${JSON.stringify(value)} with ${failure}`, () => {
        const result = resolveTimeDate(value);
        expect(result.ok).to.equal(false);
        expect(!result.ok && result.failure).to.match(failure);
      });
    }
  });

  describe('resolveTimeDuration adds an ISO-8601 duration to the start (Zeebe timeDuration)', () => {
    const from = at('2025-01-31T10:00:00Z');
    const rows: [string, string][] = [
      ['PT10S', '2025-01-31T10:00:10.000Z'],
      ['PT1.5S', '2025-01-31T10:00:01.500Z'],
      ['PT90M', '2025-01-31T11:30:00.000Z'],
      ['PT36H', '2025-02-01T22:00:00.000Z'],
      ['P1D', '2025-02-01T10:00:00.000Z'],
      ['P2W', '2025-02-14T10:00:00.000Z'],
      ['P1W2D', '2025-02-09T10:00:00.000Z'],
      // months are calendar months: Jan 31 + 1 month is the last day of February
      ['P1M', '2025-02-28T10:00:00.000Z'],
      ['P1Y1M', '2026-02-28T10:00:00.000Z'],
      ['P1Y2M3DT4H5M6.7S', '2026-04-03T14:05:06.700Z'],
      ['-PT1H', '2025-01-31T09:00:00.000Z'],
      ['PT0S', '2025-01-31T10:00:00.000Z'],
    ];
    for (const [text, expected] of rows) {
      it(`${text} → ${expected}`, () => {
        const result = resolveTimeDuration(text, from);
        expect(result.ok && new Date(result.value).toISOString()).to.equal(expected);
      });
    }

    it('a leap day plus one year lands on Feb 28', () => {
      const result = resolveTimeDuration('P1Y', at('2024-02-29T00:00:00Z'));
      expect(result.ok && new Date(result.value).toISOString()).to.equal('2025-02-28T00:00:00.000Z');
    });

    for (const value of ['P', 'PT', 'P1DT', '10 minutes', 'PT1H30', 'P1.5D', '', 3600, undefined]) {
      it(`refuses ${JSON.stringify(value)}`, () => {
        const result = resolveTimeDuration(value, from);
        expect(!result.ok && result.failure).to.match(/^Expected a duration in ISO-8601 format/);
      });
    }
  });
});
